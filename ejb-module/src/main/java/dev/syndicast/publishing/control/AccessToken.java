package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts.AccountCredentials;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;

import java.util.Optional;
import java.util.UUID;

/**
 * The access token one publish step sends, renewed at most once when the platform answers that it ran out (an HTTP
 * 401 or the platform's own "expired" error). Every connector that holds refreshable tokens follows the same rule:
 * <ul>
 *     <li>renewed: the call is sent again with the new token (the refused call did nothing on the platform);</li>
 *     <li>the renewal failed for now (the platform's token endpoint is down): {@link PublishOutcome.NotProcessed},
 *     tried again later, and the account stays connected;</li>
 *     <li>the renewal was refused, or the token was refused again right after a renewal:
 *     {@link PublishOutcome.TokenRefused}, the target fails and the account is marked for reconnecting.</li>
 * </ul>
 */
final class AccessToken {

    private final UUID accountId;
    private final TokenRefresher refresher;
    private final Accounts accounts;
    private String value;
    private boolean renewed;

    AccessToken(UUID accountId, String token, TokenRefresher refresher, Accounts accounts) {
        this.accountId = accountId;
        this.value = token;
        this.refresher = refresher;
        this.accounts = accounts;
    }

    /** The token to send now. */
    String value() {
        return value;
    }

    /**
     * After the platform refused the token: renews it, once per publish step.
     *
     * @param refusal the platform's refusal as its connector classifies it, kept in the target's error
     * @return empty when the call may be sent again with {@link #value()}; else what the step comes to
     */
    Optional<PublishOutcome> renewAfter(PublishOutcome.TokenRefused refusal) {
        if (renewed || accountId == null) {
            return Optional.of(refusal);
        }
        renewed = true;
        return switch (refresher.refresh(accountId)) {
            case REFRESHED -> {
                Optional<String> fresh = accounts.credentials(accountId).map(AccountCredentials::accessToken);
                fresh.ifPresent(token -> value = token);
                yield fresh.isPresent() ? Optional.empty()
                        : Optional.of(new PublishOutcome.TokenRefused(refusal.reason() + "; the account is no longer connected"));
            }
            case LATER -> Optional.of(new PublishOutcome.NotProcessed(refusal.reason()
                    + "; renewing the token failed for now, trying again later", null));
            case REFUSED -> Optional.of(new PublishOutcome.TokenRefused(refusal.reason()
                    + "; renewing the token was refused, the account must be reconnected"));
        };
    }
}
