package dev.syndicast.media.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadSignerTest {

    private final UploadSigner signer = new UploadSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private final UUID grant = UUID.fromString("7d1c3c1e-6a59-4f0b-9a51-0f3f1b8b2f10");

    @Test
    void acceptsItsOwnSignature() {
        String signature = signer.sign(grant, 1_800_000_000L);
        assertThat(signature).matches("[A-Za-z0-9_-]{43}");
        assertThat(signer.verify(grant, 1_800_000_000L, signature)).isTrue();
    }

    @Test
    void rejectsAChangedExpiryGrantOrSignature() {
        String signature = signer.sign(grant, 1_800_000_000L);
        assertThat(signer.verify(grant, 1_800_000_001L, signature)).isFalse();
        assertThat(signer.verify(UUID.randomUUID(), 1_800_000_000L, signature)).isFalse();
        assertThat(signer.verify(grant, 1_800_000_000L, signature.substring(1) + "A")).isFalse();
        assertThat(signer.verify(grant, 1_800_000_000L, "")).isFalse();
        assertThat(signer.verify(grant, 1_800_000_000L, null)).isFalse();
    }

    @Test
    void anotherKeyMakesAnotherSignature() {
        UploadSigner other = new UploadSigner("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));
        assertThat(other.verify(grant, 1_800_000_000L, signer.sign(grant, 1_800_000_000L))).isFalse();
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new UploadSigner(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
