package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * What Meta's Graph APIs answer, read the same way for Facebook Pages, Instagram and Threads (they share the Graph
 * API's error bodies, codes and rate-limit headers). Errors are {@code {"error":{"message","type","code",
 * "error_subcode","is_transient","error_user_msg","fbtrace_id"}}}, classified after
 * developers.facebook.com/docs/graph-api/guides/error-handling; throttling after
 * developers.facebook.com/docs/graph-api/overview/rate-limiting ({@code X-App-Usage}, {@code X-Page-Usage} and
 * {@code X-Business-Use-Case-Usage}, whose {@code estimated_time_to_regain_access} is in minutes). Each platform's own
 * subcodes (Instagram's 2207xxx) are read by its own class before these general rules. Plain functions of an answer.
 */
final class GraphAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    /**
     * Throttling codes: 4 (application), 17 (user), 32 (page), 613 (calls within a time window), and the Business Use
     * Case limits 80000-80014 (pages 80001, Instagram 80002, ...).
     */
    static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613);
    /** How long a throttled call waits when Meta says nothing more (the Graph API's windows are rolling hours). */
    static final Duration THROTTLE_WAIT = Duration.ofMinutes(15);

    /** Who answered: the platform's name in messages, and the permission a refused token lacks. */
    record Api(String name, String permission) {
    }

    private GraphAnswers() {
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

        /**
         * Code 190: the access token is invalid or expired (revoked, password changed); 102: the session is gone;
         * 10 and 200-299: a permission is missing. Each needs the account to be connected again.
         */
        boolean tokenRefused(int status) {
            return status == 401 || code == 190 || code == 102 || code == 10 || (code >= 200 && code <= 299);
        }

        boolean throttled(int status) {
            return status == 429 || THROTTLED.contains(code) || (code >= 80000 && code <= 80014);
        }
    }

    /**
     * An error answer. {@code visible}: the call creates something people see (a publish, a feed post), so anything
     * that may have reached Meta is {@link PublishOutcome.Unknown}; for calls that leave nothing visible (containers,
     * uploads, unpublished photos) the same failures are a plain retry.
     */
    static PublishOutcome classify(Api api, HttpResponse<String> response, Instant now, String what, boolean visible) {
        int status = response.statusCode();
        GraphError error = GraphError.of(response.body());
        String reason = what + " answered HTTP " + status + (error.describe().isEmpty() ? "" : ": " + error.describe());
        if (error.tokenRefused(status)) {
            return new PublishOutcome.TokenRefused(api.name() + " refused the access token (revoked, expired, or without "
                    + api.permission() + "): " + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
        }
        if (error.throttled(status)) {
            return new PublishOutcome.RateLimited(reason, throttleWait(response.headers(), now));
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        // Codes 1 (unknown) and 2 (service temporarily unavailable), any error marked is_transient, and 5xx: retry;
        // a visible call may have been carried out all the same.
        if (status >= 500 || error.transientError() || error.code() == 1 || error.code() == 2) {
            return visible ? new PublishOutcome.Unknown(reason) : new PublishOutcome.NotProcessed(reason + " (nothing visible was created)", null);
        }
        return new PublishOutcome.Permanent(api.name() + " refused the post: " + (error.describe().isEmpty() ? "HTTP " + status : error.describe()));
    }

    /**
     * How long a throttled call waits: {@code Retry-After} when given, else the longest
     * {@code estimated_time_to_regain_access} (minutes) of {@code X-Business-Use-Case-Usage}, else
     * {@link #THROTTLE_WAIT} ({@code X-App-Usage} and {@code X-Page-Usage} give percentages of a rolling hour, no time).
     */
    static Duration throttleWait(HttpHeaders headers, Instant now) {
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now));
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long minutes = headers.firstValue("X-Business-Use-Case-Usage").flatMap(GraphAnswers::readObject)
                .map(usage -> usage.values().stream().filter(v -> v instanceof JsonArray).flatMap(v -> v.asJsonArray().stream())
                        .filter(v -> v instanceof JsonObject).mapToLong(v -> number(v.asJsonObject(), "estimated_time_to_regain_access"))
                        .max().orElse(0))
                .orElse(0L);
        return minutes > 0 ? Duration.ofMinutes(minutes) : THROTTLE_WAIT;
    }

    /** A call that threw: not sent at all is not processed; after sending, a visible call's outcome is unknown. */
    static PublishOutcome exception(Api api, String what, Throwable thrown, boolean visible) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed(api.name() + " is not reachable: " + describe(cause), null);
        }
        if (!visible) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + describe(cause));
    }

    /** The {@code id} of a create or publish answer. */
    static Optional<String> id(String body) {
        return field(body, "id");
    }

    /** A text (or number) field of an answer object, not blank. */
    static Optional<String> field(String body, String name) {
        return readObject(body).map(o -> text(o, name)).filter(s -> !s.isBlank());
    }

    /**
     * A publishing-limit answer ({@code {"data":[{"quota_usage":n,"config":{"quota_total":m,"quota_duration":86400}}]}},
     * Instagram's {@code content_publishing_limit} and Threads' {@code threads_publishing_limit}) at its total.
     */
    static boolean quotaUsedUp(String body, String usageField, String configField) {
        Optional<JsonObject> limit = readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data && !data.isEmpty()
                && data.get(0) instanceof JsonObject first ? Optional.of(first) : Optional.empty());
        if (limit.isEmpty()) {
            return false;
        }
        JsonObject l = limit.get();
        int usage = number(l, usageField);
        JsonObject config = l.get(configField) instanceof JsonObject c ? c : null;
        int total = config == null ? 0 : number(config, "quota_total");
        return total > 0 && usage >= total;
    }

    /** The first item of a list answer ({@code {"data":[...]}}) whose {@code field}, normalized, equals {@code text}. */
    static Optional<JsonObject> findByText(String body, String field, String text) {
        String wanted = normalize(text);
        return readObject(body).flatMap(o -> o.get("data") instanceof JsonArray data ? Optional.of(data) : Optional.empty())
                .flatMap(data -> data.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                        .filter(t -> normalize(t.getString(field, "")).equals(wanted)).findFirst());
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

    static int number(JsonObject o, String name) {
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

    /** Graph API parameters, form-encoded. */
    static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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

    /** Joins a base URL and a path with exactly one slash. */
    static String join(String base, String path) {
        return (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
    }
}
