package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the TikTok Content Posting API's answers mean for publishing. Every answer carries
 * {@code {"error":{"code","message","log_id"}}}; anything but {@code ok} failed. The codes and their HTTP statuses are
 * those of the API reference pages named beside each rule (developers.tiktok.com/doc/…): direct post
 * ({@code content-posting-api-reference-direct-post}), photo post ({@code …-photo-post}), creator info
 * ({@code …-query-creator-info}), post status and its fail reasons ({@code …-get-video-status}), and the Media
 * Transfer Guide's upload answers ({@code content-posting-api-media-transfer-guide}). Plain functions of an answer, so
 * each rule is unit-tested without TikTok.
 */
final class TikTokAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final String PUBLIC = "PUBLIC_TO_EVERYONE";
    /** The rate limits are per minute and per token (6 inits, 20 creator_info, 30 status calls): the wait when no Retry-After says more. */
    static final Duration RATE_WAIT = Duration.ofMinutes(1);

    /**
     * The refusals of the init calls and of creator_info (direct post and photo post "Error codes"; creator_info answers
     * the spam_risk ones with HTTP 200, "intentional"): what each means, kept in the target's error (the {@link #QUOTAS}
     * are waited out, the others end the target).
     */
    static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("spam_risk_too_many_posts", "the daily post cap from the API is reached for this TikTok account"),
            Map.entry("spam_risk_user_banned_from_posting", "TikTok has banned this account from making new posts"),
            Map.entry("reached_active_user_cap", "the daily quota of active publishing users of this TikTok app is reached"),
            Map.entry("unaudited_client_can_only_post_to_private_accounts", "an unaudited TikTok app can only post to a"
                    + " private account: make the account private, or have the app audited by TikTok"),
            Map.entry("url_ownership_unverified", "the domain of the media URL is not verified for this TikTok app: verify"
                    + " the domain of syndicast.public-url in the TikTok developer portal (URL properties)"),
            Map.entry("privacy_level_option_mismatch", "privacy_level is not one the account offers (creator_info)"),
            Map.entry("spam_risk_too_many_pending_share", "too many uploads are waiting for this account"),
            Map.entry("invalid_param", "TikTok found a parameter invalid"));

    /**
     * Refusals that say a quota is used up, not that the post is wrong: the creator's daily cap of posts through the API
     * ({@code spam_risk_too_many_posts}, "The daily post cap from the API is reached for the current user") and the app's
     * daily quota of active publishing users ({@code reached_active_user_cap}). Both free again by themselves.
     */
    static final Set<String> QUOTAS = Set.of("spam_risk_too_many_posts", "reached_active_user_cap");

    /**
     * Fail reasons of {@code status/fetch} (get-video-status, "Fail reasons") TikTok calls retryable: a new init may
     * succeed. Every other reason is for good ({@code auth_removed} means the account must be connected again).
     */
    static final Set<String> RETRYABLE_FAILURES = Set.of("internal", "video_pull_failed", "photo_pull_failed");

    static final Map<String, String> FAIL_REASONS = Map.ofEntries(
            Map.entry("file_format_check_failed", "unsupported media format (MP4, WebM or MOV; H.264, H.265, VP8 or VP9;"
                    + " photos WebP or JPEG)"),
            Map.entry("duration_check_failed", "the video does not meet TikTok's duration restrictions"),
            Map.entry("frame_rate_check_failed", "unsupported frame rate (23 to 60 FPS)"),
            Map.entry("picture_size_check_failed", "unsupported picture size (360 to 4096 pixels each side; photos at most 1080p)"),
            Map.entry("internal", "some part of TikTok was unavailable (retryable)"),
            Map.entry("video_pull_failed", "TikTok could not download the video from its URL within an hour"),
            Map.entry("photo_pull_failed", "TikTok could not download a photo from its URL within an hour"),
            Map.entry("publish_cancelled", "the publish was cancelled"),
            Map.entry("auth_removed", "the creator removed this app's access while the post was processed"),
            Map.entry("spam_risk_too_many_posts", "the account created too many posts in 24 hours through the API"),
            Map.entry("spam_risk_user_banned_from_posting", "TikTok has banned the account from making new posts"),
            Map.entry("spam_risk_text", "TikTok found the text risky or spammy"),
            Map.entry("spam_risk", "TikTok found the publishing request risky"));

    private TikTokAnswers() {
    }

    /** The {@code error} object of an answer; code {@code ""} when the body has none. */
    record ApiError(String code, String message, String logId) {

        static ApiError of(String body) {
            return readObject(body).map(o -> o.get("error") instanceof JsonObject e ? e : null)
                    .map(e -> new ApiError(e.getString("code", ""), abbreviate(e.getString("message", "")), e.getString("log_id", "")))
                    .orElse(new ApiError("", abbreviate(body == null ? "" : body.replaceAll("\\s+", " ").strip()), ""));
        }

        boolean ok() {
            return "ok".equals(code);
        }

        String describe() {
            String meaning = REFUSALS.get(code);
            String text = code.isEmpty() ? message : code + (meaning == null ? "" : " (" + meaning + ")")
                    + (message.isEmpty() ? "" : ": " + message);
            return text + (logId.isEmpty() ? "" : " [log_id " + logId + "]");
        }
    }

    /** Whether a call succeeded: HTTP 200 and {@code error.code} {@code ok}. */
    static boolean succeeded(int status, String body) {
        return status == 200 && ApiError.of(body).ok();
    }

    /** A refused token TikTok may accept again once renewed ({@code access_token_invalid}: invalid or expired). */
    static boolean renewable(int status, String body) {
        String code = ApiError.of(body).code();
        return "access_token_invalid".equals(code) || status == 401 && !"scope_not_authorized".equals(code);
    }

    /**
     * A failed call. {@code mayHaveActed}: the call can create a post by itself (an init whose media TikTok pulls by URL),
     * so an answer that may mean it went through (5xx, unreadable) is {@link PublishOutcome.Unknown}; for the others (a
     * read, or an init of a file upload, which publishes nothing without the bytes) the same answers are a plain retry.
     */
    static PublishOutcome classify(int status, String body, Optional<String> retryAfter, Instant now, Duration rateWait,
                                   Duration quotaWait, String what, boolean mayHaveActed) {
        ApiError error = ApiError.of(body);
        String reason = what + " answered HTTP " + status + (error.describe().isEmpty() ? "" : ": " + error.describe());
        if (status == 401 || "access_token_invalid".equals(error.code()) || "scope_not_authorized".equals(error.code())) {
            return new PublishOutcome.TokenRefused("TikTok refused the access token ("
                    + ("scope_not_authorized".equals(error.code()) ? "the account did not grant video.publish" : "revoked or expired")
                    + "): " + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
        }
        if (status == 429 || "rate_limit_exceeded".equals(error.code())) {
            Duration wait = retryAfter.flatMap(v -> RetryPolicy.parseRetryAfter(v, now)).orElse(rateWait);
            return new PublishOutcome.RateLimited(reason, wait);
        }
        if (QUOTAS.contains(error.code())) {
            // A used-up quota refuses the call before anything is posted (creator_info answers it with HTTP 200, the init
            // with 403): waited out, asking again after quotaWait, without spending an attempt.
            return new PublishOutcome.RateLimited(reason + "; asking again in " + quotaWait.toMinutes() + " min", quotaWait);
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500 || error.code().isEmpty() && status == 200) {
            return mayHaveActed ? new PublishOutcome.Unknown(reason)
                    : new PublishOutcome.NotProcessed(reason + " (nothing is published by this call)", null);
        }
        return new PublishOutcome.Permanent("TikTok refused " + what + ": "
                + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
    }

    /** A call that threw: not sent is not processed; after sending, a call that may have acted is unknown. */
    static PublishOutcome exception(String what, Throwable thrown, boolean mayHaveActed) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("TikTok is not reachable: " + describe(cause), null);
        }
        if (!mayHaveActed) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing is published by this call): " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + describe(cause));
    }

    // ---- creator_info -------------------------------------------------------------------------------------------

    /** {@code POST /v2/post/publish/creator_info/query/}: who posts and what the account allows now. */
    record CreatorInfo(String username, List<String> privacyOptions, boolean commentDisabled, boolean duetDisabled,
                       boolean stitchDisabled, int maxVideoSeconds) {
    }

    static Optional<CreatorInfo> creatorInfo(String body) {
        return data(body).map(d -> new CreatorInfo(d.getString("creator_username", null), strings(d.get("privacy_level_options")),
                d.getBoolean("comment_disabled", false), d.getBoolean("duet_disabled", false),
                d.getBoolean("stitch_disabled", false), number(d, "max_video_post_duration_sec").intValue()));
    }

    /** The privacy level to post with, or why there is none. */
    record Privacy(String level, String refusal) {
    }

    /**
     * The target's {@code privacy_level} must be one of the account's {@code privacy_level_options} (direct post:
     * "The provided value must match one of the privacy_level_options"); without one, PUBLIC_TO_EVERYONE when offered,
     * else the first offered.
     */
    static Privacy privacy(Optional<String> asked, List<String> offered) {
        if (offered.isEmpty()) {
            return new Privacy(null, "TikTok offers this account no privacy level to post with (creator_info"
                    + " privacy_level_options is empty)");
        }
        if (asked.isPresent()) {
            return offered.contains(asked.get()) ? new Privacy(asked.get(), null)
                    : new Privacy(null, "privacy_level " + asked.get() + " is not offered by this TikTok account (it offers "
                    + String.join(", ", offered) + "); choose one of those in the target's options");
        }
        return new Privacy(offered.contains(PUBLIC) ? PUBLIC : offered.get(0), null);
    }

    // ---- init -----------------------------------------------------------------------------------------------------

    /** The {@code data} of an init answer: {@code publish_id}, and {@code upload_url} for a file upload. */
    record Init(String publishId, String uploadUrl) {
    }

    static Optional<Init> init(String body) {
        return data(body).map(d -> new Init(d.getString("publish_id", null), d.getString("upload_url", null)))
                .filter(i -> i.publishId() != null && !i.publishId().isBlank());
    }

    // ---- status/fetch ---------------------------------------------------------------------------------------------

    /**
     * {@code POST /v2/post/publish/status/fetch/}: PROCESSING_UPLOAD (file upload, with {@code uploaded_bytes}),
     * PROCESSING_DOWNLOAD (pulled by URL), SEND_TO_USER_INBOX (drafts only), PUBLISH_COMPLETE, FAILED (with
     * {@code fail_reason}); {@code publicaly_available_post_id} (sic) once a public post passed moderation.
     */
    record PostStatus(String status, String failReason, List<String> postIds, Long uploadedBytes) {

        boolean complete() {
            return "PUBLISH_COMPLETE".equals(status);
        }

        boolean failed() {
            return "FAILED".equals(status);
        }
    }

    static Optional<PostStatus> status(String body) {
        return data(body).filter(d -> d.get("status") instanceof JsonString).map(d -> new PostStatus(d.getString("status"),
                d.getString("fail_reason", null), strings(d.get("publicaly_available_post_id")),
                d.get("uploaded_bytes") instanceof JsonNumber n ? n.longValue() : null));
    }

    /** What a FAILED post comes to: retryable reasons start over with a new init, the others end the target. */
    static PublishOutcome failed(String failReason) {
        String reason = failReason == null || failReason.isBlank() ? "unknown" : failReason;
        String meaning = FAIL_REASONS.get(reason);
        String text = "TikTok could not publish the post: fail_reason " + reason + (meaning == null ? "" : " (" + meaning + ")");
        if (RETRYABLE_FAILURES.contains(reason)) {
            return new PublishOutcome.StartOver(text);
        }
        if ("auth_removed".equals(reason)) {
            return new PublishOutcome.TokenRefused(text);
        }
        return new PublishOutcome.Permanent(text);
    }

    /** The post's page: {@code https://www.tiktok.com/@{username}/video/{id}}. */
    static String postUrl(String username, String postId) {
        return username == null || username.isBlank() ? null
                : "https://www.tiktok.com/@" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/video/" + postId;
    }

    private static final Pattern PROGRESS = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    /**
     * The bytes TikTok holds, from an upload answer's {@code Content-Range: bytes 0-{UPLOADED_BYTES}/{TOTAL}} (Media
     * Transfer Guide, "Response"): one past the last byte, whichever way the number is meant, since chunks are counted
     * whole ({@link TikTokChunkPlan#chunksWithin}).
     */
    static Optional<Long> uploadProgress(String contentRange) {
        if (contentRange == null) {
            return Optional.empty();
        }
        Matcher m = PROGRESS.matcher(contentRange);
        return m.find() ? Optional.of(Long.parseLong(m.group(2)) + 1) : Optional.empty();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    static Optional<JsonObject> data(String body) {
        return readObject(body).map(o -> o.get("data") instanceof JsonObject d ? d : null);
    }

    private static List<String> strings(JsonValue value) {
        List<String> found = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    found.add(s.getString());
                } else if (v instanceof JsonNumber n) {
                    found.add(n.bigIntegerValue().toString());
                }
            }
        }
        return found;
    }

    private static Long number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.longValue() : 0L;
    }

    static Optional<JsonObject> readObject(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
