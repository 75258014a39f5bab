package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What YouTube's answers mean for publishing, after developers.google.com/youtube/v3/docs/errors (error bodies are
 * {@code {"error": {"code": 403, "message": "…", "errors": [{"domain": "youtube.quota", "reason": "quotaExceeded",
 * "message": "…"}]}}}), the videos.insert and thumbnails.set pages, the resumable upload guide
 * (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol) and the quota page
 * (developers.google.com/youtube/v3/getting-started#quota: daily quotas reset at midnight Pacific time). Plain
 * functions of an answer, so each rule is unit-tested without YouTube.
 */
final class YouTubeAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** getting-started#quota: "Daily quotas reset at midnight Pacific Time (PT)." */
    static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");
    /** YouTube's developer notice on uploadLimitExceeded: "try again in 24 hours". */
    static final Duration UPLOAD_LIMIT_WAIT = Duration.ofHours(24);
    /** using_resumable_upload_protocol, step 4.2: a 308 names what YouTube has as {@code Range: bytes=0-<last>}. */
    private static final Pattern RANGE = Pattern.compile("bytes=0-(\\d+)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private YouTubeAnswers() {
    }

    /**
     * An error answer: 401 a refused token (after the one renewal the connector tries); {@code quotaExceeded} and
     * {@code dailyLimitExceeded} (403) wait, without using an attempt, until the next quota day at midnight Pacific
     * time; {@code uploadLimitExceeded} (the channel's own upload cap) waits 24 hours the same way; 429,
     * {@code rateLimitExceeded} and {@code userRateLimitExceeded} wait {@code Retry-After} or {@code rateLimitWait};
     * 408 is not processed; a 5xx is unknown; any other 4xx is a refusal for good with YouTube's message and reason.
     */
    static PublishOutcome classify(int status, String body, Optional<String> retryAfter, Instant now, Duration rateLimitWait,
                                   String what) {
        List<String> reasons = reasonsOf(body);
        String message = messageOf(body);
        String detail = (message.isEmpty() ? "HTTP " + status : message) + (reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")");
        if (status == 401) {
            return new PublishOutcome.TokenRefused("YouTube refused the access token (expired or revoked, or without the"
                    + " youtube.upload scope): " + detail);
        }
        if (reasons.contains("quotaExceeded") || reasons.contains("dailyLimitExceeded")) {
            Duration wait = untilQuotaDay(now);
            return new PublishOutcome.RateLimited("YouTube's daily API quota is used up (" + what + "): " + detail
                    + "; waiting until the next quota day at midnight Pacific time", wait, true);
        }
        if (reasons.contains("uploadLimitExceeded")) {
            return new PublishOutcome.RateLimited("The channel has uploaded as many videos as YouTube allows for now (" + what
                    + "): " + detail + "; trying again in 24 hours", UPLOAD_LIMIT_WAIT, true);
        }
        if (status == 429 || reasons.contains("rateLimitExceeded") || reasons.contains("userRateLimitExceeded")) {
            return new PublishOutcome.RateLimited(what + " was rate limited by YouTube: " + detail,
                    retryAfter.flatMap(v -> RetryPolicy.parseRetryAfter(v, now)).orElse(rateLimitWait));
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(what + " answered HTTP 408: " + detail, null);
        }
        if (status >= 500) {
            return new PublishOutcome.Unknown(what + " answered HTTP " + status + ": " + detail);
        }
        return new PublishOutcome.Permanent("YouTube refused " + what + ": " + detail);
    }

    /** A step that leaves nothing visible (opening a session): an unknown outcome there is a plain retry. */
    static PublishOutcome stepFailure(int status, String body, Optional<String> retryAfter, Instant now, Duration rateLimitWait,
                                      String what) {
        PublishOutcome outcome = classify(status, body, retryAfter, now, rateLimitWait, what);
        return outcome instanceof PublishOutcome.Unknown u
                ? new PublishOutcome.NotProcessed(u.reason() + " (nothing visible was created)", null) : outcome;
    }

    /** Until the next midnight in Pacific time, when YouTube's daily quota resets. */
    static Duration untilQuotaDay(Instant now) {
        Instant midnight = LocalDate.ofInstant(now, QUOTA_ZONE).plusDays(1).atStartOfDay(QUOTA_ZONE).toInstant();
        return Duration.between(now, midnight);
    }

    /**
     * The bytes YouTube holds after a 308 Resume Incomplete: its {@code Range: bytes=0-<last>} header says {@code last + 1};
     * no header means it has none (using_resumable_upload_protocol, step 4.2). Empty when the header cannot be read.
     */
    static Optional<Long> received(Optional<String> range) {
        if (range.isEmpty() || range.get().isBlank()) {
            return Optional.of(0L);
        }
        Matcher m = RANGE.matcher(range.get().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(1)) + 1);
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** The video's id from the video resource YouTube answers once the upload is complete (200 or 201). */
    static Optional<String> videoId(String body) {
        return readObject(body).map(o -> o.getString("id", null)).filter(id -> !id.isBlank());
    }

    /** A video's watch page. */
    static String watchUrl(String videoId) {
        return "https://www.youtube.com/watch?v=" + videoId;
    }

    /** channels.list (part=contentDetails, mine=true): the channel's uploads playlist. */
    static Optional<String> uploadsPlaylist(String body) {
        try {
            return readObject(body).map(o -> o.getJsonArray("items")).filter(items -> !items.isEmpty())
                    .map(items -> items.getJsonObject(0).getJsonObject("contentDetails").getJsonObject("relatedPlaylists")
                            .getString("uploads", null));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Finds the video in doubt among the channel's latest uploads (playlistItems.list of the uploads playlist): the one
     * whose title and description are the ones sent, added no earlier than a minute before the session was opened.
     * YouTube takes no idempotency key and has no field of ours to match on, so these are what is compared.
     */
    static CheckOutcome lookup(int status, String body, String title, String description, Instant since) {
        if (status != 200) {
            return new CheckOutcome.CannotTell("the uploads lookup answered HTTP " + status + ": " + messageOf(body));
        }
        JsonArray items;
        try {
            items = readObject(body).map(o -> o.getJsonArray("items")).orElseThrow();
        } catch (RuntimeException unreadable) {
            return new CheckOutcome.CannotTell("the uploads lookup's answer could not be read");
        }
        for (JsonValue value : items) {
            try {
                JsonObject snippet = value.asJsonObject().getJsonObject("snippet");
                if (!normalize(snippet.getString("title", "")).equals(normalize(title))
                        || !normalize(snippet.getString("description", "")).equals(normalize(description))) {
                    continue;
                }
                if (since != null && snippet.containsKey("publishedAt")
                        && Instant.parse(snippet.getString("publishedAt")).isBefore(since.minus(Duration.ofMinutes(1)))) {
                    continue;
                }
                String id = snippet.getJsonObject("resourceId").getString("videoId");
                return new CheckOutcome.Found(id, watchUrl(id));
            } catch (RuntimeException notAnUpload) {
                // an item without the fields of an upload (or with an unreadable time) is not the one in doubt
            }
        }
        return new CheckOutcome.NotFound();
    }

    /** The {@code reason} of every entry of {@code error.errors} (and none for a body that is not a Google error). */
    static List<String> reasonsOf(String body) {
        List<String> reasons = new ArrayList<>();
        readObject(body).map(o -> o.get("error")).filter(e -> e instanceof JsonObject).map(JsonValue::asJsonObject)
                .map(e -> e.get("errors")).filter(e -> e instanceof JsonArray).map(JsonValue::asJsonArray)
                .ifPresent(errors -> errors.forEach(e -> {
                    if (e instanceof JsonObject o && o.containsKey("reason")) {
                        reasons.add(o.getString("reason", ""));
                    }
                }));
        return reasons;
    }

    /** {@code error.message} without its markup (the quota message links the quota page), abbreviated. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Optional<JsonObject> error = readObject(body).map(o -> o.get("error")).filter(e -> e instanceof JsonObject)
                .map(JsonValue::asJsonObject);
        String message = error.map(e -> e.getString("message", "")).orElse(body);
        message = TAG.matcher(message).replaceAll("").replaceAll("\\s+", " ").strip();
        return message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }

    /** Not connected: the request never left, so nothing can have happened on YouTube. */
    static boolean notSent(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        return cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException;
    }

    static String normalize(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
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

    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
