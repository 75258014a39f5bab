package dev.syndicast.accounts.boundary;

import dev.syndicast.accounts.control.AccountStore;
import dev.syndicast.accounts.control.ClientCredentialsResolver;
import dev.syndicast.accounts.control.FederatedClients;
import dev.syndicast.accounts.control.OAuthClient;
import dev.syndicast.accounts.control.PlatformCallException;
import dev.syndicast.accounts.control.TokenRenewal;
import dev.syndicast.accounts.control.TokenSet;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.engagement.boundary.Notifications;
import dev.syndicast.engagement.entity.Notification;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.PlatformSpec;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Refreshes access tokens before they run out. Each account is refreshed in its own transaction under a
 * {@code SKIP LOCKED} row lock, so two instances never spend the same refresh token (platforms that rotate
 * refresh tokens would revoke the loser). A refusal marks the account {@code token_expired} and raises a
 * notification; an outage is retried on the next round. How a platform renews is {@link TokenRenewal}'s: a refresh
 * token, a Bluesky session, or Meta's long-lived token renewed with itself (Instagram, Threads), which is renewed
 * {@code syndicast.accounts.long-lived-refresh-ahead} before it runs out: Meta renews only a token at least a day old
 * and not yet expired, so it is done days ahead, never at the last minute.
 */
@Stateless
public class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class.getName());

    @Inject
    AccountStore store;

    @Inject
    OAuthClient oauth;

    @Inject
    ClientCredentialsResolver credentials;

    @Inject
    PlatformRegistry platforms;

    @Inject
    Notifications notifications;

    @Inject
    FederatedClients federated;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "syndicast.accounts.refresh-ahead", defaultValue = "PT10M")
    Duration refreshAhead;

    @Inject
    @ConfigProperty(name = "syndicast.accounts.long-lived-refresh-ahead", defaultValue = "P7D")
    Duration longLivedRefreshAhead;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /** What one refresh came to. */
    public enum Result {
        /** The account has new tokens. */
        REFRESHED,
        /** The platform could not be asked or answered with an outage: the old tokens stay, try again later. */
        LATER,
        /**
         * The account must be reconnected: the platform refused its refresh token (the account is now
         * {@code token_expired}, with a notification), or it has no refresh token, or it is no longer connected.
         */
        REFUSED
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int refreshExpiring() {
        List<UUID> due = store.expiringBefore(clock.instant().plus(refreshAhead), TokenRenewal.selfRenewing(platforms.all()),
                clock.instant().plus(longLivedRefreshAhead), 100);
        int refreshed = 0;
        for (UUID id : due) {
            if (context.getBusinessObject(TokenRefresher.class).refresh(id) == Result.REFRESHED) {
                refreshed++;
            }
        }
        return refreshed;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result refresh(UUID accountId) {
        ConnectedAccount account = store.lockForRefresh(accountId).orElse(null);
        if (account == null || !account.isConnected()) {
            return Result.REFUSED;
        }
        PlatformSpec platform = platforms.get(account.getPlatform());
        try {
            TokenSet tokens = switch (TokenRenewal.of(platform, account.getRefreshTokenCipher() != null)) {
                case BLUESKY_SESSION -> federated.blueskyRefresh(account.getServiceUrl(), store.refreshToken(account)).tokens();
                case REFRESH_TOKEN -> oauth.refresh(platform.oauth(), credentials.resolve(account.getWorkspaceId(), platform.name()),
                        store.refreshToken(account));
                case LONG_LIVED_TOKEN -> oauth.refreshLongLived(platform.oauth(), store.accessToken(account));
                case NONE -> null;
            };
            if (tokens == null) {
                return Result.REFUSED;
            }
            store.refreshed(account, tokens);
            LOG.info(() -> "event=token_refreshed account=" + accountId + " platform=" + platform.name() + " expires_at=" + tokens.expiresAt());
            return Result.REFRESHED;
        } catch (PlatformCallException e) {
            if (!e.isPermanent()) {
                LOG.warning(() -> "event=token_refresh_deferred account=" + accountId + " reason=\"" + e.getMessage() + "\"");
                return Result.LATER;
            }
            expire(account, platform, e.getMessage());
            return Result.REFUSED;
        } catch (ConflictException e) {
            expire(account, platform, e.getMessage());
            return Result.REFUSED;
        }
    }

    private void expire(ConnectedAccount account, PlatformSpec platform, String reason) {
        account.tokenExpired(clock.instant());
        notifications.raise(account.getWorkspaceId(), "token_expired", Notification.Severity.error,
                platform.displayName() + " account " + label(account) + " must be reconnected",
                "Refreshing its access token failed: " + reason, "account", account.getId().toString());
        LOG.warning(() -> "event=token_refresh_failed account=" + account.getId() + " platform=" + platform.name() + " reason=\"" + reason + "\"");
    }

    private static String label(ConnectedAccount account) {
        return account.getUsername() != null ? account.getUsername() : account.getPlatformAccountId();
    }
}
