package dev.syndicast.tenancy.rest;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    public record Created(UUID id, String name) {
    }

    private record Hidden(String id) {
    }

    @Test
    void a_creation_reply_names_what_it_created() {
        UUID id = UUID.randomUUID();
        assertThat(AuditTrail.idOf(new Created(id, "x"))).isEqualTo(id);
        assertThat(AuditTrail.idOf(new Hidden("h1"))).isEqualTo("h1");
        assertThat(AuditTrail.idOf(Map.of("id", "not a record"))).isNull();
        assertThat(AuditTrail.idOf(null)).isNull();
    }
}
