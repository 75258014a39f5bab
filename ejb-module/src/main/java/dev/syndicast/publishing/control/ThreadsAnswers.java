package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Threads API's answers mean for publishing. Errors are Graph API error bodies read by {@link GraphAnswers}
 * (the Threads API shares the Graph API's codes); container statuses after
 * developers.facebook.com/docs/threads/troubleshooting. Plain functions of an answer, so each rule is unit-tested
 * without Threads.
 */
final class ThreadsAnswers {

    static final GraphAnswers.Api API = new GraphAnswers.Api("Threads", "threads_content_publish");
    static final Duration THROTTLE_WAIT = GraphAnswers.THROTTLE_WAIT;

    private ThreadsAnswers() {
    }

    /** See {@link GraphAnswers#classify}: {@code visible} is the {@code threads_publish} call. */
    static PublishOutcome classify(HttpResponse<String> response, Instant now, String what, boolean visible) {
        return GraphAnswers.classify(API, response, now, what, visible);
    }

    static PublishOutcome exception(String what, Throwable thrown, boolean visible) {
        return GraphAnswers.exception(API, what, thrown, visible);
    }

    /** What a container's {@code status} means (developers.facebook.com/docs/threads/troubleshooting). */
    enum ContainerStatus { IN_PROGRESS, FINISHED, PUBLISHED, ERROR, EXPIRED, UNREADABLE;

        static ContainerStatus of(String status) {
            if (status == null) {
                return UNREADABLE;
            }
            try {
                return valueOf(status.strip());
            } catch (IllegalArgumentException unknown) {
                return UNREADABLE;
            }
        }
    }

    static ContainerStatus containerStatus(String body) {
        return ContainerStatus.of(readObject(body).map(o -> o.getString("status", null)).orElse(null));
    }

    static String containerError(String body) {
        return readObject(body).map(o -> o.getString("error_message", "UNKNOWN")).orElse("UNKNOWN");
    }

    /**
     * Whether a container's ERROR is in the media itself (an invalid aspect ratio, bit rate, duration, frame rate or
     * audio layout: making the container again cannot help) rather than in fetching or processing it (tried again).
     */
    static boolean mediaRefused(String errorMessage) {
        return errorMessage.startsWith("INVALID_");
    }

    static Optional<String> id(String body) {
        return GraphAnswers.id(body);
    }

    /**
     * {@code GET /{user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config}:
     * whether the posts (or, for a reply, the replies) of the last 24 hours used up the quota.
     */
    static boolean quotaUsedUp(String body, boolean reply) {
        return quotaUsedUp(body, reply ? "reply_quota_usage" : "quota_usage", reply ? "reply_config" : "config");
    }

    static boolean quotaUsedUp(String body, String usageField, String configField) {
        return GraphAnswers.quotaUsedUp(body, usageField, configField);
    }

    /** A thread whose text is {@code text} among a list answer ({@code {"data":[{"id","text","permalink"}]}}). */
    static Optional<JsonObject> findByText(String body, String text) {
        return GraphAnswers.findByText(body, "text", text);
    }

    static String normalize(String text) {
        return GraphAnswers.normalize(text);
    }

    static String text(JsonObject o, String name) {
        return GraphAnswers.text(o, name);
    }

    static Optional<JsonObject> readObject(String body) {
        return GraphAnswers.readObject(body);
    }

    static Throwable unwrap(Throwable thrown) {
        return GraphAnswers.unwrap(thrown);
    }

    static String describe(Throwable e) {
        return GraphAnswers.describe(e);
    }
}
