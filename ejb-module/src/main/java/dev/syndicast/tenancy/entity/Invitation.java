package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An offer to a person who already has an account to join a workspace with a role. Only the person answers it
 * (accept or decline, with their own session) and only while it is pending and not expired; the workspace may
 * revoke it until then. The membership is made on acceptance, never before.
 */
@Entity
@Table(name = "invitations")
@NamedQuery(name = Invitation.FIND_FOR_USER, query = """
        select i from Invitation i join fetch i.workspace where i.user.id = :userId and i.status = :status
        and i.expiresAt > :now order by i.createdAt desc""")
@NamedQuery(name = Invitation.FIND_BY_WORKSPACE, query = """
        select i from Invitation i join fetch i.user where i.workspace.id = :workspaceId order by i.createdAt desc""")
@NamedQuery(name = Invitation.FIND_PENDING, query = """
        select i from Invitation i where i.workspace.id = :workspaceId and i.user.id = :userId and i.status = :status""")
public class Invitation {

    public static final String FIND_FOR_USER = "Invitation.findForUser";
    public static final String FIND_BY_WORKSPACE = "Invitation.findByWorkspace";
    public static final String FIND_PENDING = "Invitation.findPending";

    public enum Status {
        PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "invited_by", length = 200)
    private String invitedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected Invitation() {
        // JPA
    }

    public Invitation(Workspace workspace, User user, Role role, String invitedBy, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.user = Objects.requireNonNull(user, "user");
        this.role = Objects.requireNonNull(role, "role");
        this.invitedBy = invitedBy == null || invitedBy.length() <= 200 ? invitedBy : invitedBy.substring(0, 200);
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("An invitation must expire after it is made");
        }
        this.status = Status.PENDING;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Whether the person can still answer it. */
    public boolean isOpen(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }

    /** The person joins: answers the membership to store. */
    public Membership accept(Instant now) {
        requireOpen(now, "be accepted");
        status = Status.ACCEPTED;
        answeredAt = now;
        return new Membership(user, workspace, role, now);
    }

    public void decline(Instant now) {
        requireOpen(now, "be declined");
        status = Status.DECLINED;
        answeredAt = now;
    }

    /** The workspace withdraws it before the person answered. */
    public void revoke(Instant now) {
        requireOpen(now, "be revoked");
        status = Status.REVOKED;
        answeredAt = now;
    }

    /** Closes an invitation that expired unanswered, so that the workspace may send the person a new one. */
    public void lapse(Instant now) {
        if (status != Status.PENDING || now.isBefore(expiresAt)) {
            throw new IllegalTransitionException("Invitation", statusAt(now), "lapse");
        }
        status = Status.EXPIRED;
    }

    /** The status as shown: a pending invitation past its expiry is "expired". */
    public String statusAt(Instant now) {
        return status == Status.PENDING && !now.isBefore(expiresAt) ? "expired" : status.wire();
    }

    private void requireOpen(Instant now, String action) {
        if (!isOpen(now)) {
            throw new IllegalTransitionException("Invitation", statusAt(now), action);
        }
    }

    public UUID getId() { return id; }
    public Workspace getWorkspace() { return workspace; }
    public User getUser() { return user; }
    public Role getRole() { return role; }
    public String getInvitedBy() { return invitedBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getAnsweredAt() { return answeredAt; }
}
