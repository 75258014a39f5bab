package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.syndicast.publishing.control.TestResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

/** Instagram's error subcodes as its error codes page says to act on them, and the container and limit answers. */
class InstagramAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final Duration QUOTA_WAIT = Duration.ofHours(1);

    private static String error(int code, int subcode, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code + ",\"error_subcode\":"
                + subcode + ",\"is_transient\":false,\"error_user_msg\":\"" + message + "\",\"fbtrace_id\":\"A\"}}";
    }

    private static PublishOutcome classify(int code, int subcode, boolean visible) {
        return InstagramAnswers.classify(response(400, error(code, subcode, "m")), NOW, "the call", visible, QUOTA_WAIT);
    }

    @Test
    void anUnsupportedVideoFormatOrOtherMediaFaultIsRefusedForGood() {
        assertThat(classify(352, 2207026, false)).isInstanceOf(PublishOutcome.Permanent.class)
                .satisfies(o -> assertThat(((PublishOutcome.Permanent) o).reason()).contains("352/2207026"));
        for (int subcode : List.of(2207004, 2207005, 2207009, 2207010, 2207023, 2207028, 2207052, 2207057, 2207050, 2207051)) {
            assertThat(classify(100, subcode, true)).as("subcode " + subcode).isInstanceOf(PublishOutcome.Permanent.class);
        }
    }

    @Test
    void theDailyPublishingLimitWaitsWithoutSpendingAnAttempt() {
        assertThat(classify(9, 2207042, true)).isInstanceOf(PublishOutcome.RateLimited.class)
                .satisfies(o -> assertThat(((PublishOutcome.RateLimited) o).retryAfter()).isEqualTo(QUOTA_WAIT));
    }

    @Test
    void transientSubcodesAreRetriedOnContainersAndLookedUpAfterThePublishCall() {
        assertThat(classify(-1, 2207001, false)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(classify(-2, 2207003, false)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(classify(-1, 2207001, true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(classify(24, 2207008, true)).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void anExpiredOrLostContainerStartsOverWithNewContainers() {
        assertThat(classify(-2, 2207020, true)).isInstanceOf(PublishOutcome.StartOver.class);
        assertThat(classify(-1, 2207053, false)).isInstanceOf(PublishOutcome.StartOver.class);
        assertThat(classify(24, 2207006, true)).isInstanceOf(PublishOutcome.StartOver.class);
    }

    @Test
    void mediaNotReadyYetIsAskedAgainLater() {
        assertThat(classify(9007, 2207027, true)).isEqualTo(new PublishOutcome.NotProcessed(
                "the call answered HTTP 400: m (code 9007/2207027)", Duration.ofSeconds(30)));
    }

    @Test
    void tokensAndThrottlingAreTheGraphApisRules() {
        assertThat(InstagramAnswers.classify(response(400, error(190, 0, "Error validating access token")), NOW, "x", true, QUOTA_WAIT))
                .isInstanceOf(PublishOutcome.TokenRefused.class)
                .satisfies(o -> assertThat(((PublishOutcome.TokenRefused) o).reason()).contains("instagram_business_content_publish"));
        PublishOutcome throttled = InstagramAnswers.classify(response(400, error(4, 0, "Application request limit reached"),
                Map.of("X-App-Usage", List.of("{\"call_count\":100,\"total_time\":20,\"total_cputime\":20}"))), NOW, "x", true, QUOTA_WAIT);
        assertThat(((PublishOutcome.RateLimited) throttled).retryAfter()).isEqualTo(GraphAnswers.THROTTLE_WAIT);
        PublishOutcome business = InstagramAnswers.classify(response(400, error(80002, 0, "Too many calls to this Instagram account"),
                Map.of("X-Business-Use-Case-Usage", List.of("{\"17841\":[{\"type\":\"instagram\",\"call_count\":100,"
                        + "\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":7}]}"))), NOW, "x", true, QUOTA_WAIT);
        assertThat(((PublishOutcome.RateLimited) business).retryAfter()).isEqualTo(Duration.ofMinutes(7));
        assertThat(InstagramAnswers.classify(response(500, "oops"), NOW, "x", true, QUOTA_WAIT)).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void containerStatusesAndTheirErrors() {
        assertThat(InstagramAnswers.containerStatus("{\"status_code\":\"FINISHED\",\"id\":\"1\"}")).isEqualTo(ThreadsAnswers.ContainerStatus.FINISHED);
        assertThat(InstagramAnswers.containerStatus("{\"status_code\":\"EXPIRED\"}")).isEqualTo(ThreadsAnswers.ContainerStatus.EXPIRED);
        assertThat(InstagramAnswers.containerStatus("{}")).isEqualTo(ThreadsAnswers.ContainerStatus.UNREADABLE);
        assertThat(InstagramAnswers.mediaRefused("Error: Media upload has failed with error code 2207026")).isTrue();
        assertThat(InstagramAnswers.mediaRefused("Error: Media upload has failed with error code 2207053")).isFalse();
        assertThat(InstagramAnswers.mediaRefused("ERROR")).isFalse();
    }

    @Test
    void theQuotaIsUsedUpAtItsTotal() {
        assertThat(InstagramAnswers.quotaUsedUp("{\"data\":[{\"quota_usage\":100,\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")).isTrue();
        assertThat(InstagramAnswers.quotaUsedUp("{\"data\":[{\"quota_usage\":3,\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")).isFalse();
        assertThat(InstagramAnswers.quotaUsedUp("{\"data\":[]}")).isFalse();
    }

    @Test
    void aPublishedPostIsFoundByCaptionFromWhenTheWorkBegan() {
        String media = "{\"data\":[{\"id\":\"3\",\"caption\":\"Hello  world\",\"permalink\":\"p3\",\"timestamp\":\"2026-12-02T07:01:00+0000\"},"
                + "{\"id\":\"2\",\"caption\":\"Old\",\"permalink\":\"p2\",\"timestamp\":\"2026-12-01T07:00:00+0000\"}]}";
        assertThat(InstagramAnswers.findPublished(media, "Hello world", NOW)).hasValueSatisfying(m -> assertThat(m.getString("id")).isEqualTo("3"));
        assertThat(InstagramAnswers.findPublished(media, "Old", NOW)).isEmpty();
        assertThat(InstagramAnswers.findPublished(media, "Old", null)).isPresent();
    }
}
