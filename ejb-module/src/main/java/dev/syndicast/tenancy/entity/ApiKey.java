package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
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
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An API key. Only the SHA-256 of the raw key is kept ({@code keyHash}); {@code keyPrefix} is the first
 * characters, enough for a person to recognise the key in a list.
 */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKey.FIND_BY_HASH, query = "select k from ApiKey k join fetch k.workspace where k.keyHash = :hash")
@NamedQuery(name = ApiKey.COUNT_ALL, query = "select count(k) from ApiKey k")
public class ApiKey {

    public static final String FIND_BY_HASH = "ApiKey.findByHash";
    public static final String COUNT_ALL = "ApiKey.countAll";
    public static final String ALL_SCOPES = "*";
    /** last_used_at is written at most this often per key, so authentication is not a write per request. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String keyHash;

    /** Space-separated scope names. */
    @Column(nullable = false, columnDefinition = "text")
    private String scopes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
        // JPA
    }

    public ApiKey(Workspace workspace, String name, String keyPrefix, String keyHash, Set<String> scopes,
                  Instant expiresAt, Instant now) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("Key name must be 1-100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException("A key needs at least one scope");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidInputException("expires_at must be in the future");
        }
        this.id = UUID.randomUUID();
        this.workspace = workspace;
        this.name = name.strip();
        this.keyPrefix = keyPrefix;
        this.keyHash = keyHash;
        this.scopes = String.join(" ", new TreeSet<>(scopes));
        this.expiresAt = expiresAt;
        this.createdAt = now;
    }

    public boolean isUsable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public boolean grants(String scope) {
        Set<String> granted = scopeSet();
        return granted.contains(ALL_SCOPES) || granted.contains(scope);
    }

    /** Records use, at most once per {@link #LAST_USED_GRANULARITY}. @return true if the field changed */
    public boolean markUsed(Instant now) {
        if (lastUsedAt == null || lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)) {
            lastUsedAt = now;
            return true;
        }
        return false;
    }

    public void revoke(Instant now) {
        if (revokedAt != null) {
            throw new IllegalTransitionException("API key", "revoked", "be revoked again");
        }
        revokedAt = now;
    }

    public Set<String> scopeSet() {
        return new TreeSet<>(Arrays.asList(scopes.split(" ")));
    }

    public UUID getId() { return id; }
    public Workspace getWorkspace() { return workspace; }
    public String getName() { return name; }
    public String getKeyPrefix() { return keyPrefix; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getRevokedAt() { return revokedAt; }
}
