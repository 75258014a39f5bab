package dev.syndicast.tenancy.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitTest {

    @Test
    void aDeclaredLengthBeyondIntIsReadAsALong() {
        // JAX-RS' int getLength() threw on these, which made a claimed 2 GiB body a 500 instead of a 413.
        assertThat(BodyLimit.declaredLength("2147483648")).isEqualTo(2_147_483_648L);
        assertThat(BodyLimit.declaredLength("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
        assertThat(BodyLimit.declaredLength(" 12 ")).isEqualTo(12);
        assertThat(BodyLimit.declaredLength(null)).isEqualTo(-1);
        assertThat(BodyLimit.declaredLength("")).isEqualTo(-1);
    }
}
