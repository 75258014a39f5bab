package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A logged-in person. The token is opaque and random; like an API key, only its SHA-256 is stored.
 * The session is opened in one workspace (the person's choice at login).
 */
@Entity
@Table(name = "user_sessions")
@NamedQuery(name = UserSession.FIND_BY_HASH, query =
        "select s from UserSession s join fetch s.user join fetch s.workspace where s.tokenHash = :hash")
@NamedQuery(name = UserSession.REVOKE_OTHERS_OF_USER, query =
        "update UserSession s set s.revokedAt = :now where s.user.id = :userId and s.id <> :keep and s.revokedAt is null")
public class UserSession {

    public static final String FIND_BY_HASH = "UserSession.findByHash";
    public static final String REVOKE_OTHERS_OF_USER = "UserSession.revokeOthersOfUser";

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected UserSession() {
        // JPA
    }

    public UserSession(User user, Workspace workspace, String tokenHash, Instant now, Duration lifetime) {
        this.id = UUID.randomUUID();
        this.user = user;
        this.workspace = workspace;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = now.plus(lifetime);
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    public void end(Instant now) {
        if (revokedAt != null) {
            throw new IllegalTransitionException("session", "ended", "end again");
        }
        revokedAt = now;
    }

    public UUID getId() { return id; }
    public User getUser() { return user; }
    public Workspace getWorkspace() { return workspace; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRevokedAt() { return revokedAt; }
}
