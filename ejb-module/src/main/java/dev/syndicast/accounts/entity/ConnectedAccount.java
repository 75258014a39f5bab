package dev.syndicast.accounts.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A social account connected to a workspace. Its tokens are vault ciphertexts (the entity never sees a plaintext
 * token); its status changes only through its methods: a disconnected account keeps its history but loses its
 * tokens and cannot be used or made default again.
 */
@Entity
@Table(name = "connected_accounts")
@NamedQuery(name = ConnectedAccount.FIND_IN_WORKSPACE,
        query = "select a from ConnectedAccount a where a.id = :id and a.workspaceId = :workspace")
@NamedQuery(name = ConnectedAccount.FIND_LIVE_BY_IDENTITY,
        query = "select a from ConnectedAccount a where a.workspaceId = :workspace and a.platform = :platform"
                + " and a.platformAccountId = :platformAccountId and a.status <> :disconnected")
@NamedQuery(name = ConnectedAccount.FIND_DEFAULT,
        query = "select a from ConnectedAccount a where a.workspaceId = :workspace and a.platform = :platform and a.defaultAccount = true")
@NamedQuery(name = ConnectedAccount.FIND_LIVE_IN_WORKSPACE,
        query = "select a from ConnectedAccount a where a.workspaceId = :workspace"
                + " and a.status <> :disconnected order by a.platform, a.connectedAt")
public class ConnectedAccount {

    public static final String FIND_IN_WORKSPACE = "ConnectedAccount.findInWorkspace";
    public static final String FIND_LIVE_BY_IDENTITY = "ConnectedAccount.findLiveByIdentity";
    public static final String FIND_DEFAULT = "ConnectedAccount.findDefault";
    public static final String FIND_LIVE_IN_WORKSPACE = "ConnectedAccount.findLiveInWorkspace";
    /**
     * The most an account's own daily cap may be: far above any platform's steady cadence, low enough that a typo
     * (1000 for 10) is refused rather than silently lifting the cap.
     */
    public static final int MAX_DAILY_CAP = 100;

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 32)
    private String platform;

    @Column(name = "platform_account_id", nullable = false, length = 200)
    private String platformAccountId;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(length = 200)
    private String username;

    @Column(name = "avatar_url", length = 2000)
    private String avatarUrl;

    @Column(name = "profile_url", length = 2000)
    private String profileUrl;

    @Column(name = "account_type", length = 32)
    private String accountType;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false, length = 20)
    private AccountStatus status;

    @Column(columnDefinition = "text")
    private String scopes;

    /** Free-form JSON the platform's connector keeps (page category, instance limits, ...). */
    @Column(name = "platform_meta", columnDefinition = "text")
    private String platformMeta;

    /** The server of a federated account: a Mastodon instance or a Bluesky PDS. */
    @Column(name = "service_url", length = 500)
    private String serviceUrl;

    @Column(name = "is_default", nullable = false)
    private boolean defaultAccount;

    /** The account's own daily posting cap for the scheduling planner; null: its platform's. */
    @Column(name = "daily_cap")
    private Integer dailyCap;

    @Column(name = "access_token", columnDefinition = "text")
    private String accessTokenCipher;

    @Column(name = "refresh_token", columnDefinition = "text")
    private String refreshTokenCipher;

    @Column(name = "token_expires_at")
    private Instant tokenExpiresAt;

    @Column(name = "connected_by", length = 200)
    private String connectedBy;

    @Column(name = "connected_at", nullable = false)
    private Instant connectedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "disconnected_at")
    private Instant disconnectedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ConnectedAccount() {
        // JPA
    }

    public ConnectedAccount(UUID workspaceId, String platform, String platformAccountId, String username, String displayName,
                            String avatarUrl, String connectedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId);
        this.platform = Objects.requireNonNull(platform);
        this.platformAccountId = Objects.requireNonNull(platformAccountId);
        this.username = username;
        this.displayName = displayName;
        this.avatarUrl = avatarUrl;
        this.connectedBy = connectedBy;
        this.status = AccountStatus.ACTIVE;
        this.connectedAt = now;
        this.updatedAt = now;
    }

    /** Access id for the vault's associated data: a ciphertext only decrypts in its own row and column. */
    public String tokenContext(String which) {
        return "account:" + id + ":" + which;
    }

    /** New tokens (a fresh connection, a refresh, a reconnect): the account is usable again. */
    public void storeTokens(String accessCipher, String refreshCipher, Instant expiresAt, String grantedScopes, Instant now) {
        requireConnected("receive tokens");
        this.accessTokenCipher = Objects.requireNonNull(accessCipher);
        if (refreshCipher != null) {
            // Platforms that do not rotate refresh tokens answer a refresh without one: keep the old.
            this.refreshTokenCipher = refreshCipher;
        }
        this.tokenExpiresAt = expiresAt;
        if (grantedScopes != null) {
            this.scopes = grantedScopes;
        }
        this.status = AccountStatus.ACTIVE;
        this.updatedAt = now;
    }

    /** Same secrets, re-encrypted under the vault's current key (key rotation). */
    public void reencrypted(String accessCipher, String refreshCipher) {
        this.accessTokenCipher = accessCipher;
        this.refreshTokenCipher = refreshCipher;
    }

    /** The platform refused the refresh token: a person must reconnect. */
    public void tokenExpired(Instant now) {
        requireConnected("expire");
        status = AccountStatus.TOKEN_EXPIRED;
        updatedAt = now;
    }

    public void rateLimited(Instant now) {
        requireConnected("be rate limited");
        status = AccountStatus.RATE_LIMITED;
        updatedAt = now;
    }

    /** Soft delete: the record stays for history, the tokens go, and it stops being the default. */
    public void disconnect(Instant now) {
        requireConnected("be disconnected");
        status = AccountStatus.DISCONNECTED;
        accessTokenCipher = null;
        refreshTokenCipher = null;
        tokenExpiresAt = null;
        defaultAccount = false;
        disconnectedAt = now;
        updatedAt = now;
    }

    public void makeDefault(Instant now) {
        requireConnected("become the default");
        defaultAccount = true;
        updatedAt = now;
    }

    public void clearDefault(Instant now) {
        defaultAccount = false;
        updatedAt = now;
    }

    public void describe(String displayName, String username, String avatarUrl, String profileUrl, String accountType,
                         String platformMeta, Instant now) {
        requireConnected("be edited");
        if (displayName != null) {
            this.displayName = displayName;
        }
        if (username != null) {
            this.username = username;
        }
        if (avatarUrl != null) {
            this.avatarUrl = avatarUrl;
        }
        if (profileUrl != null) {
            this.profileUrl = profileUrl;
        }
        if (accountType != null) {
            this.accountType = accountType;
        }
        if (platformMeta != null) {
            this.platformMeta = platformMeta;
        }
        updatedAt = now;
    }

    /**
     * The account's own daily posting cap (1-{@value #MAX_DAILY_CAP} posts per local calendar day of the workspace), used
     * by smart scheduling instead of its platform's; {@code null} goes back to the platform's.
     *
     * @throws InvalidInputException for a cap outside 1-{@value #MAX_DAILY_CAP}
     */
    public void capDaily(Integer cap, Instant now) {
        requireConnected("be edited");
        if (cap != null && (cap < 1 || cap > MAX_DAILY_CAP)) {
            throw new InvalidInputException("daily_cap must be 1-" + MAX_DAILY_CAP + " posts a day, or null for the platform's cap"
                    + " (got " + cap + ")");
        }
        dailyCap = cap;
        updatedAt = now;
    }

    /** What the account's server said it accepts when it was last connected; empty when it said nothing. */
    public java.util.Optional<InstanceLimits> instanceLimits() {
        return InstanceLimits.ofPlatformMeta(platformMeta);
    }

    public void federatedAt(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public void used(Instant now) {
        lastUsedAt = now;
    }

    public boolean isConnected() {
        return status != AccountStatus.DISCONNECTED;
    }

    private void requireConnected(String action) {
        if (status == AccountStatus.DISCONNECTED) {
            throw new IllegalTransitionException("Account", status.wire(), action);
        }
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getPlatform() { return platform; }
    public String getPlatformAccountId() { return platformAccountId; }
    public String getDisplayName() { return displayName; }
    public String getUsername() { return username; }
    public String getAvatarUrl() { return avatarUrl; }
    public String getProfileUrl() { return profileUrl; }
    public String getAccountType() { return accountType; }
    public AccountStatus getStatus() { return status; }
    public String getScopes() { return scopes; }
    public String getPlatformMeta() { return platformMeta; }
    public String getServiceUrl() { return serviceUrl; }
    public boolean isDefaultAccount() { return defaultAccount; }
    public Integer getDailyCap() { return dailyCap; }
    public String getAccessTokenCipher() { return accessTokenCipher; }
    public String getRefreshTokenCipher() { return refreshTokenCipher; }
    public Instant getTokenExpiresAt() { return tokenExpiresAt; }
    public String getConnectedBy() { return connectedBy; }
    public Instant getConnectedAt() { return connectedAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Instant getDisconnectedAt() { return disconnectedAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    /** Stored in the wire spelling the database check constraint lists. */
    @Converter
    public static class StatusConverter implements AttributeConverter<AccountStatus, String> {
        @Override
        public String convertToDatabaseColumn(AccountStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public AccountStatus convertToEntityAttribute(String value) {
            return value == null ? null : AccountStatus.fromWire(value);
        }
    }
}
