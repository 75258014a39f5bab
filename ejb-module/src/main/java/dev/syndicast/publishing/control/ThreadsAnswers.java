package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * What the Threads API's answers mean for publishing. Errors are Graph API error bodies
 * ({@code {"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}}), classified after
 * developers.facebook.com/docs/graph-api/guides/error-handling (the Threads API shares the Graph API's codes) and
 * developers.facebook.com/docs/threads/troubleshooting (container statuses and their error messages). Plain functions
 * of an answer, so each rule is unit-tested without Threads.
 */
final class ThreadsAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** Graph API throttling codes: 4 (application), 17 (user), 32 (page), 613 (calls within a time window). */
    static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613);
    /** How long a throttled call waits when Threads says nothing more (the Graph API's windows are rolling hours). */
    static final Duration THROTTLE_WAIT = Duration.ofMinutes(15);

    private ThreadsAnswers() {
    }

    /** One Graph API error body, read; {@code code} is 0 when the body is not one. */
    record GraphError(int code, int subcode, String type, String message, boolean transientError) {

        static GraphError of(String body) {
            Optional<JsonObject> error = readObject(body).map(o -> o.get("error") instanceof JsonObject e ? e : null);
            if (error.isEmpty()) {
                String raw = body == null ? "" : body.replaceAll("\\s+", " ").strip();
                return new GraphError(0, 0, null, abbreviate(raw), false);
            }
            JsonObject e = error.get();
            return new GraphError(number(e, "code"), number(e, "error_subcode"), e.getString("type", null),
                    abbreviate(e.getString("error_user_msg", e.getString("message", ""))), e.getBoolean("is_transient", false));
        }

        String describe() {
            return (message.isEmpty() ? "" : message) + (code == 0 ? "" : " (code " + code + (subcode == 0 ? "" : "/" + subcode) + ")");
        }
    }

    /**
     * An error answer. {@code visible}: the call creates something people see ({@code threads_publish}), so anything
     * that may have reached Threads is {@link PublishOutcome.Unknown}; for container calls (nothing visible until
     * published) the same failures are a plain retry.
     */
    static PublishOutcome classify(HttpResponse<String> response, Instant now, String what, boolean visible) {
        int status = response.statusCode();
        GraphError error = GraphError.of(response.body());
        String reason = what + " answered HTTP " + status + (error.describe().isEmpty() ? "" : ": " + error.describe());
        // Code 190: the access token is invalid or expired (revoked, password changed); 102: the session is gone;
        // 10 and 200-299: a permission (scope) is missing. Each needs the account to be connected again.
        if (status == 401 || error.code() == 190 || error.code() == 102 || error.code() == 10
                || (error.code() >= 200 && error.code() <= 299)) {
            return new PublishOutcome.TokenRefused("Threads refused the access token (revoked, expired, or without"
                    + " threads_content_publish): " + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
        }
        if (status == 429 || THROTTLED.contains(error.code())) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now))
                    .orElse(THROTTLE_WAIT);
            return new PublishOutcome.RateLimited(reason, wait);
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        // Codes 1 (unknown) and 2 (service temporarily unavailable), any error marked is_transient, and 5xx: retry;
        // a visible call may have been carried out all the same.
        if (status >= 500 || error.transientError() || error.code() == 1 || error.code() == 2) {
            return visible ? new PublishOutcome.Unknown(reason) : new PublishOutcome.NotProcessed(reason + " (nothing visible was created)", null);
        }
        return new PublishOutcome.Permanent("Threads refused the post: " + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
    }

    /** A call that threw: not sent at all is not processed; after sending, a visible call's outcome is unknown. */
    static PublishOutcome exception(String what, Throwable thrown, boolean visible) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("Threads is not reachable: " + describe(cause), null);
        }
        if (!visible) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + describe(cause));
    }

    /** What a container's {@code status} means (developers.facebook.com/docs/threads/troubleshooting). */
    enum ContainerStatus { IN_PROGRESS, FINISHED, PUBLISHED, ERROR, EXPIRED, UNREADABLE }

    static ContainerStatus containerStatus(String body) {
        String status = readObject(body).map(o -> o.getString("status", null)).orElse(null);
        if (status == null) {
            return ContainerStatus.UNREADABLE;
        }
        try {
            return ContainerStatus.valueOf(status.strip());
        } catch (IllegalArgumentException unknown) {
            return ContainerStatus.UNREADABLE;
        }
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

    /** The {@code id} of a create or publish answer. */
    static Optional<String> id(String body) {
        return readObject(body).map(o -> text(o, "id")).filter(s -> !s.isBlank());
    }

    /**
     * {@code GET /{user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config}:
     * whether the posts (or, for a reply, the replies) of the last 24 hours used up the quota.
     */
    static boolean quotaUsedUp(String body, boolean reply) {
        Optional<JsonObject> limit = readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data && !data.isEmpty()
                && data.get(0) instanceof JsonObject first ? Optional.of(first) : Optional.empty());
        if (limit.isEmpty()) {
            return false;
        }
        JsonObject l = limit.get();
        int usage = number(l, reply ? "reply_quota_usage" : "quota_usage");
        JsonObject config = l.get(reply ? "reply_config" : "config") instanceof JsonObject c ? c : null;
        int total = config == null ? 0 : number(config, "quota_total");
        return total > 0 && usage >= total;
    }

    /** A thread whose text is {@code text} among a list answer ({@code {"data":[{"id","text","permalink"}]}}). */
    static Optional<JsonObject> findByText(String body, String text) {
        String wanted = normalize(text);
        return readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data ? Optional.of(data) : Optional.empty())
                .flatMap(data -> data.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                        .filter(t -> normalize(t.getString("text", "")).equals(wanted)).findFirst());
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(name) : v.toString();
    }

    private static int number(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.intValue() : 0;
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
