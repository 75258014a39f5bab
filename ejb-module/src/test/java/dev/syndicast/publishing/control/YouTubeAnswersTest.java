package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** YouTube's answers as developers.google.com/youtube/v3/docs/errors and the resumable upload guide describe them. */
class YouTubeAnswersTest {

    private static final Instant NOW = Instant.parse("2027-07-01T12:00:00Z"); // 05:00 in Los Angeles (PDT, UTC-7)
    private static final Duration WAIT = Duration.ofMinutes(1);

    private static String error(int code, String reason, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
                + "\",\"domain\":\"youtube.quota\",\"reason\":\"" + reason + "\"}]}}";
    }

    @Test
    void aUsedUpQuotaWaitsUntilTheNextMidnightPacificWithoutAnAttempt() {
        String quota = error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your"
                + " <a href=\\\"/youtube/v3/getting-started#quota\\\">quota</a>.");
        PublishOutcome outcome = YouTubeAnswers.classify(403, quota, Optional.empty(), NOW, WAIT, "the upload session");
        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(19));
            assertThat(r.documentedReset()).as("YouTube documents the quota day: waited out whole").isTrue();
            assertThat(r.reason()).contains("exceeded your quota. (quotaExceeded)", "midnight Pacific time");
        });
        assertThat(YouTubeAnswers.classify(403, error(403, "dailyLimitExceeded", "Daily Limit Exceeded"), Optional.empty(), NOW,
                WAIT, "x")).isInstanceOf(PublishOutcome.RateLimited.class);
    }

    @Test
    void theQuotaDayFollowsPacificDaylightSavingTime() {
        assertThat(YouTubeAnswers.untilQuotaDay(Instant.parse("2027-01-15T07:59:00Z"))).isEqualTo(Duration.ofMinutes(1));
        assertThat(YouTubeAnswers.untilQuotaDay(Instant.parse("2027-07-15T06:59:00Z"))).isEqualTo(Duration.ofMinutes(1));
        assertThat(YouTubeAnswers.untilQuotaDay(Instant.parse("2027-07-15T07:00:00Z"))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void rateLimitsAndTheChannelsUploadLimitWaitWithoutAnAttempt() {
        assertThat(YouTubeAnswers.classify(403, error(403, "rateLimitExceeded", "Rate Limit Exceeded"), Optional.of("30"), NOW,
                WAIT, "the upload")).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30)).isNotNull().satisfies(d -> assertThat(r.documentedReset()).isFalse()));
        assertThat(YouTubeAnswers.classify(403, error(403, "userRateLimitExceeded", "User Rate Limit Exceeded"), Optional.empty(),
                NOW, WAIT, "the upload")).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(WAIT));
        assertThat(YouTubeAnswers.classify(429, "", Optional.empty(), NOW, WAIT, "the upload"))
                .isInstanceOf(PublishOutcome.RateLimited.class);
        assertThat(YouTubeAnswers.classify(400, error(400, "uploadLimitExceeded", "The user has exceeded the number of videos"
                + " they may upload."), Optional.empty(), NOW, WAIT, "the upload session"))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(24)));
    }

    @Test
    void refusalsKeepYouTubesMessageAndReason() {
        assertThat(YouTubeAnswers.classify(400, error(400, "invalidTitle", "The request metadata specifies an invalid video title."),
                Optional.empty(), NOW, WAIT, "the upload session")).isEqualTo(new PublishOutcome.Permanent(
                "YouTube refused the upload session: The request metadata specifies an invalid video title. (invalidTitle)"));
        assertThat(YouTubeAnswers.classify(401, error(401, "authError", "Invalid Credentials"), Optional.empty(), NOW, WAIT, "x"))
                .isInstanceOfSatisfying(PublishOutcome.TokenRefused.class, t -> assertThat(t.reason()).contains("Invalid Credentials"));
        assertThat(YouTubeAnswers.classify(408, "", Optional.empty(), NOW, WAIT, "x")).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(YouTubeAnswers.classify(503, error(503, "backendError", "Backend Error"), Optional.empty(), NOW, WAIT, "x"))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(YouTubeAnswers.stepFailure(503, "", Optional.empty(), NOW, WAIT, "the upload session"))
                .as("opening a session leaves nothing visible").isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void theRangeHeaderOfA308SaysHowManyBytesYouTubeHas() {
        assertThat(YouTubeAnswers.received(Optional.of("bytes=0-524287"))).contains(524_288L);
        assertThat(YouTubeAnswers.received(Optional.empty())).as("no Range: nothing received").contains(0L);
        assertThat(YouTubeAnswers.received(Optional.of("bytes=5-9"))).isEmpty();
        assertThat(YouTubeAnswers.received(Optional.of("rubbish"))).isEmpty();
    }

    @Test
    void theVideoInDoubtIsFoundAmongTheUploadsByTitleAndDescriptionSinceTheSessionOpened() {
        Instant since = Instant.parse("2027-07-01T11:00:00Z");
        String items = """
                {"items":[
                  {"snippet":{"title":"Other","description":"d","publishedAt":"2027-07-01T11:30:00Z","resourceId":{"videoId":"aaa"}}},
                  {"snippet":{"title":"Launch","description":"Line one\\r\\nLine two ","publishedAt":"2027-07-01T11:30:00Z",
                              "resourceId":{"videoId":"bbb"}}},
                  {"snippet":{"title":"Old","description":"x","publishedAt":"2027-06-01T11:30:00Z","resourceId":{"videoId":"ccc"}}}]}""";
        assertThat(YouTubeAnswers.lookup(200, items, "Launch", "Line one\nLine two", since))
                .isEqualTo(new CheckOutcome.Found("bbb", "https://www.youtube.com/watch?v=bbb"));
        assertThat(YouTubeAnswers.lookup(200, items, "Old", "x", since)).as("added before the session").isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(YouTubeAnswers.lookup(200, items, "Missing", "m", since)).isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(YouTubeAnswers.lookup(500, "", "Launch", "x", since)).isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(YouTubeAnswers.uploadsPlaylist("{\"items\":[{\"id\":\"UC1\",\"contentDetails\":{\"relatedPlaylists\":{\"uploads\":\"UU1\"}}}]}"))
                .contains("UU1");
        assertThat(YouTubeAnswers.uploadsPlaylist("{\"items\":[]}")).isEmpty();
    }

    @Test
    void theStepsSurviveTheirJsonAndAnUnreadableStateStartsAgain() {
        Instant since = Instant.parse("2027-07-01T11:00:00Z");
        YouTubeSteps steps = YouTubeSteps.opened("https://www.googleapis.com/upload/youtube/v3/videos?upload_id=x", 10_000, since)
                .interrupted(4096).interrupted(4096);
        assertThat(YouTubeSteps.parse(steps.toJson())).isEqualTo(steps);
        assertThat(steps.interruptions()).isEqualTo(2);
        assertThat(steps.confirmed(8192).interruptions()).isZero();
        YouTubeSteps uploaded = steps.uploaded("dQw4w9WgXcQ").thumbnailTried();
        assertThat(YouTubeSteps.parse(uploaded.toJson())).isEqualTo(uploaded);
        assertThat(YouTubeSteps.parse("{not json")).isEqualTo(YouTubeSteps.none());
        assertThat(YouTubeSteps.parse(null).session()).isNull();
    }
}
