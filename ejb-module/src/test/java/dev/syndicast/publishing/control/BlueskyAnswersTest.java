package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void rateLimitedWaitsForTheReset() {
        PublishOutcome outcome = BlueskyAnswers.classify(429, Optional.of(String.valueOf(NOW.getEpochSecond() + 90)), Optional.empty(),
                "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}", NOW);

        assertThat(outcome).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(((PublishOutcome.NotProcessed) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(((PublishOutcome.NotProcessed) outcome).reason()).contains("RateLimitExceeded");
    }

    @Test
    void rateLimitedWithoutResetFallsBackToRetryAfter() {
        PublishOutcome outcome = BlueskyAnswers.classify(429, Optional.of("soon"), Optional.of("30"), "", NOW);

        assertThat(((PublishOutcome.NotProcessed) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorsAndTimeoutsAreUnknown() {
        assertThat(BlueskyAnswers.classify(500, Optional.empty(), Optional.empty(),
                "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}", NOW)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(BlueskyAnswers.classify(502, Optional.empty(), Optional.empty(), "<html>bad gateway</html>", NOW))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(BlueskyAnswers.classify(408, Optional.empty(), Optional.empty(), "", NOW)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(BlueskyConnector.sendFailure(new HttpTimeoutException("timed out")))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(BlueskyConnector.sendFailure(new ConnectException("refused")))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void invalidRequestsArePermanentWithBlueskysMessage() {
        PublishOutcome outcome = BlueskyAnswers.classify(400, Optional.empty(), Optional.empty(),
                "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes\"}", NOW);

        assertThat(outcome).isEqualTo(new PublishOutcome.Permanent(
                "Bluesky refused the post: InvalidRequest: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes"));
        assertThat(BlueskyAnswers.classify(413, Optional.empty(), Optional.empty(), "", NOW))
                .isEqualTo(new PublishOutcome.Permanent("Bluesky answered HTTP 413"));
    }

    @Test
    void expiredOrRevokedSessions() {
        assertThat(BlueskyAnswers.sessionExpired(401, "{\"error\":\"AuthenticationRequired\"}")).isTrue();
        assertThat(BlueskyAnswers.sessionExpired(400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")).isTrue();
        assertThat(BlueskyAnswers.sessionExpired(400, "{\"error\":\"InvalidToken\"}")).isTrue();
        assertThat(BlueskyAnswers.sessionExpired(400, "{\"error\":\"InvalidRequest\"}")).isFalse();
        assertThat(BlueskyAnswers.sessionExpired(500, "not json")).isFalse();
    }

    @Test
    void recordNotFound() {
        assertThat(BlueskyAnswers.recordNotFound(400, "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}")).isTrue();
        assertThat(BlueskyAnswers.recordNotFound(400, "{\"error\":\"InvalidRequest\"}")).isFalse();
        assertThat(BlueskyAnswers.recordNotFound(500, "{\"error\":\"RecordNotFound\"}")).isFalse();
    }
}
