package dev.syndicast.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A person's role in one workspace; a person may belong to several workspaces. */
@Entity
@Table(name = "memberships")
@NamedQuery(name = Membership.FIND_BY_USER, query =
        "select m from Membership m join fetch m.workspace where m.user.id = :userId order by m.createdAt, m.workspace.slug")
@NamedQuery(name = Membership.FIND_BY_WORKSPACE, query =
        "select m from Membership m join fetch m.user where m.workspace.id = :workspaceId order by m.user.email")
public class Membership {

    public static final String FIND_BY_USER = "Membership.findByUser";
    public static final String FIND_BY_WORKSPACE = "Membership.findByWorkspace";

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "user_id")
        private UUID userId;
        @Column(name = "workspace_id")
        private UUID workspaceId;

        protected Key() {
            // JPA
        }

        public Key(UUID userId, UUID workspaceId) {
            this.userId = userId;
            this.workspaceId = workspaceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(workspaceId, k.workspaceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, workspaceId);
        }
    }

    @EmbeddedId
    private Key id;

    // Eager: a membership is always shown with its person and workspace, also after the transaction.
    @MapsId("userId")
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @MapsId("workspaceId")
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Membership() {
        // JPA
    }

    public Membership(User user, Workspace workspace, Role role, Instant now) {
        this.id = new Key(user.getId(), workspace.getId());
        this.user = user;
        this.workspace = workspace;
        this.role = Objects.requireNonNull(role, "role");
        this.createdAt = now;
    }

    public void changeRole(Role newRole) {
        this.role = Objects.requireNonNull(newRole, "role");
    }

    public User getUser() { return user; }
    public Workspace getWorkspace() { return workspace; }
    public Role getRole() { return role; }
    public Instant getCreatedAt() { return createdAt; }
}
