package dev.syndicast.publishing.control;

import dev.syndicast.publishing.control.XAnswers.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class XAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private static Answer answer(int status, String body) {
        return new Answer(status, body, Optional.empty());
    }

    @Test
    void aCreatedTweetIsPublishedWithItsIdAndPage() {
        assertThat(XAnswers.tweetOutcome(answer(201, "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"hi\"}}"), NOW))
                .isEqualTo(new PublishOutcome.Published("1445880548472328192", "https://x.com/i/web/status/1445880548472328192"));
        assertThat(XAnswers.tweetOutcome(answer(201, "<html>"), NOW)).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void aRefusalKeepsTheProblemTitleDetailAndType() {
        String duplicate = "{\"title\":\"Forbidden\",\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                + "\"type\":\"about:blank\",\"status\":403}";
        assertThat(XAnswers.tweetOutcome(answer(403, duplicate), NOW)).isEqualTo(new PublishOutcome.Permanent(
                "X refused the post: Forbidden: You are not allowed to create a Tweet with duplicate content. (about:blank)"));
        assertThat(XAnswers.duplicateContent(answer(403, duplicate))).isTrue();
        assertThat(XAnswers.duplicateContent(answer(400, duplicate))).isFalse();
        assertThat(XAnswers.problemOf("{\"errors\":[{\"message\":\"text is too long\"}]}")).isEqualTo("text is too long");
    }

    @Test
    void serverErrorsAreUnknownAndTimeoutsOfTheRequestNotProcessed() {
        assertThat(XAnswers.tweetOutcome(answer(503, "{\"title\":\"Service Unavailable\"}"), NOW)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(XAnswers.tweetOutcome(answer(408, ""), NOW)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(XAnswers.tweetOutcome(answer(401, "{\"title\":\"Unauthorized\",\"detail\":\"Unauthorized\",\"type\":\"about:blank\"}"), NOW))
                .isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(XAnswers.tweetException(new java.net.ConnectException("refused"))).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(XAnswers.tweetException(new java.net.http.HttpTimeoutException("slow"))).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(XAnswers.tweetException(new java.io.IOException("reset"))).isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void aRateLimitWaitsUntilTheResetInEpochSeconds() {
        Answer limited = new Answer(429, "{\"title\":\"Too Many Requests\"}", Optional.of(String.valueOf(NOW.getEpochSecond() + 900)));
        assertThat(XAnswers.tweetOutcome(limited, NOW)).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(900)));
        assertThat(XAnswers.rateLimitReset(new Answer(429, "", Optional.of("soon")), NOW)).isEmpty();
    }

    @Test
    void uploadStepFailuresLeaveNothingVisibleSoServerErrorsAreRetries() {
        assertThat(XAnswers.stepFailure(answer(500, ""), NOW, "the upload of media 1")).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(XAnswers.stepFailure(answer(400, "{\"title\":\"Invalid Request\",\"detail\":\"unsupported media\"}"), NOW,
                "the upload of media 1")).isEqualTo(new PublishOutcome.Permanent(
                "X refused the upload of media 1: Invalid Request: unsupported media"));
    }

    @Test
    void processingInfoSaysWhetherMediaIsReady() {
        var none = XAnswers.processing(XAnswers.readObject("{\"id\":\"1\"}").orElseThrow());
        assertThat(none.done()).isTrue();
        var pending = XAnswers.processing(XAnswers.readObject(
                "{\"id\":\"1\",\"processing_info\":{\"state\":\"in_progress\",\"check_after_secs\":10}}").orElseThrow());
        assertThat(pending.done()).isFalse();
        assertThat(pending.checkAfter()).isEqualTo(Duration.ofSeconds(10));
        var failed = XAnswers.processing(XAnswers.readObject(
                "{\"id\":\"1\",\"processing_info\":{\"state\":\"failed\",\"error\":{\"message\":\"InvalidMedia\"}}}").orElseThrow());
        assertThat(failed.failed()).isTrue();
        assertThat(failed.error()).isEqualTo("InvalidMedia");
    }

    @Test
    void theLookupFindsATextTweetWithLinksRewrittenAndEntitiesEscaped() {
        String timeline = "{\"data\":[{\"id\":\"9\",\"text\":\"other\"},"
                + "{\"id\":\"10\",\"text\":\"Fish &amp; chips https://t.co/abc\"}]}";
        assertThat(XAnswers.lookup(answer(200, timeline), List.of("Fish & chips https://example.com/menu"), UploadSteps.none()))
                .isEqualTo(new CheckOutcome.Found("10", "https://x.com/i/web/status/10"));
        assertThat(XAnswers.lookup(answer(200, timeline), List.of("Something else"), UploadSteps.none()))
                .isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(XAnswers.lookup(answer(200, "{\"meta\":{\"result_count\":0}}"), List.of("x"), UploadSteps.none()))
                .isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(XAnswers.lookup(answer(503, ""), List.of("x"), UploadSteps.none())).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void theLookupFindsAMediaTweetByItsMediaKeysAndAThreadPartByItsParent() {
        UploadSteps uploaded = UploadSteps.none().uploaded(new UploadSteps.Upload("555", true), NOW);
        String timeline = "{\"data\":[{\"id\":\"20\",\"text\":\"look https://t.co/m\",\"attachments\":{\"media_keys\":[\"7_555\"]}}]}";
        assertThat(XAnswers.lookup(answer(200, timeline), List.of("look", "part two"), uploaded))
                .isInstanceOfSatisfying(CheckOutcome.FoundInPart.class, f -> assertThat(f.state()).contains("\"20\""));

        UploadSteps first = uploaded.withPosted(new UploadSteps.Posted("20", XAnswers.tweetUrl("20")));
        String replies = "{\"data\":[{\"id\":\"21\",\"text\":\"part two\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"20\"}]}]}";
        assertThat(XAnswers.lookup(answer(200, replies), List.of("look", "part two"), first))
                .isEqualTo(new CheckOutcome.Found("20", "https://x.com/i/web/status/20"));
        String elsewhere = "{\"data\":[{\"id\":\"22\",\"text\":\"part two\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"1\"}]}]}";
        assertThat(XAnswers.lookup(answer(200, elsewhere), List.of("look", "part two"), first))
                .as("the first tweet exists: never reported missing").isInstanceOf(CheckOutcome.FoundInPart.class);
    }
}
