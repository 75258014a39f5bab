package dev.syndicast.accounts.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVaultTest {

    private final String k1 = TokenVault.newKeyringEntry("k1");
    private final String k2 = TokenVault.newKeyringEntry("k2");

    @Test
    void encryptsToAKeyNamedCiphertextThatDecryptsOnlyInItsContext() {
        TokenVault vault = TokenVault.fromKeyring(k1);
        String cipher = vault.encrypt("at-secret-token", "account:1:access");

        assertThat(cipher).startsWith("v1:k1:").doesNotContain("at-secret-token");
        assertThat(vault.decrypt(cipher, "account:1:access")).isEqualTo("at-secret-token");
        assertThat(vault.encrypt("at-secret-token", "account:1:access")).as("random IV").isNotEqualTo(cipher);
        assertThatThrownBy(() -> vault.decrypt(cipher, "account:2:access"))
                .isInstanceOf(TokenVault.VaultException.class).hasMessageContaining("tampered, or copied");
    }

    @Test
    void rotationKeepsOldCiphertextsReadableAndMarksThemForReencryption() {
        String old = TokenVault.fromKeyring(k1).encrypt("refresh-me", "ctx");
        TokenVault rotated = TokenVault.fromKeyring(k2 + "," + k1);

        assertThat(rotated.decrypt(old, "ctx")).isEqualTo("refresh-me");
        assertThat(rotated.isCurrent(old)).isFalse();
        String fresh = rotated.encrypt("refresh-me", "ctx");
        assertThat(fresh).startsWith("v1:k2:");
        assertThat(rotated.isCurrent(fresh)).isTrue();
    }

    @Test
    void aRemovedKeyOrADamagedCiphertextIsAClearError() {
        String old = TokenVault.fromKeyring(k1).encrypt("x", "ctx");
        assertThatThrownBy(() -> TokenVault.fromKeyring(k2).decrypt(old, "ctx")).hasMessageContaining("'k1' is not configured");

        TokenVault vault = TokenVault.fromKeyring(k1);
        String cipher = vault.encrypt("x", "ctx");
        int at = "v1:k1:".length() + 20; // inside the IV and ciphertext, never the base64 padding
        String flipped = cipher.substring(0, at) + (cipher.charAt(at) == 'A' ? 'B' : 'A') + cipher.substring(at + 1);
        assertThatThrownBy(() -> vault.decrypt(flipped, "ctx")).isInstanceOf(TokenVault.VaultException.class);
        assertThatThrownBy(() -> vault.decrypt("plaintext-token", "ctx")).hasMessageContaining("Not a vault ciphertext");
    }

    @Test
    void refusesBadKeyrings() {
        assertThatThrownBy(() -> TokenVault.fromKeyring("k1:c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenVault.fromKeyring("no-colon")).hasMessageContaining("id:base64key");
        assertThatThrownBy(() -> TokenVault.fromKeyring(k1 + "," + k1)).hasMessageContaining("appears twice");
    }
}
