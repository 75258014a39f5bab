package dev.syndicast.accounts.control;

import java.time.Instant;

/** What a token endpoint handed out. Plaintext: it lives only in memory on its way into the vault. */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, String scope) {

    @Override
    public String toString() {
        // Never let a token reach a log line through string concatenation.
        return "TokenSet[expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
