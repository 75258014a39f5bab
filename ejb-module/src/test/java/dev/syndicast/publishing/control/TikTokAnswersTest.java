package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each answer of the Content Posting API as the page that documents it shows it, and what publishing makes of it. */
class TikTokAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final Duration QUOTA_WAIT = Duration.ofHours(1);

    private static String error(String code, String message) {
        return "{\"data\":{},\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"log_id\":\"2022101122484\"}}";
    }

    private static PublishOutcome classify(int status, String body, boolean mayHaveActed) {
        return TikTokAnswers.classify(status, body, Optional.empty(), NOW, WAIT, QUOTA_WAIT, "the video init", mayHaveActed);
    }

    @Test
    void successIsHttp200WithCodeOk() {
        assertThat(TikTokAnswers.succeeded(200, error("ok", ""))).isTrue();
        assertThat(TikTokAnswers.succeeded(200, error("spam_risk_too_many_posts", "cap"))).isFalse();
        assertThat(TikTokAnswers.succeeded(200, "not json")).isFalse();
        assertThat(TikTokAnswers.succeeded(201, error("ok", ""))).isFalse();
    }

    @Test
    void theDocumentedRefusalsOfAnInitEndTheTargetSayingWhy() {
        // Direct post, "Error codes": 403 spam_risk_user_banned_from_posting,
        // unaudited_client_can_only_post_to_private_accounts, url_ownership_unverified,
        // privacy_level_option_mismatch; 400 invalid_param. (The quotas among them are waited out, below.)
        for (String code : List.of("spam_risk_user_banned_from_posting",
                "unaudited_client_can_only_post_to_private_accounts", "url_ownership_unverified", "privacy_level_option_mismatch")) {
            assertThat(classify(403, error(code, "Refused."), false)).as(code).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                    p -> assertThat(p.reason()).startsWith("TikTok refused the video init: " + code + " (")
                            .contains(TikTokAnswers.REFUSALS.get(code)).endsWith(": Refused. [log_id 2022101122484]"));
        }
        assertThat(classify(400, error("invalid_param", "The total chunk count is invalid"), false))
                .isEqualTo(new PublishOutcome.Permanent("TikTok refused the video init: invalid_param (TikTok found a parameter"
                        + " invalid): The total chunk count is invalid [log_id 2022101122484]"));
        assertThat(((PublishOutcome.Permanent) classify(403, error("unaudited_client_can_only_post_to_private_accounts", ""), false))
                .reason()).contains("make the account private, or have the app audited");
    }

    @Test
    void aUsedUpQuotaOfAnInitIsWaitedOutNotTheEndOfTheTarget() {
        // Direct post, "Error codes": 403 spam_risk_too_many_posts ("The daily post cap from the API is reached for the
        // current user"), 403 reached_active_user_cap ("The daily quota for active publishing users from your client is
        // reached"): both free again by themselves, so the post waits instead of failing.
        for (String code : List.of("spam_risk_too_many_posts", "reached_active_user_cap")) {
            for (boolean mayHaveActed : new boolean[] {false, true}) {
                assertThat(classify(403, error(code, "Refused."), mayHaveActed)).as(code)
                        .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
                            assertThat(r.retryAfter()).isEqualTo(QUOTA_WAIT);
                            assertThat(r.reason()).contains(code, TikTokAnswers.REFUSALS.get(code), "asking again in 60 min");
                        });
            }
        }
    }

    @Test
    void creatorInfoAnswersItsSpamRefusalsWithHttp200() {
        // creator_info, "Error Codes": "200 (intentional) spam_risk_too_many_posts", "200 spam_risk_user_banned_from_posting".
        assertThat(TikTokAnswers.classify(200, error("spam_risk_too_many_posts", "cap"), Optional.empty(), NOW, WAIT, QUOTA_WAIT,
                "the creator_info query", false)).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.reason()).contains("spam_risk_too_many_posts", "daily post cap"));
        assertThat(TikTokAnswers.classify(200, error("spam_risk_user_banned_from_posting", "banned"), Optional.empty(), NOW, WAIT,
                QUOTA_WAIT, "the creator_info query", false)).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("spam_risk_user_banned_from_posting", "banned"));
    }

    @Test
    void aRateLimitWaitsWithoutSpendingAnAttempt() {
        assertThat(classify(429, error("rate_limit_exceeded", "Too many"), false))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(WAIT));
        assertThat(TikTokAnswers.classify(429, error("rate_limit_exceeded", ""), Optional.of("7"), NOW, WAIT, QUOTA_WAIT, "x", true))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aRefusedTokenIsRenewedOnlyWhenItRanOut() {
        assertThat(classify(401, error("access_token_invalid", "expired"), false)).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(TikTokAnswers.renewable(401, error("access_token_invalid", "expired"))).isTrue();
        assertThat(classify(401, error("scope_not_authorized", "no video.publish"), false))
                .isInstanceOfSatisfying(PublishOutcome.TokenRefused.class, t -> assertThat(t.reason()).contains("did not grant video.publish"));
        assertThat(TikTokAnswers.renewable(401, error("scope_not_authorized", ""))).as("a new token has no more scopes").isFalse();
    }

    @Test
    void aServerErrorIsUnknownOnlyForACallThatCanPublishByItself() {
        assertThat(classify(500, error("internal_error", "TikTok server or network error"), true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(classify(502, "<html>bad gateway</html>", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(classify(503, "", false)).isInstanceOfSatisfying(PublishOutcome.NotProcessed.class,
                n -> assertThat(n.reason()).contains("nothing is published by this call"));
        assertThat(classify(200, "{broken", true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(classify(408, "", true)).isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void exceptionsBeforeSendingAreNotProcessedAfterSendingUnknownOnlyWhenTheCallCanPublish() {
        assertThat(TikTokAnswers.exception("the init", new java.net.ConnectException("refused"), true))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(TikTokAnswers.exception("the init", new java.io.IOException("reset"), true)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(TikTokAnswers.exception("the init", new java.net.http.HttpTimeoutException("slow"), true))
                .isEqualTo(new PublishOutcome.Unknown("No answer to the init within the request timeout"));
        assertThat(TikTokAnswers.exception("the init", new java.io.IOException("reset"), false))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void creatorInfoIsReadAsDocumented() {
        String body = """
                {"data":{"creator_avatar_url":"https://lf16-tt4d.tiktokcdn.com/obj/x","creator_username":"tiktok",
                  "creator_nickname":"TikTok Official","privacy_level_options":["PUBLIC_TO_EVERYONE","MUTUAL_FOLLOW_FRIENDS","SELF_ONLY"],
                  "comment_disabled":false,"duet_disabled":false,"stitch_disabled":true,"max_video_post_duration_sec":300},
                 "error":{"code":"ok","message":"","log_id":"202210112248442CB9319E1FB30C1073F3"}}""";
        assertThat(TikTokAnswers.creatorInfo(body)).contains(new TikTokAnswers.CreatorInfo("tiktok",
                List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), false, false, true, 300));
        assertThat(TikTokAnswers.creatorInfo("{}")).isEmpty();
    }

    @Test
    void thePrivacyLevelMustBeOfferedAndDefaultsToPublicOrTheFirstOffered() {
        List<String> publicAccount = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
        List<String> privateAccount = List.of("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
        assertThat(TikTokAnswers.privacy(Optional.empty(), publicAccount).level()).isEqualTo("PUBLIC_TO_EVERYONE");
        assertThat(TikTokAnswers.privacy(Optional.empty(), List.of("SELF_ONLY", "PUBLIC_TO_EVERYONE")).level()).isEqualTo("PUBLIC_TO_EVERYONE");
        assertThat(TikTokAnswers.privacy(Optional.empty(), privateAccount).level()).isEqualTo("FOLLOWER_OF_CREATOR");
        assertThat(TikTokAnswers.privacy(Optional.of("SELF_ONLY"), publicAccount).level()).isEqualTo("SELF_ONLY");
        TikTokAnswers.Privacy refused = TikTokAnswers.privacy(Optional.of("FOLLOWER_OF_CREATOR"), publicAccount);
        assertThat(refused.level()).isNull();
        assertThat(refused.refusal()).isEqualTo("privacy_level FOLLOWER_OF_CREATOR is not offered by this TikTok account (it offers"
                + " PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY); choose one of those in the target's options");
        assertThat(TikTokAnswers.privacy(Optional.empty(), List.of()).refusal()).contains("privacy_level_options is empty");
    }

    @Test
    void initAnswersGiveThePublishIdAndUploadUrl() {
        assertThat(TikTokAnswers.init("{\"data\":{\"publish_id\":\"v_pub_file~v2-1.123456789\",\"upload_url\":"
                + "\"https://open-upload.tiktokapis.com/video/?upload_id=67890&upload_token=Xza123\"},\"error\":{\"code\":\"ok\"}}"))
                .contains(new TikTokAnswers.Init("v_pub_file~v2-1.123456789",
                        "https://open-upload.tiktokapis.com/video/?upload_id=67890&upload_token=Xza123"));
        assertThat(TikTokAnswers.init("{\"data\":{\"publish_id\":\"p_pub_url~v2.123456789\"},\"error\":{\"code\":\"ok\"}}"))
                .contains(new TikTokAnswers.Init("p_pub_url~v2.123456789", null));
        assertThat(TikTokAnswers.init("{\"data\":{},\"error\":{\"code\":\"ok\"}}")).isEmpty();
    }

    @Test
    void statusAnswersAreReadAsDocumented() {
        // get-video-status, the documented example; post ids are int64s in a list (the field's name is TikTok's).
        assertThat(TikTokAnswers.status("""
                {"data":{"status":"FAILED","fail_reason":"picture_size_check_failed","publicaly_available_post_id":[],
                 "uploaded_bytes":10000},"error":{"code":"ok","message":"","log_id":"x"}}"""))
                .contains(new TikTokAnswers.PostStatus("FAILED", "picture_size_check_failed", List.of(), 10000L));
        assertThat(TikTokAnswers.status("{\"data\":{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":"
                + "[7123456789012345678]},\"error\":{\"code\":\"ok\"}}"))
                .hasValueSatisfying(s -> {
                    assertThat(s.complete()).isTrue();
                    assertThat(s.postIds()).containsExactly("7123456789012345678");
                    assertThat(s.uploadedBytes()).isNull();
                });
        assertThat(TikTokAnswers.status("{\"data\":{},\"error\":{\"code\":\"ok\"}}")).isEmpty();
    }

    @Test
    void failReasonsTikTokCallsRetryableStartOverTheOthersEndTheTarget() {
        assertThat(TikTokAnswers.failed("internal")).isInstanceOf(PublishOutcome.StartOver.class);
        assertThat(TikTokAnswers.failed("video_pull_failed")).isInstanceOf(PublishOutcome.StartOver.class);
        assertThat(TikTokAnswers.failed("photo_pull_failed")).isInstanceOf(PublishOutcome.StartOver.class);
        assertThat(TikTokAnswers.failed("auth_removed")).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(TikTokAnswers.failed("frame_rate_check_failed")).isEqualTo(new PublishOutcome.Permanent(
                "TikTok could not publish the post: fail_reason frame_rate_check_failed (unsupported frame rate (23 to 60 FPS))"));
        assertThat(TikTokAnswers.failed("spam_risk_text")).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(TikTokAnswers.failed("something_new")).isEqualTo(new PublishOutcome.Permanent(
                "TikTok could not publish the post: fail_reason something_new"));
        assertThat(TikTokAnswers.failed(null)).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("unknown"));
    }

    @Test
    void theUploadProgressHeaderCountsBytesHeld() {
        assertThat(TikTokAnswers.uploadProgress("bytes 0-9999999/50000123")).contains(10_000_000L);
        assertThat(TikTokAnswers.uploadProgress("bytes 0-10000000/50000123")).contains(10_000_001L);
        assertThat(TikTokAnswers.uploadProgress("nonsense")).isEmpty();
        assertThat(TikTokAnswers.uploadProgress(null)).isEmpty();
    }

    @Test
    void thePostsPageNamesTheCreator() {
        assertThat(TikTokAnswers.postUrl("ada", "7123")).isEqualTo("https://www.tiktok.com/@ada/video/7123");
        assertThat(TikTokAnswers.postUrl(null, "7123")).isNull();
    }
}
