package dev.syndicast.accounts.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTest {

    @Test
    void s256ChallengeMatchesRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersAreLongEnoughAndUnreserved() {
        String verifier = Pkce.newVerifier();
        assertThat(verifier).hasSizeBetween(43, 128).matches("[A-Za-z0-9._~-]+");
        assertThat(Pkce.newVerifier()).isNotEqualTo(verifier);
    }

    @Test
    void statesAreStoredAsHashes() {
        assertThat(Pkce.hash("state")).hasSize(64).isNotEqualTo("state").isEqualTo(Pkce.hash("state"));
    }
}
