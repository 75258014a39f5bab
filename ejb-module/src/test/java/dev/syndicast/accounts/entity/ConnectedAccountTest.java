package dev.syndicast.accounts.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectedAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private ConnectedAccount account() {
        ConnectedAccount account = new ConnectedAccount(UUID.randomUUID(), "linkedin", "li-1", "ada", "Ada", null, "key:test", NOW);
        account.storeTokens("v1:k1:access", "v1:k1:refresh", NOW.plusSeconds(3600), "w_member_social", NOW);
        return account;
    }

    @Test
    void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() {
        ConnectedAccount account = account();
        account.storeTokens("v1:k1:access2", null, NOW.plusSeconds(7200), null, NOW);
        assertThat(account.getRefreshTokenCipher()).isEqualTo("v1:k1:refresh");
        assertThat(account.getScopes()).isEqualTo("w_member_social");
    }

    @Test
    void newTokensReviveAnExpiredAccount() {
        ConnectedAccount account = account();
        account.tokenExpired(NOW);
        assertThat(account.getStatus()).isEqualTo(AccountStatus.TOKEN_EXPIRED);
        account.storeTokens("v1:k1:a", "v1:k1:r", null, null, NOW);
        assertThat(account.getStatus()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void disconnectingClearsTokensAndDefaultAndIsFinal() {
        ConnectedAccount account = account();
        account.makeDefault(NOW);
        account.disconnect(NOW);

        assertThat(account.getStatus()).isEqualTo(AccountStatus.DISCONNECTED);
        assertThat(account.getAccessTokenCipher()).isNull();
        assertThat(account.getRefreshTokenCipher()).isNull();
        assertThat(account.isDefaultAccount()).isFalse();
        assertThat(account.getDisconnectedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> account.makeDefault(NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> account.storeTokens("a", "r", null, null, NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> account.disconnect(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anAccountsOwnDailyCapIsOneToAHundredAndNullGoesBackToThePlatforms() {
        ConnectedAccount account = account();
        assertThat(account.getDailyCap()).as("the platform's cap by default").isNull();
        account.capDaily(1, NOW);
        assertThat(account.getDailyCap()).isEqualTo(1);
        account.capDaily(ConnectedAccount.MAX_DAILY_CAP, NOW);
        assertThat(account.getDailyCap()).isEqualTo(100);
        for (int refused : new int[] {0, -1, 101}) {
            assertThatThrownBy(() -> account.capDaily(refused, NOW)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("daily_cap must be 1-100 posts a day, or null for the platform's cap (got " + refused + ")");
        }
        assertThat(account.getDailyCap()).as("a refused cap changes nothing").isEqualTo(100);
        account.capDaily(null, NOW);
        assertThat(account.getDailyCap()).isNull();
        account.disconnect(NOW);
        assertThatThrownBy(() -> account.capDaily(3, NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void tokenContextsDifferPerAccountAndColumn() {
        ConnectedAccount a = account();
        ConnectedAccount b = account();
        assertThat(a.tokenContext("access")).isNotEqualTo(b.tokenContext("access")).isNotEqualTo(a.tokenContext("refresh"));
    }

    @Test
    void anUnknownWireStatusIsRefused() {
        assertThat(AccountStatus.fromWire("rate_limited")).isEqualTo(AccountStatus.RATE_LIMITED);
        assertThatThrownBy(() -> AccountStatus.fromWire("gone")).hasMessageContaining("status must be one of");
    }
}
