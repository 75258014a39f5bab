package dev.syndicast.tenancy.control;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlTest {

    @Test
    void a_rate_window_allows_up_to_the_limit_then_says_when_to_retry() {
        Duration minute = Duration.ofMinutes(1);
        Instant now = Instant.parse("2026-01-01T10:00:42.500Z");
        Instant start = RateDecision.windowStart(now, minute);
        assertThat(start).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));

        RateDecision last = RateDecision.of(60, 60, start, minute, now);
        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();
        assertThat(last.resetAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));

        RateDecision over = RateDecision.of(61, 60, start, minute, now);
        assertThat(over.allowed()).isFalse();
        assertThat(over.retryAfterSeconds()).isEqualTo(18);

        assertThat(RateDecision.of(1, 60, start, minute, now).remaining()).isEqualTo(59);
    }

    @Test
    void the_org_header_takes_an_id_or_a_slug_and_refuses_anything_else() {
        UUID id = UUID.randomUUID();
        assertThat(OrgHeader.parse(id.toString())).contains(new OrgHeader(id, null));
        assertThat(OrgHeader.parse(" acme-co ")).contains(new OrgHeader(null, "acme-co"));
        assertThat(OrgHeader.parse(null)).isEmpty();
        assertThat(OrgHeader.parse("  ")).isEmpty();
        assertThatThrownBy(() -> OrgHeader.parse("Acme Co; drop table")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> OrgHeader.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void keys_and_session_tokens_are_told_apart_and_hashed() {
        String key = KeyGenerator.newKey();
        String token = KeyGenerator.newSessionToken();
        assertThat(key).startsWith("syn_");
        assertThat(KeyGenerator.looksLikeSessionToken(key)).isFalse();
        assertThat(KeyGenerator.looksLikeSessionToken(token)).isTrue();
        assertThat(KeyGenerator.hash(token)).hasSize(64).isNotEqualTo(KeyGenerator.hash(key));
    }

    @Test
    void a_caller_knows_its_actor_and_scopes() {
        UUID key = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Caller legacy = new Caller(key, "bootstrap", UUID.randomUUID(), "default", Set.of("*"));
        assertThat(legacy.has("anything")).isTrue();
        assertThat(legacy.actorId()).isEqualTo(key);
        assertThat(legacy.isSession()).isFalse();

        Caller person = new Caller(UUID.randomUUID(), "session", UUID.randomUUID(), "acme", Set.of("posts:read"),
                Caller.Kind.SESSION, user, "Alice", Role.CLIENT);
        assertThat(person.actorId()).isEqualTo(user);
        assertThat(person.actorName()).isEqualTo("Alice");
        assertThat(person.has("posts:write")).isFalse();
    }
}
