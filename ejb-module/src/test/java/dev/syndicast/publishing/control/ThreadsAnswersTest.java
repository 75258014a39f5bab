package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.syndicast.publishing.control.TestResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadsAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private static String error(int code, boolean transientError, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"is_transient\":" + transientError + ",\"fbtrace_id\":\"Abc\"}}";
    }

    @Test
    void anInvalidTokenOrAMissingPermissionNeedsTheAccountConnectedAgain() {
        assertThat(ThreadsAnswers.classify(response(400, error(190, false, "Error validating access token")), NOW, "x", true))
                .isInstanceOf(PublishOutcome.TokenRefused.class)
                .satisfies(o -> assertThat(((PublishOutcome.TokenRefused) o).reason()).contains("Error validating access token", "190"));
        assertThat(ThreadsAnswers.classify(response(401, "{}"), NOW, "x", true)).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(ThreadsAnswers.classify(response(403, error(10, false, "Permission denied")), NOW, "x", false))
                .isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(ThreadsAnswers.classify(response(403, error(200, false, "Permissions error")), NOW, "x", false))
                .isInstanceOf(PublishOutcome.TokenRefused.class);
    }

    @Test
    void throttlingWaitsWithoutSpendingAnAttempt() {
        PublishOutcome throttled = ThreadsAnswers.classify(response(400, error(4, true, "Application request limit reached")), NOW, "x", true);
        assertThat(throttled).isEqualTo(new PublishOutcome.RateLimited(
                "x answered HTTP 400: Application request limit reached (code 4)", ThreadsAnswers.THROTTLE_WAIT));
        PublishOutcome withRetryAfter = ThreadsAnswers.classify(response(429, "", Map.of("Retry-After", List.of("120"))), NOW, "x", true);
        assertThat(((PublishOutcome.RateLimited) withRetryAfter).retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(ThreadsAnswers.classify(response(400, error(613, false, "Calls within one hour")), NOW, "x", false))
                .isInstanceOf(PublishOutcome.RateLimited.class);
    }

    @Test
    void transientErrorsAreUnknownOnThePublishCallAndARetryOnContainers() {
        String unavailable = error(2, true, "Service temporarily unavailable");
        assertThat(ThreadsAnswers.classify(response(500, unavailable), NOW, "publish", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsAnswers.classify(response(500, unavailable), NOW, "container", false)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(ThreadsAnswers.classify(response(400, error(1, false, "An unknown error occurred")), NOW, "publish", true))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsAnswers.classify(response(502, "<html>bad gateway</html>"), NOW, "publish", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsAnswers.classify(response(408, ""), NOW, "publish", true)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void anInvalidParameterIsARefusalKeptWithThreadsOwnMessage() {
        PublishOutcome refused = ThreadsAnswers.classify(response(400, error(100, false, "The parameter text is too long")), NOW, "x", true);
        assertThat(refused).isEqualTo(new PublishOutcome.Permanent("Threads refused the post: The parameter text is too long (code 100)"));
    }

    @Test
    void exceptionsBeforeSendingAreNotProcessedAndAfterSendingUnknownForTheVisibleCall() {
        assertThat(ThreadsAnswers.exception("publish", new ConnectException("refused"), true)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(ThreadsAnswers.exception("publish", new HttpTimeoutException("slow"), true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsAnswers.exception("publish", new java.io.IOException("reset"), true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsAnswers.exception("container", new java.io.IOException("reset"), false)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void readsContainerStatusesAndTheirErrors() {
        assertThat(ThreadsAnswers.containerStatus("{\"status\":\"FINISHED\",\"id\":\"1\"}")).isEqualTo(ThreadsAnswers.ContainerStatus.FINISHED);
        assertThat(ThreadsAnswers.containerStatus("{\"status\":\"IN_PROGRESS\"}")).isEqualTo(ThreadsAnswers.ContainerStatus.IN_PROGRESS);
        assertThat(ThreadsAnswers.containerStatus("{\"status\":\"SOMETHING_NEW\"}")).isEqualTo(ThreadsAnswers.ContainerStatus.UNREADABLE);
        assertThat(ThreadsAnswers.containerStatus("not json")).isEqualTo(ThreadsAnswers.ContainerStatus.UNREADABLE);
        String failed = "{\"status\":\"ERROR\",\"error_message\":\"INVALID_ASPEC_RATIO\"}";
        assertThat(ThreadsAnswers.containerError(failed)).isEqualTo("INVALID_ASPEC_RATIO");
        assertThat(ThreadsAnswers.mediaRefused("INVALID_ASPEC_RATIO")).isTrue();
        assertThat(ThreadsAnswers.mediaRefused("FAILED_DOWNLOADING_VIDEO")).isFalse();
        assertThat(ThreadsAnswers.mediaRefused("UNKNOWN")).isFalse();
    }

    @Test
    void readsThePublishingQuota() {
        String used = "{\"data\":[{\"quota_usage\":250,\"config\":{\"quota_total\":250,\"quota_duration\":86400},"
                + "\"reply_quota_usage\":3,\"reply_config\":{\"quota_total\":1000,\"quota_duration\":86400}}]}";
        assertThat(ThreadsAnswers.quotaUsedUp(used, false)).isTrue();
        assertThat(ThreadsAnswers.quotaUsedUp(used, true)).isFalse();
        assertThat(ThreadsAnswers.quotaUsedUp("{\"data\":[{\"quota_usage\":4,\"config\":{\"quota_total\":250}}]}", false)).isFalse();
        assertThat(ThreadsAnswers.quotaUsedUp("{\"data\":[]}", false)).isFalse();
        assertThat(ThreadsAnswers.quotaUsedUp("garbage", false)).isFalse();
    }

    @Test
    void findsAThreadByItsText() {
        String list = "{\"data\":[{\"id\":\"1\",\"text\":\"other\"},{\"id\":\"2\",\"text\":\"Hello\\n  world\",\"permalink\":\"https://www.threads.net/@a/post/X\"}]}";
        assertThat(ThreadsAnswers.findByText(list, "Hello world")).hasValueSatisfying(t -> assertThat(t.getString("id")).isEqualTo("2"));
        assertThat(ThreadsAnswers.findByText(list, "missing")).isEmpty();
        assertThat(ThreadsAnswers.id("{\"id\":17889615691921648}")).hasValue("17889615691921648");
    }
}
