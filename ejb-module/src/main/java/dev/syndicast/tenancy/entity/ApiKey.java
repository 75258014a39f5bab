package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An API key. Only the SHA-256 of the raw key is kept ({@code keyHash}); {@code keyPrefix} is the first
 * characters, enough for a person to recognise the key in a list. A key is bound to its workspace, unless it
 * is an agent key: then it may act for each of {@code actingFor} and names one with X-Org-Id.
 */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKey.FIND_BY_HASH, query = "select k from ApiKey k join fetch k.workspace where k.keyHash = :hash")
@NamedQuery(name = ApiKey.COUNT_ALL, query = "select count(k) from ApiKey k")
@NamedQuery(name = ApiKey.FIND_BY_WORKSPACE, query =
        "select k from ApiKey k join fetch k.workspace left join fetch k.owner where k.workspace.id = :workspaceId order by k.createdAt desc")
@NamedQuery(name = ApiKey.FIND_BY_WORKSPACE_AND_OWNER, query =
        "select k from ApiKey k join fetch k.workspace left join fetch k.owner where k.workspace.id = :workspaceId and k.owner.id = :ownerId order by k.createdAt desc")
@NamedQuery(name = ApiKey.FIND_IN_WORKSPACE, query =
        "select k from ApiKey k join fetch k.workspace left join fetch k.owner where k.id = :id and k.workspace.id = :workspaceId")
public class ApiKey {

    public static final String FIND_BY_HASH = "ApiKey.findByHash";
    public static final String COUNT_ALL = "ApiKey.countAll";
    public static final String FIND_BY_WORKSPACE = "ApiKey.findByWorkspace";
    public static final String FIND_BY_WORKSPACE_AND_OWNER = "ApiKey.findByWorkspaceAndOwner";
    public static final String FIND_IN_WORKSPACE = "ApiKey.findInWorkspace";
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

    /** Who made the key; null for the bootstrap key, which belongs to the installation. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private User owner;

    @Column(nullable = false)
    private boolean agent;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "api_key_workspaces",
            joinColumns = @JoinColumn(name = "api_key_id"),
            inverseJoinColumns = @JoinColumn(name = "workspace_id"))
    private Set<Workspace> actingFor = new HashSet<>();

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

    /** A person's key; an agent key additionally acts for {@code agentWorkspaces} (its own workspace included). */
    public static ApiKey ownedBy(User owner, Workspace workspace, String name, String keyPrefix, String keyHash,
                                 Set<String> scopes, Instant expiresAt, Set<Workspace> agentWorkspaces, Instant now) {
        ApiKey key = new ApiKey(workspace, name, keyPrefix, keyHash, scopes, expiresAt, now);
        key.owner = owner;
        if (agentWorkspaces != null && !agentWorkspaces.isEmpty()) {
            key.agent = true;
            key.actingFor.add(workspace);
            key.actingFor.addAll(agentWorkspaces);
        }
        return key;
    }

    /** The workspaces this key may act for: its own, plus the agent's list. */
    public boolean mayActFor(Workspace candidate) {
        return workspace.getId().equals(candidate.getId())
                || actingFor.stream().anyMatch(w -> w.getId().equals(candidate.getId()));
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
    public User getOwner() { return owner; }
    public boolean isAgent() { return agent; }
    public Set<Workspace> getActingFor() { return Set.copyOf(actingFor); }
}
