package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.entity.RateLimitedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitCheckTest {

    private static final Instant WINDOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant NOW = WINDOW.plusSeconds(15);

    private final List<String> buckets = new ArrayList<>();
    private boolean enabled = true;
    private int hits;

    private RateLimitCheck check() {
        RateLimitCheck check = new RateLimitCheck();
        check.rateLimits = new RateLimits() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public RateDecision hit(String caller, RateTier tier) {
                buckets.add(caller + ":" + tier.wire());
                return RateDecision.of(++hits, 2, WINDOW, Duration.ofMinutes(1), NOW);
            }
        };
        return check;
    }

    @Test
    void each_request_is_counted_for_the_caller_and_tier() {
        Caller caller = new Caller(UUID.randomUUID(), "k", UUID.randomUUID(), "acme", Set.of("*"));
        RateDecision decision = check().count(caller, RateTier.BULK).orElseThrow();
        assertThat(buckets).containsExactly(caller.actorId() + ":" + RateTier.BULK.wire());
        assertThat(decision.remaining()).isEqualTo(1);
        assertThatCode(() -> RateLimitCheck.requireAllowed(decision)).doesNotThrowAnyException();
    }

    @Test
    void over_the_limit_is_429_with_the_seconds_to_wait() {
        RateDecision over = RateDecision.of(3, 2, WINDOW, Duration.ofMinutes(1), NOW);
        assertThatThrownBy(() -> RateLimitCheck.requireAllowed(over))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(45))
                .hasMessage("Rate limit of 2 requests per window reached; retry after 45 s");
    }

    @Test
    void nothing_is_counted_while_rate_limits_are_off() {
        enabled = false;
        Caller caller = new Caller(UUID.randomUUID(), "k", UUID.randomUUID(), "acme", Set.of("*"));
        assertThat(check().count(caller, RateTier.STANDARD)).isEmpty();
        assertThat(buckets).isEmpty();
    }
}
