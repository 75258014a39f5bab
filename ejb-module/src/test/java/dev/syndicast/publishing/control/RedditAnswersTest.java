package dev.syndicast.publishing.control;

import dev.syndicast.publishing.control.RedditAnswers.Submitted;
import dev.syndicast.publishing.control.RedditAnswers.Wanted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How Reddit's answers are read: errors inside 200 bodies, rate-limit headers, leases, listings. */
class RedditAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static HttpAnswer ok(String body) {
        return new HttpAnswer(200, body, Map.of());
    }

    @Test
    void aTextOrLinkSubmitNamesThePost() {
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[],"data":{"url":"https://www.reddit.com/r/test/comments/abc/hello/","drafts_count":0,
                 "id":"abc","name":"t3_abc"}}}"""), NOW))
                .isEqualTo(new Submitted.Created("t3_abc", "https://www.reddit.com/r/test/comments/abc/hello/"));
    }

    @Test
    void aMediaSubmitIsOnlyAccepted() {
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[],"data":{"user_submitted_page":"https://www.reddit.com/user/ada/submitted/",
                 "websocket_url":"wss://ws-0123.wss.redditmedia.com/rte_images/xyz?m=AQAA"}}}"""), NOW))
                .isInstanceOf(Submitted.Accepted.class);
        assertThat(RedditAnswers.submitted(ok("{\"json\":{\"errors\":[],\"data\":{}}}"), NOW))
                .isEqualTo(new Submitted.Refused(new PublishOutcome.Unknown("Reddit answered the submit without naming the post")));
        assertThat(RedditAnswers.submitted(ok("<html>"), NOW)).isInstanceOf(Submitted.Refused.class);
    }

    @Test
    void ratelimitInA200BodyWaitsTheTimeItNames() {
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[["RATELIMIT","you are doing that too much. try again in 5 minutes.","ratelimit"]]}}"""), NOW))
                .isEqualTo(new Submitted.Refused(new PublishOutcome.RateLimited(
                        "Reddit: RATELIMIT: you are doing that too much. try again in 5 minutes.", Duration.ofMinutes(5))));
        assertThat(RedditAnswers.waitOf("Looks like you've been doing that a lot. Take a break for 9 seconds before trying again."))
                .contains(Duration.ofSeconds(9));
        assertThat(RedditAnswers.waitOf("try again in 1 minute.")).contains(Duration.ofMinutes(1));
        assertThat(RedditAnswers.waitOf("try again later")).isEmpty();
        assertThat(RedditAnswers.errors(jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createArrayBuilder()
                .add("RATELIMIT").add("slow down").add("ratelimit")).build()))
                .isEqualTo(new PublishOutcome.RateLimited("Reddit: RATELIMIT: slow down", RedditAnswers.RATELIMIT_WAIT));
    }

    @Test
    void otherErrorsInA200BodyAreRefusalsWithRedditsMessage() {
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[["SUBREDDIT_NOEXIST","that subreddit doesn't exist","sr"]]}}"""), NOW))
                .isEqualTo(new Submitted.Refused(new PublishOutcome.Permanent(
                        "Reddit refused the post: SUBREDDIT_NOEXIST: that subreddit doesn't exist (sr)")));
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[["NO_SELFS","this subreddit doesn't allow text posts","sr"],
                                   ["RATELIMIT","try again in 2 minutes.","ratelimit"]]}}"""), NOW))
                .as("waiting cannot help a refused post")
                .isEqualTo(new Submitted.Refused(new PublishOutcome.Permanent(
                        "Reddit refused the post: NO_SELFS: this subreddit doesn't allow text posts (sr)")));
        assertThat(RedditAnswers.submitted(ok("""
                {"json":{"errors":[["USER_REQUIRED","Please log in to do that.",null]]}}"""), NOW))
                .isEqualTo(new Submitted.Refused(new PublishOutcome.TokenRefused(
                        "Reddit refused the access token (USER_REQUIRED: Please log in to do that.)")));
    }

    @Test
    void httpAnswersAndRateLimitHeaders() {
        Map<String, List<String>> limited = Map.of("x-ratelimit-remaining", List.of("0.0"), "x-ratelimit-reset", List.of("37"),
                "x-ratelimit-used", List.of("100"));
        assertThat(RedditAnswers.classify(new HttpAnswer(429, "{\"message\": \"Too Many Requests\", \"error\": 429}", limited), NOW,
                "the submit", true))
                .isEqualTo(new PublishOutcome.RateLimited("the submit answered HTTP 429: Too Many Requests", Duration.ofSeconds(37)));
        assertThat(RedditAnswers.usedUp(new HttpAnswer(200, "", limited))).isTrue();
        assertThat(RedditAnswers.usedUp(new HttpAnswer(200, "", Map.of("X-Ratelimit-Remaining", List.of("599.0"))))).isFalse();
        assertThat(RedditAnswers.usedUp(new HttpAnswer(200, "", Map.of()))).isFalse();
        assertThat(RedditAnswers.classify(new HttpAnswer(401, "{\"message\": \"Unauthorized\", \"error\": 401}", Map.of()), NOW, "x", true))
                .isEqualTo(new PublishOutcome.TokenRefused("Reddit refused the access token (revoked or expired): Unauthorized"));
        assertThat(RedditAnswers.classify(new HttpAnswer(502, "", Map.of()), NOW, "the submit", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(RedditAnswers.classify(new HttpAnswer(502, "", Map.of()), NOW, "the lease", false)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(RedditAnswers.classify(new HttpAnswer(403, "{\"message\": \"Forbidden\", \"error\": 403}", Map.of()), NOW, "the submit", true))
                .isEqualTo(new PublishOutcome.Permanent("Reddit refused the submit: Forbidden"));
    }

    @Test
    void aLeaseNamesItsActionAndFields() {
        RedditAnswers.Lease lease = RedditAnswers.lease("""
                {"args":{"action":"//reddit-uploaded-media.s3-accelerate.amazonaws.com","fields":[
                  {"name":"acl","value":"private"},{"name":"key","value":"rte_images/abc.png"},{"name":"x-amz-signature","value":"s"}]},
                 "asset":{"asset_id":"abc","processing_state":"incomplete","payload":{"filepath":"a.png"},"websocket_url":"wss://x"}}""")
                .orElseThrow();
        assertThat(lease.action()).isEqualTo("//reddit-uploaded-media.s3-accelerate.amazonaws.com");
        assertThat(lease.fields().keySet()).containsExactly("acl", "key", "x-amz-signature");
        assertThat(lease.key()).isEqualTo("rte_images/abc.png");
        assertThat(RedditAnswers.lease("{\"args\":{\"fields\":[]}}")).isEmpty();
        assertThat(RedditAnswers.userName("{\"name\":\"ada\",\"id\":\"1w72\"}")).contains("ada");
    }

    @Test
    void aPostIsFoundAmongTheSubmissionsByTitleSubredditAndWhatItCarries() {
        String listing = """
                {"kind":"Listing","data":{"after":null,"children":[
                  {"kind":"t3","data":{"id":"c","name":"t3_c","title":"Launch","subreddit":"Test","is_self":false,
                   "url":"https://i.redd.it/c.png","permalink":"/r/Test/comments/c/launch/","created_utc":1796205600.0}},
                  {"kind":"t3","data":{"id":"b","name":"t3_b","title":"Launch","subreddit":"test","is_self":false,
                   "url":"https://example.com/a","permalink":"/r/test/comments/b/launch/","created_utc":1796205000.0}},
                  {"kind":"t3","data":{"id":"a","name":"t3_a","title":"Launch","subreddit":"test","is_self":true,
                   "selftext":"The body","url":"https://www.reddit.com/r/test/comments/a/launch/","permalink":"/r/test/comments/a/launch/"}}]}}""";
        assertThat(RedditAnswers.find(listing, new Wanted("Launch", "test", "self", "The  body", null, null)))
                .contains(new RedditAnswers.Found("t3_a", "https://www.reddit.com/r/test/comments/a/launch/"));
        assertThat(RedditAnswers.find(listing, new Wanted("Launch", "test", "link", null, "https://example.com/a", null)))
                .map(RedditAnswers.Found::name).contains("t3_b");
        assertThat(RedditAnswers.find(listing, new Wanted("Launch", "test", "image", null, null, Instant.ofEpochSecond(1796205500L))))
                .map(RedditAnswers.Found::name).contains("t3_c");
        assertThat(RedditAnswers.find(listing, new Wanted("Launch", "test", "image", null, null, Instant.ofEpochSecond(1796205700L))))
                .as("made before the submit").isEmpty();
        assertThat(RedditAnswers.find(listing, new Wanted("Launch", "other", "self", "The body", null, null))).isEmpty();
        assertThat(RedditAnswers.isListing(listing)).isTrue();
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        RedditSteps steps = RedditSteps.none().withMedia("https://up/key", NOW).withPoster("https://up/poster")
                .aboutToSubmit("ada", NOW.plusSeconds(5)).acceptedByReddit();
        assertThat(RedditSteps.parse(steps.toJson())).isEqualTo(steps);
        assertThat(RedditSteps.parse("{broken")).isEqualTo(RedditSteps.none());
    }
}
