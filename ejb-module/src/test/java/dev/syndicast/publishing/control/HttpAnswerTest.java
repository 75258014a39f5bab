package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate-limit headers every connector reads the same way. */
class HttpAnswerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static HttpAnswer with(String name, String value) {
        return new HttpAnswer(429, "", Map.of(name, List.of(value)));
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        assertThat(with("x-ratelimit-reset", "5").header("X-Ratelimit-Reset")).contains("5");
        assertThat(with("ETag", "abc").header("etag")).contains("abc");
        assertThat(with("ETag", "abc").header("Location")).isEmpty();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(with("Retry-After", "7").retryAfter(NOW)).contains(Duration.ofSeconds(7));
        assertThat(with("Retry-After", "Wed, 02 Dec 2026 10:01:00 GMT").retryAfter(NOW)).contains(Duration.ofMinutes(1));
        assertThat(new HttpAnswer(429, "", Map.of()).retryAfter(NOW)).isEmpty();
    }

    @Test
    void aResetIsSecondsUntilTheWindowEndsRoundedUp() {
        assertThat(with("X-Ratelimit-Reset", "30").resetIn("X-Ratelimit-Reset", NOW)).contains(Duration.ofSeconds(30));
        assertThat(with("X-Ratelimit-Reset", "2.2").resetIn("X-Ratelimit-Reset", NOW)).contains(Duration.ofSeconds(3));
    }

    @Test
    void aResetThatReadsAsAUnixTimeIsTakenAsOne() {
        long inFortySeconds = NOW.getEpochSecond() + 40;
        assertThat(with("X-RateLimit-Reset", String.valueOf(inFortySeconds)).resetIn("X-RateLimit-Reset", NOW))
                .contains(Duration.ofSeconds(40));
        assertThat(with("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() - 5)).resetIn("X-RateLimit-Reset", NOW))
                .as("already past").contains(Duration.ZERO);
    }

    @Test
    void anUnreadableOrNegativeResetSaysNothing() {
        assertThat(with("X-RateLimit-Reset", "soon").resetIn("X-RateLimit-Reset", NOW)).isEmpty();
        assertThat(with("X-RateLimit-Reset", "-3").resetIn("X-RateLimit-Reset", NOW)).isEmpty();
        assertThat(new HttpAnswer(429, "", Map.of()).resetIn("X-RateLimit-Reset", NOW)).isEmpty();
    }
}
