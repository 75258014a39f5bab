package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static dev.syndicast.publishing.control.TestResponses.response;
import static org.assertj.core.api.Assertions.assertThat;

/** How Mastodon's documented answers are read: outcomes, error bodies, rate limits, and the lookup of a status in doubt. */
class MastodonAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String INSTANCE = "https://example.social";

    @Test
    void aCreatedStatusCarriesItsIdAndPublicUrl() {
        PublishOutcome outcome = MastodonAnswers.statusOutcome(response(200,
                "{\"id\":\"1099\",\"uri\":\"https://example.social/users/a/statuses/1099\",\"url\":\"https://example.social/@a/1099\"}"),
                INSTANCE, NOW);
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("1099", "https://example.social/@a/1099"));
        assertThat(MastodonAnswers.statusOutcome(response(200, "<html>"), INSTANCE, NOW))
                .as("a 200 that cannot be read may still have created the status").isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void errorsAreClassifiedAsTheDocsDescribeThem() {
        assertThat(MastodonAnswers.statusOutcome(response(422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}"),
                INSTANCE, NOW)).isEqualTo(new PublishOutcome.Permanent(
                "https://example.social refused the post: Validation failed: Text character limit of 500 exceeded"));
        assertThat(MastodonAnswers.statusOutcome(response(401, "{\"error\":\"The access token was revoked\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.TokenRefused.class)
                .satisfies(o -> assertThat(((PublishOutcome.TokenRefused) o).reason()).contains("The access token was revoked"));
        assertThat(MastodonAnswers.statusOutcome(response(503, "{\"error\":\"unavailable\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonAnswers.statusOutcome(response(408, ""), INSTANCE, NOW)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(MastodonAnswers.statusOutcome(response(404, "{\"error\":\"Record not found\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.Permanent.class);
    }

    @Test
    void aRateLimitWaitsUntilTheResetWithoutBeingAFailure() {
        PublishOutcome outcome = MastodonAnswers.statusOutcome(response(429, "{\"error\":\"Too many requests\"}",
                Map.of("X-RateLimit-Reset", List.of("2026-12-02T10:04:30.019685Z"))), INSTANCE, NOW);
        assertThat(outcome).isInstanceOf(PublishOutcome.RateLimited.class);
        assertThat(((PublishOutcome.RateLimited) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(270).plusNanos(19_685_000));
        PublishOutcome withoutHeader = MastodonAnswers.statusOutcome(response(429, ""), INSTANCE, NOW);
        assertThat(((PublishOutcome.RateLimited) withoutHeader).retryAfter()).as("the back-off decides").isNull();
    }

    @Test
    void aFailedUploadIsAPlainRetryBecauseNothingVisibleExists() {
        assertThat(MastodonAnswers.stepFailure("the upload of media 1", response(502, ""), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(MastodonAnswers.stepFailure("the upload of media 1", response(422, "{\"error\":\"File type not supported\"}"),
                INSTANCE, NOW)).isEqualTo(new PublishOutcome.Permanent("https://example.social refused the post: File type not supported"));
    }

    @Test
    void aStatusCallThatBrokeAfterSendingIsUnknownButOneThatNeverConnectedIsNot() {
        assertThat(MastodonAnswers.statusException(new CompletionException(new HttpTimeoutException("timed out"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonAnswers.statusException(new CompletionException(new IOException("connection reset"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonAnswers.statusException(new CompletionException(new ConnectException("refused"))))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void theLookupFindsTheStatusByItsMediaIdsOrItsText() {
        String statuses = """
                [{"id":"3","url":"https://example.social/@a/3","content":"<p>other</p>","media_attachments":[]},
                 {"id":"2","url":"https://example.social/@a/2","content":"<p>x</p>","media_attachments":[{"id":"m2"},{"id":"m1"}]},
                 {"id":"1","url":"https://example.social/@a/1","content":"<p>Hello &amp; <a href=\\"https://x.test\\">https://x.test</a></p><p>second<br>line</p>","media_attachments":[]}]""";
        UploadSteps withMedia = UploadSteps.none().uploaded(new UploadSteps.Upload("m1", true), NOW)
                .uploaded(new UploadSteps.Upload("m2", true), NOW);
        assertThat(MastodonAnswers.lookup(response(200, statuses), List.of("ignored"), withMedia))
                .isEqualTo(new CheckOutcome.Found("2", "https://example.social/@a/2"));
        assertThat(MastodonAnswers.lookup(response(200, statuses), List.of("Hello & https://x.test\n\nsecond\nline"),
                UploadSteps.none())).isEqualTo(new CheckOutcome.Found("1", "https://example.social/@a/1"));
        assertThat(MastodonAnswers.lookup(response(200, statuses), List.of("never posted"), UploadSteps.none()))
                .isEqualTo(new CheckOutcome.NotFound());
        assertThat(MastodonAnswers.lookup(response(200, statuses), List.of("x"),
                UploadSteps.none().uploaded(new UploadSteps.Upload("m9", true), NOW))).isEqualTo(new CheckOutcome.NotFound());
        assertThat(MastodonAnswers.lookup(response(502, ""), List.of("x"), UploadSteps.none())).isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(MastodonAnswers.lookup(response(200, "{oops"), List.of("x"), UploadSteps.none()))
                .isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void aThreadIsLookedUpPartByPartAndNeverReportedMissingOnceItsFirstStatusExists() {
        String statuses = """
                [{"id":"12","url":"u12","content":"<p>part two</p>","in_reply_to_id":"11","media_attachments":[]},
                 {"id":"11","url":"u11","content":"<p>the post</p>","in_reply_to_id":null,"media_attachments":[]}]""";
        List<String> texts = List.of("the post", "part two", "part three");
        CheckOutcome first = MastodonAnswers.lookup(response(200, statuses), texts, UploadSteps.none());
        assertThat(first).isInstanceOf(CheckOutcome.FoundInPart.class);
        UploadSteps afterFirst = UploadSteps.parse(((CheckOutcome.FoundInPart) first).state());
        assertThat(afterFirst.posted()).containsExactly(new UploadSteps.Posted("11", "u11"));

        CheckOutcome second = MastodonAnswers.lookup(response(200, statuses), texts, afterFirst);
        UploadSteps afterSecond = UploadSteps.parse(((CheckOutcome.FoundInPart) second).state());
        assertThat(afterSecond.posted()).extracting(UploadSteps.Posted::id).containsExactly("11", "12");

        CheckOutcome third = MastodonAnswers.lookup(response(200, statuses), texts, afterSecond);
        assertThat(third).as("part three is not there, but the post is: send it again, never fail")
                .isInstanceOf(CheckOutcome.FoundInPart.class);
        assertThat(UploadSteps.parse(((CheckOutcome.FoundInPart) third).state())).isEqualTo(afterSecond);

        String all = statuses.replace("[{", "[{\"id\":\"13\",\"url\":\"u13\",\"content\":\"<p>part three</p>\","
                + "\"in_reply_to_id\":\"12\",\"media_attachments\":[]},{");
        assertThat(MastodonAnswers.lookup(response(200, all), texts, afterSecond))
                .as("the whole thread is there: published as its first status").isEqualTo(new CheckOutcome.Found("11", "u11"));
    }
}
