package dev.syndicast.publishing.control;

import dev.syndicast.scheduling.entity.Backoff;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofSeconds(1), 4, Duration.ofHours(1)), Duration.ofMinutes(10));

    @Test
    void tooManyRequestsIsNotProcessedFiveHundredsAreUnknownOtherFourHundredsPermanent() {
        // A 5xx may come from a gateway that gave up while the platform created the post: look it up, never resend blindly.
        assertThat(RetryPolicy.classify(500, Optional.empty(), "", NOW)).isEqualTo(new PublishOutcome.Unknown("HTTP 500"));
        assertThat(RetryPolicy.classify(503, Optional.empty(), "", NOW)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(RetryPolicy.classify(504, Optional.empty(), "{\"error\":\"Injected timeout\"}", NOW))
                .isEqualTo(new PublishOutcome.Unknown("HTTP 504: {\"error\":\"Injected timeout\"}"));
        assertThat(RetryPolicy.classify(429, Optional.of("7"), "", NOW))
                .isEqualTo(new PublishOutcome.NotProcessed("HTTP 429", Duration.ofSeconds(7)));
        assertThat(RetryPolicy.classify(408, Optional.empty(), "", NOW)).isEqualTo(new PublishOutcome.NotProcessed("HTTP 408", null));
        assertThat(RetryPolicy.classify(400, Optional.empty(), "{\"error\":\"bad\"}", NOW))
                .isEqualTo(new PublishOutcome.Permanent("HTTP 400: {\"error\":\"bad\"}"));
        assertThat(RetryPolicy.classify(401, Optional.empty(), "", NOW)).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(RetryPolicy.classify(404, Optional.empty(), "", NOW)).isInstanceOf(PublishOutcome.Permanent.class);
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryPolicy.parseRetryAfter("Sat, 31 Jan 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
    }

    @Test
    void delaysFollowSeedTwoAndRetryAfterWinsUpToItsCap() {
        assertThat(policy.nextAttemptAt(1, null, NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(policy.nextAttemptAt(2, null, NOW)).isEqualTo(NOW.plusSeconds(4));
        assertThat(policy.nextAttemptAt(3, null, NOW)).isEqualTo(NOW.plusSeconds(16));
        assertThat(policy.nextAttemptAt(1, Duration.ofSeconds(30), NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(policy.nextAttemptAt(1, Duration.ofDays(2), NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void nothingSentIsRetriedATimeoutAResetOrAnUnreadableAnswerAfterSendingIsUnknown() {
        assertThat(SandboxConnector.failureOf(new CompletionException(new ConnectException("refused"))))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(SandboxConnector.failureOf(new CompletionException(new HttpConnectTimeoutException("slow connect"))))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(SandboxConnector.failureOf(new CompletionException(new HttpTimeoutException("request timed out"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(SandboxConnector.failureOf(new CompletionException(new java.io.IOException("Connection reset"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(SandboxConnector.failureOf(new CompletionException(new jakarta.json.JsonException("bad body"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void aWaitThePlatformSentIsCappedButADocumentedResetIsWaitedOutWhole() {
        // The policy's cap is 10 minutes.
        assertThat(policy.afterRateLimit(new PublishOutcome.RateLimited("429", Duration.ofHours(5)), 0, NOW))
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(policy.afterRateLimit(new PublishOutcome.RateLimited("quota day", Duration.ofHours(5), true), 0, NOW))
                .isEqualTo(NOW.plus(Duration.ofHours(5)));
        assertThat(policy.afterRateLimit(new PublishOutcome.RateLimited("no wait given", null), 2, NOW))
                .as("the back-off before the third attempt").isEqualTo(NOW.plus(Duration.ofSeconds(4)));
    }
}
