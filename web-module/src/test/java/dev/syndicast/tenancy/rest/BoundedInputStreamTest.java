package dev.syndicast.tenancy.rest;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedInputStreamTest {

    @Test
    void reads_up_to_the_limit_and_fails_with_413_beyond_it() throws IOException {
        assertThat(new BoundedInputStream(new ByteArrayInputStream(new byte[10]), 10).readAllBytes()).hasSize(10);
        assertThatThrownBy(() -> new BoundedInputStream(new ByteArrayInputStream(new byte[11]), 10).readAllBytes())
                .isInstanceOfSatisfying(WebApplicationException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(413));
    }
}
