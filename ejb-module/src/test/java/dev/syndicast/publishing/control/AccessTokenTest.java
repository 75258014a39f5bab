package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Accounts.AccountCredentials;
import dev.syndicast.accounts.boundary.TokenRefresher;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {

    private static final PublishOutcome.TokenRefused REFUSED = new PublishOutcome.TokenRefused("X refused the access token");
    private final AtomicInteger refreshes = new AtomicInteger();

    @Test
    void aRenewedTokenIsSentAgainOnlyOnce() {
        AccessToken token = new AccessToken(UUID.randomUUID(), "old", refresher(TokenRefresher.Result.REFRESHED), accounts("new"));

        assertThat(token.renewAfter(REFUSED)).isEmpty();
        assertThat(token.value()).isEqualTo("new");
        assertThat(token.renewAfter(REFUSED)).as("refused again right after a renewal").contains(REFUSED);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aRenewalThatFailsForNowIsNotProcessedSoTheAccountStaysConnected() {
        AccessToken token = new AccessToken(UUID.randomUUID(), "old", refresher(TokenRefresher.Result.LATER), accounts("new"));

        Optional<PublishOutcome> outcome = token.renewAfter(REFUSED);

        assertThat(outcome).get().isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(((PublishOutcome.NotProcessed) outcome.get()).reason()).startsWith(REFUSED.reason()).contains("trying again later");
        assertThat(token.value()).isEqualTo("old");
    }

    @Test
    void aRefusedRenewalIsARefusedToken() {
        AccessToken token = new AccessToken(UUID.randomUUID(), "old", refresher(TokenRefresher.Result.REFUSED), accounts("new"));

        assertThat(token.renewAfter(REFUSED)).get().isInstanceOf(PublishOutcome.TokenRefused.class)
                .extracting(o -> ((PublishOutcome.TokenRefused) o).reason()).asString().contains("must be reconnected");
    }

    @Test
    void aTokenWithoutAnAccountIsNeverRenewed() {
        AccessToken token = new AccessToken(null, "old", refresher(TokenRefresher.Result.REFRESHED), accounts("new"));

        assertThat(token.renewAfter(REFUSED)).contains(REFUSED);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void anAccountGoneAfterTheRenewalIsARefusedToken() {
        AccessToken token = new AccessToken(UUID.randomUUID(), "old", refresher(TokenRefresher.Result.REFRESHED), accounts(null));

        assertThat(token.renewAfter(REFUSED)).get().isInstanceOf(PublishOutcome.TokenRefused.class);
    }

    private TokenRefresher refresher(TokenRefresher.Result result) {
        return new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                return result;
            }
        };
    }

    private static Accounts accounts(String token) {
        return new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.ofNullable(token).map(t -> new AccountCredentials(UUID.randomUUID(), "ada", t));
            }
        };
    }
}
