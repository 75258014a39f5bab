package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * What the Instagram API's answers mean for publishing. Graph API errors in general are read by {@link GraphAnswers};
 * Instagram's own {@code error_subcode}s (2207xxx) come first, each classified as
 * developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes recommends. Container
 * statuses after developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 * ({@code status_code} EXPIRED, ERROR, FINISHED, IN_PROGRESS, PUBLISHED; on ERROR {@code status} names the subcode).
 */
final class InstagramAnswers {

    static final GraphAnswers.Api API = new GraphAnswers.Api("Instagram", "instagram_business_content_publish");
    /** How Instagram's error codes page says to act on a subcode. */
    enum Rule {
        /** "Try again": transient (a server error, a download timeout, a failed create). */
        RETRY,
        /** "Generate a new container ID and use it to try again": the container can no longer be published. */
        NEW_CONTAINER,
        /** 2207027: the media is not ready for publishing yet; wait and ask the container's status. */
        NOT_READY,
        /** 2207042: the account reached its daily publishing limit; wait for the rolling 24 hours to free some. */
        QUOTA,
        /** The media or the post breaks a rule (format, size, aspect ratio, caption, carousel) or the account is restricted. */
        REFUSED
    }

    /** developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes ("Error Codes Defined"). */
    static final Map<Integer, Rule> SUBCODES = Map.ofEntries(
            entry(2207001, Rule.RETRY),          // -1: "Instagram server error. Try again."
            entry(2207003, Rule.RETRY),          // -2: "It takes too long to download the media": a timeout, try again
            entry(2207032, Rule.RETRY),          // -1: "Create media fail, please try to re-create media"
            entry(2207008, Rule.RETRY),          // 24: temporary error publishing a container: try again in 30 s-2 min
            entry(2207020, Rule.NEW_CONTAINER),  // -2: "The media you are trying to access has expired": new container
            entry(2207053, Rule.NEW_CONTAINER),  // -1: "unknown upload error": generate a new container
            entry(2207006, Rule.NEW_CONTAINER),  // 24: media not found (permission or expired token): new container
            entry(2207027, Rule.NOT_READY),      // 9007: "The media is not ready for publishing, please wait for a moment"
            entry(2207042, Rule.QUOTA),          // 9: "You reached maximum number of posts ... by Content Publishing API"
            entry(2207050, Rule.REFUSED),        // 25: the account is inactive, checkpointed or restricted
            entry(2207051, Rule.REFUSED),        // 4: the publishing action is suspected to be spam
            entry(2207004, Rule.REFUSED),        // 36000: the image is too large (8 MiB)
            entry(2207005, Rule.REFUSED),        // 36001: the image format is not supported (JPEG)
            entry(2207009, Rule.REFUSED),        // 36003: the aspect ratio is not supported (4:5 to 1.91:1)
            entry(2207010, Rule.REFUSED),        // 36004: the caption is too long (2,200 characters, 30 hashtags, 20 @-tags)
            entry(2207023, Rule.REFUSED),        // 100: the media type is unknown
            entry(2207026, Rule.REFUSED),        // 352: the video format is not supported (MOV or MP4, per the reel specifications)
            entry(2207028, Rule.REFUSED),        // 100: the carousel is invalid (2 to 10 items, finished containers)
            entry(2207052, Rule.REFUSED),        // 9004: the media could not be fetched from the URI
            entry(2207057, Rule.REFUSED));       // 1: thumb_offset is outside the video's duration

    private static final Pattern SUBCODE = Pattern.compile("2207\\d{3}");
    /** Instagram's timestamps, e.g. {@code 2026-12-02T07:00:00+0000}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private InstagramAnswers() {
    }

    static Optional<Rule> rule(int subcode) {
        return Optional.ofNullable(SUBCODES.get(subcode));
    }

    /**
     * An error answer. {@code visible}: the call is {@code media_publish}, so anything that may have reached Instagram
     * is {@link PublishOutcome.Unknown} and looked up through the container's status; for container calls (nothing
     * visible until published) the same failures are a plain retry. {@code quotaWait}: how long a used-up publishing
     * limit waits. A rule that needs a new container ({@link Rule#NEW_CONTAINER}) starts over; one that is not ready
     * yet is {@link PublishOutcome.NotProcessed} here (the connector turns it into a later status check).
     */
    static PublishOutcome classify(HttpResponse<String> response, Instant now, String what, boolean visible, Duration quotaWait) {
        GraphAnswers.GraphError error = GraphAnswers.GraphError.of(response.body());
        String reason = what + " answered HTTP " + response.statusCode() + ": " + error.describe();
        Optional<Rule> rule = error.tokenRefused(response.statusCode()) ? Optional.empty() : rule(error.subcode());
        if (rule.isEmpty()) {
            return GraphAnswers.classify(API, response, now, what, visible);
        }
        return switch (rule.get()) {
            case RETRY -> visible ? new PublishOutcome.Unknown(reason)
                    : new PublishOutcome.NotProcessed(reason + " (nothing visible was created)", null);
            case NEW_CONTAINER -> new PublishOutcome.StartOver(reason + "; making new containers");
            case NOT_READY -> new PublishOutcome.NotProcessed(reason, Duration.ofSeconds(30));
            case QUOTA -> new PublishOutcome.RateLimited(reason, quotaWait);
            case REFUSED -> new PublishOutcome.Permanent("Instagram refused the post: " + error.describe());
        };
    }

    static PublishOutcome exception(String what, Throwable thrown, boolean visible) {
        return GraphAnswers.exception(API, what, thrown, visible);
    }

    /** A container's {@code status_code} (the same values as a Threads container's {@code status}). */
    static ThreadsAnswers.ContainerStatus containerStatus(String body) {
        return ThreadsAnswers.ContainerStatus.of(GraphAnswers.readObject(body).map(o -> o.getString("status_code", null)).orElse(null));
    }

    /** On ERROR, the container's {@code status} text, which names the error subcode. */
    static String containerError(String body) {
        return GraphAnswers.readObject(body).map(o -> o.getString("status", "ERROR")).orElse("ERROR");
    }

    /** Whether a container's ERROR is the media's own fault (a REFUSED subcode): making it again cannot help. */
    static boolean mediaRefused(String status) {
        Matcher m = SUBCODE.matcher(status);
        return m.find() && rule(Integer.parseInt(m.group())).orElse(Rule.NEW_CONTAINER) == Rule.REFUSED;
    }

    /** {@code content_publishing_limit?fields=quota_usage,config}: the rolling 24 hours' posts reached the quota. */
    static boolean quotaUsedUp(String body) {
        return GraphAnswers.quotaUsedUp(body, "quota_usage", "config");
    }

    /**
     * The account's media published from {@code since} on whose caption is {@code caption}, among a
     * {@code GET /{ig-user-id}/media?fields=id,caption,permalink,timestamp} answer (newest first).
     */
    static Optional<JsonObject> findPublished(String body, String caption, Instant since) {
        String wanted = GraphAnswers.normalize(caption);
        return GraphAnswers.readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data ? Optional.of(data) : Optional.empty())
                .flatMap(data -> data.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                        .filter(m -> GraphAnswers.normalize(m.getString("caption", "")).equals(wanted))
                        .filter(m -> since == null || timestamp(m).map(t -> !t.isBefore(since.minusSeconds(60))).orElse(true))
                        .findFirst());
    }

    static Optional<Instant> timestamp(JsonObject media) {
        return timestamp(media, "timestamp");
    }

    /** A Graph API time field ({@code 2026-12-02T07:00:00+0000}, as Instagram and Facebook write them). */
    static Optional<Instant> timestamp(JsonObject item, String field) {
        String raw = item.getString(field, null);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw, TIMESTAMP).toInstant());
        } catch (DateTimeParseException notInstagrams) {
            try {
                return Optional.of(OffsetDateTime.parse(raw).toInstant());
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
