package dev.syndicast.accounts.control;

import dev.syndicast.accounts.entity.AccountStatus;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.accounts.entity.InstanceLimits;
import dev.syndicast.core.entity.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes connected accounts and their tokens. Tokens enter here in plaintext and leave encrypted; nothing in this
 * class returns a plaintext token except {@link #accessToken} and {@link #refreshToken}, which callers use for a
 * platform call and drop.
 */
@ApplicationScoped
@Transactional
public class AccountStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenVault vault;

    @Inject
    Clock clock;

    /**
     * Connects (or reconnects) one platform identity to a workspace. The first live account of a platform in a
     * workspace becomes its default.
     */
    public ConnectedAccount connect(UUID workspaceId, String platform, RemoteAccount remote, TokenSet tokens, String connectedBy) {
        Instant now = clock.instant();
        ConnectedAccount account = em.createNamedQuery(ConnectedAccount.FIND_LIVE_BY_IDENTITY, ConnectedAccount.class)
                .setParameter("workspace", workspaceId)
                .setParameter("platform", platform)
                .setParameter("platformAccountId", remote.platformAccountId())
                .setParameter("disconnected", AccountStatus.DISCONNECTED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseGet(() -> {
                    ConnectedAccount created = new ConnectedAccount(workspaceId, platform, remote.platformAccountId(),
                            remote.username(), remote.displayName(), remote.avatarUrl(), connectedBy, now);
                    em.persist(created);
                    return created;
                });
        account.describe(remote.displayName(), remote.username(), remote.avatarUrl(), null, null, null, now);
        // An account with a token of its own (a Facebook Page token, read with a long-lived user token) keeps that
        // token alone: it has no expiry (developers.facebook.com/docs/pages/access-tokens) and the login's expiry and
        // refresh token are not its own.
        TokenSet own = remote.accessToken() == null ? tokens : new TokenSet(remote.accessToken(), null, null, tokens.scope());
        account.storeTokens(vault.encrypt(own.accessToken(), account.tokenContext("access")),
                vault.encrypt(own.refreshToken(), account.tokenContext("refresh")), own.expiresAt(), own.scope(), now);
        if (defaultOf(workspaceId, platform).isEmpty()) {
            account.makeDefault(now);
        }
        em.flush();
        return account;
    }

    public void federatedAt(UUID accountId, String serviceUrl) {
        em.find(ConnectedAccount.class, accountId).federatedAt(serviceUrl);
    }

    /** Keeps what the account's server says it accepts (read again at every connect, so a reconnect refreshes it). */
    public void instanceLimits(UUID accountId, InstanceLimits limits) {
        em.find(ConnectedAccount.class, accountId).describe(null, null, null, null, null, limits.toPlatformMeta(), clock.instant());
    }

    public ConnectedAccount find(UUID workspaceId, UUID id) {
        return em.createNamedQuery(ConnectedAccount.FIND_IN_WORKSPACE, ConnectedAccount.class)
                .setParameter("id", id).setParameter("workspace", workspaceId)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("Account not found: " + id));
    }

    public Optional<ConnectedAccount> defaultOf(UUID workspaceId, String platform) {
        return em.createNamedQuery(ConnectedAccount.FIND_DEFAULT, ConnectedAccount.class)
                .setParameter("workspace", workspaceId).setParameter("platform", platform)
                .getResultStream().findFirst();
    }

    /** Makes one account its platform's default, clearing the previous default in the same transaction. */
    public ConnectedAccount makeDefault(UUID workspaceId, UUID id) {
        ConnectedAccount account = find(workspaceId, id);
        Instant now = clock.instant();
        defaultOf(workspaceId, account.getPlatform())
                .filter(previous -> !previous.getId().equals(id))
                .ifPresent(previous -> {
                    previous.clearDefault(now);
                    // The partial unique index allows one default: the old one must be gone before the new one lands.
                    em.flush();
                });
        account.makeDefault(now);
        return account;
    }

    public ConnectedAccount disconnect(UUID workspaceId, UUID id) {
        ConnectedAccount account = find(workspaceId, id);
        account.disconnect(clock.instant());
        return account;
    }

    /** The plaintext access token for one platform call; an old-key ciphertext is re-encrypted on the way. */
    public String accessToken(ConnectedAccount account) {
        rotate(account);
        return vault.decrypt(account.getAccessTokenCipher(), account.tokenContext("access"));
    }

    public String refreshToken(ConnectedAccount account) {
        rotate(account);
        return vault.decrypt(account.getRefreshTokenCipher(), account.tokenContext("refresh"));
    }

    public void refreshed(ConnectedAccount account, TokenSet tokens) {
        account.storeTokens(vault.encrypt(tokens.accessToken(), account.tokenContext("access")),
                vault.encrypt(tokens.refreshToken(), account.tokenContext("refresh")), tokens.expiresAt(), tokens.scope(), clock.instant());
    }

    /**
     * Ids of live accounts due for a refresh, soonest first: those with a refresh token whose access token expires
     * before {@code horizon}, and those of {@code selfRenewing} platforms (whose long-lived token is renewed with
     * itself, no refresh token) whose token expires before {@code selfRenewingHorizon}.
     */
    public List<UUID> expiringBefore(Instant horizon, Collection<String> selfRenewing, Instant selfRenewingHorizon, int limit) {
        // "in" with an empty list is not valid JPQL: a platform name nothing has stands in for none.
        Collection<String> renewing = selfRenewing.isEmpty() ? List.of("") : selfRenewing;
        return em.createQuery("select a.id from ConnectedAccount a where a.status = :active and ("
                        + "(a.platform not in :renewing and a.refreshTokenCipher is not null and a.tokenExpiresAt < :horizon)"
                        + " or (a.platform in :renewing and a.tokenExpiresAt < :renewingHorizon)) order by a.tokenExpiresAt", UUID.class)
                .setParameter("active", AccountStatus.ACTIVE)
                .setParameter("horizon", horizon)
                .setParameter("renewing", renewing)
                .setParameter("renewingHorizon", selfRenewingHorizon)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Locks one account for a refresh, or answers empty when another instance is refreshing it right now. */
    public Optional<ConnectedAccount> lockForRefresh(UUID id) {
        @SuppressWarnings("unchecked")
        List<UUID> locked = em.createNativeQuery("select id from connected_accounts where id = ?1 for update skip locked", UUID.class)
                .setParameter(1, id).getResultList();
        return locked.isEmpty() ? Optional.empty() : Optional.of(em.find(ConnectedAccount.class, id));
    }

    private void rotate(ConnectedAccount account) {
        if (!vault.isCurrent(account.getAccessTokenCipher()) || !vault.isCurrent(account.getRefreshTokenCipher())) {
            String access = vault.decrypt(account.getAccessTokenCipher(), account.tokenContext("access"));
            String refresh = vault.decrypt(account.getRefreshTokenCipher(), account.tokenContext("refresh"));
            account.reencrypted(vault.encrypt(access, account.tokenContext("access")), vault.encrypt(refresh, account.tokenContext("refresh")));
        }
    }
}
