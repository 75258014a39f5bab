package dev.syndicast.media.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicMediaSignerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private final PublicMediaSigner signer = new PublicMediaSigner(SECRET);
    private final UUID item = UUID.fromString("0b6a3f0e-9d52-4c4e-8d1e-3c1f6f0b1a2c");

    @Test
    void aFreshTokenGrantsItsItem() {
        String token = signer.token(item, NOW.plusSeconds(3600));
        assertThat(token).startsWith(item + "." + NOW.plusSeconds(3600).getEpochSecond() + ".");
        assertThat(signer.verify(token, NOW)).contains(item);
        assertThat(signer.verify(token, NOW.plusSeconds(3600))).as("valid through its expiry second").contains(item);
    }

    @Test
    void anExpiredTokenGrantsNothing() {
        String token = signer.token(item, NOW.plusSeconds(60));
        assertThat(signer.verify(token, NOW.plusSeconds(61))).isEmpty();
    }

    @Test
    void aChangedExpiryOrItemBreaksTheSignature() {
        String token = signer.token(item, NOW.plusSeconds(60));
        String[] parts = token.split("\\.");
        assertThat(signer.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2], NOW)).isEmpty();
        assertThat(signer.verify(UUID.randomUUID() + "." + parts[1] + "." + parts[2], NOW)).isEmpty();
        assertThat(signer.verify(parts[0].toUpperCase() + "." + parts[1] + "." + parts[2], NOW)).isEmpty();
        char last = parts[2].charAt(parts[2].length() - 1);
        String flipped = parts[2].substring(0, parts[2].length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(signer.verify(parts[0] + "." + parts[1] + "." + flipped, NOW)).isEmpty();
    }

    @Test
    void anotherSecretsTokenGrantsNothing() {
        PublicMediaSigner other = new PublicMediaSigner("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(signer.verify(other.token(item, NOW.plusSeconds(60)), NOW)).isEmpty();
    }

    @Test
    void malformedTokensGrantNothing() {
        assertThat(signer.verify(null, NOW)).isEmpty();
        assertThat(signer.verify("", NOW)).isEmpty();
        assertThat(signer.verify(item.toString(), NOW)).isEmpty();
        assertThat(signer.verify(item + ".12.abc", NOW)).isEmpty();
        assertThat(signer.verify(item + ".99999999999999999999." + "A".repeat(43), NOW)).isEmpty();
        assertThat(signer.verify("../../etc/passwd", NOW)).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new PublicMediaSigner(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
