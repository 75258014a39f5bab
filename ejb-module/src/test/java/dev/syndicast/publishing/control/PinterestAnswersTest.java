package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How Pinterest API v5 answers are read (developers.pinterest.com/docs/api/v5, .../reference/rate-limits). */
class PinterestAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static HttpAnswer answer(int status, String body, Map<String, List<String>> headers) {
        return new HttpAnswer(status, body, headers);
    }

    @Test
    void aRefusedTokenIsTokenRefusedWithPinterestsMessage() {
        assertThat(PinterestAnswers.classify(answer(401, "{\"code\":2,\"message\":\"Authentication failed.\"}", Map.of()), NOW,
                "the pin call", true))
                .isEqualTo(new PublishOutcome.TokenRefused("Pinterest refused the access token (revoked or expired): Authentication failed. (code 2)"));
    }

    @Test
    void a429WaitsForRetryAfterOrTheResetOrAMinuteWithoutSpendingAnAttempt() {
        String body = "{\"code\":8,\"message\":\"Rate limit exceeded\"}";
        assertThat(PinterestAnswers.classify(answer(429, body, Map.of("Retry-After", List.of("7"))), NOW, "the pin call", true))
                .isEqualTo(new PublishOutcome.RateLimited("the pin call answered HTTP 429: Rate limit exceeded (code 8)", Duration.ofSeconds(7)));
        assertThat(((PublishOutcome.RateLimited) PinterestAnswers.classify(answer(429, body,
                Map.of("x-ratelimit-reset", List.of("42"))), NOW, "x", true)).retryAfter()).isEqualTo(Duration.ofSeconds(42));
        assertThat(((PublishOutcome.RateLimited) PinterestAnswers.classify(answer(429, body,
                Map.of("X-RateLimit-Reset", List.of(String.valueOf(NOW.getEpochSecond() + 90)))), NOW, "x", true)).retryAfter())
                .as("a Unix time").isEqualTo(Duration.ofSeconds(90));
        assertThat(((PublishOutcome.RateLimited) PinterestAnswers.classify(answer(429, "", Map.of()), NOW, "x", true)).retryAfter())
                .isEqualTo(PinterestAnswers.RATE_LIMIT_WAIT);
    }

    @Test
    void serverErrorsAreUnknownOnlyForThePinCall() {
        assertThat(PinterestAnswers.classify(answer(503, "", Map.of()), NOW, "the pin call", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(PinterestAnswers.classify(answer(503, "", Map.of()), NOW, "the video registration", false))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(PinterestAnswers.classify(answer(408, "", Map.of()), NOW, "the pin call", true)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void otherClientErrorsAreRefusalsWithTheMessage() {
        assertThat(PinterestAnswers.classify(answer(404, "{\"code\":40,\"message\":\"Board not found.\"}", Map.of()), NOW, "the pin call", true))
                .isEqualTo(new PublishOutcome.Permanent("Pinterest refused the pin call: Board not found. (code 40)"));
        assertThat(PinterestAnswers.classify(answer(400, "not json", Map.of()), NOW, "the pin call", true))
                .isEqualTo(new PublishOutcome.Permanent("Pinterest refused the pin call: not json"));
    }

    @Test
    void exceptionsBeforeSendingAreNotProcessedAndAfterItUnknown() {
        assertThat(PinterestAnswers.exception("the pin call", new ConnectException("refused"), true)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(PinterestAnswers.exception("the pin call", new HttpTimeoutException("slow"), true))
                .isEqualTo(new PublishOutcome.Unknown("No answer to the pin call within the request timeout"));
        assertThat(PinterestAnswers.exception("the pin call", new IOException("reset"), true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(PinterestAnswers.exception("the upload", new IOException("reset"), false)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void aRegistrationKeepsItsUploadParametersInOrder() {
        String body = """
                {"media_id":"12345","media_type":"video","upload_url":"https://pinterest-media-upload.s3-accelerate.amazonaws.com/",
                 "upload_parameters":{"x-amz-date":"20261202T000000Z","key":"uploads/a/b","policy":"cG9saWN5","Content-Type":"multipart/form-data"}}""";
        PinterestSteps.Media media = PinterestAnswers.registered(body).orElseThrow();
        assertThat(media.id()).isEqualTo("12345");
        assertThat(media.uploadUrl()).isEqualTo("https://pinterest-media-upload.s3-accelerate.amazonaws.com/");
        assertThat(media.uploadParameters().keySet()).containsExactly("x-amz-date", "key", "policy", "Content-Type");
        assertThat(PinterestAnswers.registered("{\"media_id\":\"1\"}")).isEmpty();
        assertThat(PinterestAnswers.mediaStatus("{\"media_id\":\"1\",\"status\":\"processing\"}")).isEqualTo("processing");
    }

    @Test
    void aPinIsFoundOnItsBoardByTitleDescriptionAndLink() {
        String board = """
                {"items":[{"id":"9","title":"Other","description":"Same text","link":null},
                          {"id":"8","title":"Launch","description":"Same   text","link":"https://example.com/a"},
                          {"id":"7","title":"Launch","description":"Same text","link":null}],"bookmark":null}""";
        assertThat(PinterestAnswers.findPin(board, "Launch", "Same text", "https://example.com/a")).contains("8");
        assertThat(PinterestAnswers.findPin(board, "Launch", "Same text", null)).contains("7");
        assertThat(PinterestAnswers.findPin(board, "Launch", "Other text", null)).isEmpty();
        assertThat(PinterestAnswers.isListing(board)).isTrue();
        assertThat(PinterestAnswers.isListing("<html>")).isFalse();
        assertThat(PinterestAnswers.pinUrl("8")).isEqualTo("https://www.pinterest.com/pin/8/");
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        PinterestSteps steps = PinterestSteps.none().registered(new PinterestSteps.Media("1", "https://up/",
                Map.of("key", "k"), false, false), NOW).uploaded();
        assertThat(PinterestSteps.parse(steps.toJson())).isEqualTo(steps);
        assertThat(PinterestSteps.parse(steps.ready().toJson()).media().ready()).isTrue();
        assertThat(PinterestSteps.parse("{broken")).isEqualTo(PinterestSteps.none());
    }
}
