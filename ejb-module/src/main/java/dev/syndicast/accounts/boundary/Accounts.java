package dev.syndicast.accounts.boundary;

import dev.syndicast.accounts.control.AccountStore;
import dev.syndicast.accounts.control.ClientCredentialsResolver;
import dev.syndicast.accounts.entity.AccountStatus;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.engagement.boundary.Notifications;
import dev.syndicast.engagement.entity.Notification;
import dev.syndicast.platforms.control.PlatformRegistry;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A workspace's connected accounts: list, read, describe, disconnect, choose the default per platform. */
@Stateless
public class Accounts {

    /** The largest page of accounts. */
    public static final int MAX_PAGE_SIZE = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountStore store;

    @Inject
    PlatformRegistry platforms;

    @Inject
    ClientCredentialsResolver clients;

    @Inject
    Clock clock;

    @EJB
    Notifications notifications;

    public record Page(List<ConnectedAccount> items, long total) {
    }

    /** The live accounts (or those of one status), filtered by platform, a page at a time. */
    public Page list(UUID workspaceId, String platform, String status, PageRequest page) {
        String platformName = platform == null ? null : platforms.get(platform).name();
        AccountStatus wanted = status == null ? null : AccountStatus.fromWire(status);
        String where = " from ConnectedAccount a where a.workspaceId = :workspace"
                + (platformName == null ? "" : " and a.platform = :platform")
                + (wanted == null ? " and a.status <> :disconnected" : " and a.status = :status");
        TypedQuery<ConnectedAccount> items = em.createQuery("select a" + where + " order by a.platform, a.connectedAt, a.id", ConnectedAccount.class);
        TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
        for (TypedQuery<?> q : List.of(items, count)) {
            q.setParameter("workspace", workspaceId);
            if (platformName != null) {
                q.setParameter("platform", platformName);
            }
            if (wanted == null) {
                q.setParameter("disconnected", AccountStatus.DISCONNECTED);
            } else {
                q.setParameter("status", wanted);
            }
        }
        List<ConnectedAccount> found = items.setFirstResult(page.firstResult()).setMaxResults(page.limit()).getResultList();
        return new Page(found, count.getSingleResult());
    }

    public ConnectedAccount get(UUID workspaceId, UUID id) {
        return store.find(workspaceId, id);
    }

    /** A change of an account's own daily cap: {@code cap} 1-100, or {@code null} for the platform's cap again. */
    public record DailyCap(Integer cap) {
    }

    /**
     * {@code PATCH /accounts/{id}}: the metadata given ({@code null}: kept) and, when {@code dailyCap} is not
     * {@code null}, the account's own daily cap, checked as a whole before anything changes.
     */
    public ConnectedAccount describe(UUID workspaceId, UUID id, String displayName, String username, String avatarUrl,
                                     String profileUrl, String accountType, String platformMeta, DailyCap dailyCap) {
        ConnectedAccount account = store.find(workspaceId, id);
        if (dailyCap != null) {
            account.capDaily(dailyCap.cap(), clock.instant());
        }
        account.describe(displayName, username, avatarUrl, profileUrl, accountType, platformMeta, clock.instant());
        return account;
    }

    public ConnectedAccount disconnect(UUID workspaceId, UUID id) {
        return store.disconnect(workspaceId, id);
    }

    /** {@code DELETE /connections/{platform}}: one account of the platform, or its only live one. */
    public List<ConnectedAccount> disconnectPlatform(UUID workspaceId, String platform, UUID accountId) {
        String name = platforms.get(platform).name();
        if (accountId != null) {
            ConnectedAccount account = store.find(workspaceId, accountId);
            if (!account.getPlatform().equals(name)) {
                throw new NotFoundException("Account not found: " + accountId);
            }
            return List.of(store.disconnect(workspaceId, accountId));
        }
        List<ConnectedAccount> live = list(workspaceId, name, null, new PageRequest(1, MAX_PAGE_SIZE)).items();
        if (live.isEmpty()) {
            throw new NotFoundException("No connected " + name + " account");
        }
        if (live.size() > 1) {
            throw new InvalidInputException("Several " + name + " accounts are connected: name one with account_id");
        }
        return List.of(store.disconnect(workspaceId, live.get(0).getId()));
    }

    public ConnectedAccount makeDefault(UUID workspaceId, UUID id) {
        return store.makeDefault(workspaceId, id);
    }

    /** The external scheduling API's {@code GET /api/external/accounts}: live accounts grouped by platform. */
    public Map<String, List<ConnectedAccount>> byPlatform(UUID workspaceId) {
        Map<String, List<ConnectedAccount>> grouped = new LinkedHashMap<>();
        em.createNamedQuery(ConnectedAccount.FIND_LIVE_IN_WORKSPACE, ConnectedAccount.class)
                .setParameter("workspace", workspaceId)
                .setParameter("disconnected", AccountStatus.DISCONNECTED)
                .getResultList()
                .forEach(a -> grouped.computeIfAbsent(a.getPlatform(), p -> new java.util.ArrayList<>()).add(a));
        return grouped;
    }

    /**
     * What a publish call signs in with: the account's identity on the platform, the service it is connected
     * through (null: the platform itself) and the plaintext access token, which the caller uses for its calls and
     * drops. {@link #toString()} leaves the token out, so a log line never carries it.
     */
    public record PublishCredentials(UUID accountId, String platformAccountId, String serviceUrl, String accessToken) {
        @Override
        public String toString() {
            return "PublishCredentials[accountId=" + accountId + ", platformAccountId=" + platformAccountId
                    + ", serviceUrl=" + serviceUrl + "]";
        }
    }

    /**
     * The credentials to publish with for one account of the workspace, in the caller's transaction (an access
     * token under an old key is re-encrypted on the way); empty when the account is gone or disconnected.
     */
    public Optional<PublishCredentials> publishCredentials(UUID workspaceId, UUID accountId) {
        ConnectedAccount account = em.find(ConnectedAccount.class, accountId);
        if (account == null || !account.getWorkspaceId().equals(workspaceId) || !account.isConnected()) {
            return Optional.empty();
        }
        return Optional.of(new PublishCredentials(account.getId(), account.getPlatformAccountId(), account.getServiceUrl(),
                store.accessToken(account)));
    }

    /**
     * The credentials of a connected account by id alone, with its workspace: for a connector that holds a publish
     * call's account id and must read a fresh token after a refresh, or the workspace's media. Empty when the account
     * is gone or no longer connected (a revoked session marks it token_expired).
     */
    public Optional<AccountCredentials> credentials(UUID accountId) {
        ConnectedAccount account = em.find(ConnectedAccount.class, accountId);
        if (account == null || !account.isConnected()) {
            return Optional.empty();
        }
        return Optional.of(new AccountCredentials(account.getWorkspaceId(), account.getUsername(), store.accessToken(account)));
    }

    /**
     * The OAuth client (app) id the account's workspace connects {@code platform} with: its own, or the deployment's.
     * Facebook's Resumable Upload API names the app an upload belongs to ({@code POST /{app-id}/uploads}). Empty when
     * the account is gone or no client is configured.
     */
    public Optional<String> appId(UUID accountId, String platform) {
        ConnectedAccount account = em.find(ConnectedAccount.class, accountId);
        if (account == null || !clients.isConfigured(account.getWorkspaceId(), platform)) {
            return Optional.empty();
        }
        return Optional.of(clients.resolve(account.getWorkspaceId(), platform).clientId());
    }

    /** A connected account's workspace, handle (username) and plaintext access token. */
    public record AccountCredentials(UUID workspaceId, String username, String accessToken) {
        @Override
        public String toString() {
            return "AccountCredentials[workspaceId=" + workspaceId + ", username=" + username + "]";
        }
    }

    /**
     * A platform refused the account's access token on a call made with it (revoked at the instance, or expired):
     * the account is marked {@code token_expired} and the workspace is told once that it must be reconnected. In the
     * caller's transaction; an account already marked, disconnected or gone is left alone.
     */
    public void tokenRefused(UUID workspaceId, UUID accountId, String reason) {
        ConnectedAccount account = em.find(ConnectedAccount.class, accountId);
        if (account == null || !account.getWorkspaceId().equals(workspaceId) || account.getStatus() != AccountStatus.ACTIVE) {
            return;
        }
        account.tokenExpired(clock.instant());
        String label = account.getUsername() != null ? account.getUsername() : account.getPlatformAccountId();
        notifications.raise(workspaceId, "token_expired", Notification.Severity.error,
                platforms.get(account.getPlatform()).displayName() + " account " + label + " must be reconnected",
                "The platform refused its access token: " + reason, "account", account.getId().toString());
    }
}
