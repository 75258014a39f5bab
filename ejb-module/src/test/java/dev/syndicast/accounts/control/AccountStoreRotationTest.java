package dev.syndicast.accounts.control;

import dev.syndicast.accounts.entity.ConnectedAccount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation on use: a token stored under an older key is re-encrypted under the current one when it is read. */
class AccountStoreRotationTest {

    @Test
    void readingATokenUnderAnOldKeyReencryptsItUnderTheCurrentKey() {
        String k1 = TokenVault.newKeyringEntry("k1");
        String k2 = TokenVault.newKeyringEntry("k2");
        TokenVault before = TokenVault.fromKeyring(k1);
        ConnectedAccount account = new ConnectedAccount(UUID.randomUUID(), "linkedin", "li-1", "ada", "Ada", null, "test", Instant.EPOCH);
        account.storeTokens(before.encrypt("access-1", account.tokenContext("access")),
                before.encrypt("refresh-1", account.tokenContext("refresh")), null, null, Instant.EPOCH);

        AccountStore store = new AccountStore();
        store.vault = TokenVault.fromKeyring(k2 + "," + k1);

        assertThat(store.accessToken(account)).isEqualTo("access-1");
        assertThat(account.getAccessTokenCipher()).startsWith("v1:k2:");
        assertThat(account.getRefreshTokenCipher()).startsWith("v1:k2:");
        assertThat(store.refreshToken(account)).isEqualTo("refresh-1");
    }
}
