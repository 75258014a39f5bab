package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.syndicast.publishing.control.TestResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

class FacebookAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    @Test
    void pageThrottlingWaitsForTheTimeTheBusinessUseCaseHeaderNames() {
        String body = "{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":\"OAuthException\",\"code\":32,\"fbtrace_id\":\"A\"}}";
        PublishOutcome limited = FacebookAnswers.classify(response(400, body, Map.of("X-Business-Use-Case-Usage",
                List.of("{\"page-1\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":5,\"total_time\":5,"
                        + "\"estimated_time_to_regain_access\":19}]}"))), NOW, "the feed post", true);
        assertThat(limited).isEqualTo(new PublishOutcome.RateLimited(
                "the feed post answered HTTP 400: (#32) Page request limit reached (code 32)", Duration.ofMinutes(19)));
        PublishOutcome retryAfter = FacebookAnswers.classify(response(429, "", Map.of("Retry-After", List.of("30"))), NOW, "x", true);
        assertThat(((PublishOutcome.RateLimited) retryAfter).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRevokedPageTokenAndARefusedPost() {
        String expired = "{\"error\":{\"message\":\"Error validating access token: The session has been invalidated\",\"type\":\"OAuthException\",\"code\":190}}";
        assertThat(FacebookAnswers.classify(response(400, expired), NOW, "x", true)).isInstanceOf(PublishOutcome.TokenRefused.class);
        String duplicate = "{\"error\":{\"message\":\"Duplicate status message\",\"type\":\"OAuthException\",\"code\":506}}";
        assertThat(FacebookAnswers.classify(response(400, duplicate), NOW, "x", true)).isEqualTo(
                new PublishOutcome.Permanent("Facebook refused the post: Duplicate status message (code 506)"));
        assertThat(FacebookAnswers.classify(response(503, ""), NOW, "x", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(FacebookAnswers.classify(response(503, ""), NOW, "x", false)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void uploadAndVideoAnswers() {
        assertThat(FacebookAnswers.fileOffset("{\"id\":\"upload:abc\",\"file_offset\":4096}")).isEqualTo(OptionalLong.of(4096));
        assertThat(FacebookAnswers.fileOffset("{\"id\":\"upload:abc\"}")).isEmpty();
        assertThat(FacebookAnswers.handle("{\"h\":\"2::abc\"}")).hasValue("2::abc");
        assertThat(FacebookAnswers.postId("{\"id\":\"photo-1\",\"post_id\":\"page_9\"}")).hasValue("page_9");
        assertThat(FacebookAnswers.postId("{\"id\":\"page_9\"}")).hasValue("page_9");
        assertThat(FacebookAnswers.videoStatus("{\"status\":{\"video_status\":\"ready\"}}")).isEqualTo(FacebookAnswers.VideoStatus.READY);
        assertThat(FacebookAnswers.videoStatus("{\"status\":{\"video_status\":\"processing\"}}")).isEqualTo(FacebookAnswers.VideoStatus.PROCESSING);
        String failed = "{\"status\":{\"video_status\":\"error\",\"processing_phase\":{\"status\":\"error\",\"errors\":[{\"code\":1363008,\"message\":\"Video too short\"}]}}}";
        assertThat(FacebookAnswers.videoStatus(failed)).isEqualTo(FacebookAnswers.VideoStatus.ERROR);
        assertThat(FacebookAnswers.videoError(failed)).isEqualTo("Video too short");
        assertThat(FacebookAnswers.absolute("/page/videos/1/")).isEqualTo("https://www.facebook.com/page/videos/1/");
    }

    @Test
    void aPostIsFoundByItsMessageFromWhenTheWorkBegan() {
        String posts = "{\"data\":[{\"id\":\"p_2\",\"message\":\"Hello\",\"created_time\":\"2026-12-02T07:00:30+0000\"},"
                + "{\"id\":\"p_1\",\"message\":\"Hello\",\"created_time\":\"2026-11-30T07:00:00+0000\"}]}";
        assertThat(FacebookAnswers.find(posts, "message", "Hello", NOW)).hasValueSatisfying(p -> assertThat(p.getString("id")).isEqualTo("p_2"));
        assertThat(FacebookAnswers.find(posts, "message", "Hello", NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void theStepsSurviveTheirJson() {
        FacebookSteps steps = FacebookSteps.none().withPhoto("ph1", NOW)
                .withUpload(new FacebookSteps.Upload("upload:s", 10, true, null), NOW).withVideo("v1", NOW);
        assertThat(FacebookSteps.parse(steps.toJson())).isEqualTo(steps);
        assertThat(FacebookSteps.parse("{broken")).isEqualTo(FacebookSteps.none());
        assertThat(steps.upload().at(20)).isEqualTo(new FacebookSteps.Upload("upload:s", 20, false, null));
        FacebookSteps refused = steps.withUpload(steps.upload().refused("Invalid file_offset"), NOW);
        assertThat(FacebookSteps.parse(refused.toJson())).isEqualTo(refused);
    }

    @Test
    void aRefusedTransferAsksTheOffsetAndFailsOnlyWhenFacebookHoldsWhatItBeganAt() {
        // A crash cut off a transfer from byte 0 after Facebook took 32768 bytes; the job sends from 0 again, refused.
        FacebookSteps.Upload refused = new FacebookSteps.Upload("upload:s", 0, false, null).refused("Invalid file_offset 0");
        assertThat(refused.resume()).as("the offset is asked next").isTrue();
        assertThat(refused.refusalStanding(32768)).as("refused for the offset: resume from Facebook's").isNull();
        assertThat(refused.at(32768)).isEqualTo(new FacebookSteps.Upload("upload:s", 32768, false, null));
        assertThat(refused.refusalStanding(0)).as("refused for something else: it stands").isEqualTo("Invalid file_offset 0");
        assertThat(new FacebookSteps.Upload("upload:s", 0, true, null).refusalStanding(0)).as("a broken transfer resumes").isNull();
    }
}
