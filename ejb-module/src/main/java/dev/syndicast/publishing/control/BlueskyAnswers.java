package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How an XRPC answer that is not a success is read. XRPC errors are {@code {"error": "...", "message": "..."}}
 * (atproto.com/specs/xrpc). 429 {@code RateLimitExceeded} was not processed: wait until {@code ratelimit-reset} (Unix
 * seconds; docs.bsky.app/docs/advanced-guides/rate-limits) or {@code Retry-After}. 408 was not processed. A 5xx may come
 * after the repository changed (the reference PDS answers a repeated record key with 500), so it is unknown. An
 * expired or revoked session ({@code ExpiredToken}, {@code InvalidToken}, any 401) is refreshed once by the connector
 * before it counts. Every other 4xx ({@code InvalidRequest}, {@code BlobTooLarge}, ...) is permanent, with Bluesky's
 * message.
 */
public final class BlueskyAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** An XRPC error body; both fields may be null when the body is not one. */
    public record XrpcError(String error, String message) {

        /** "InvalidRequest: Invalid app.bsky.feed.post record", or what there is of it. */
        public String describe() {
            if (error == null && message == null) {
                return "";
            }
            return error == null ? message : message == null ? error : error + ": " + message;
        }
    }

    private BlueskyAnswers() {
    }

    public static XrpcError errorOf(String body) {
        if (body == null || body.isBlank()) {
            return new XrpcError(null, null);
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return new XrpcError(json.getString("error", null), json.getString("message", null));
        } catch (RuntimeException notJson) {
            return new XrpcError(null, null);
        }
    }

    /** Whether the answer says the session must be refreshed before the call can succeed. */
    public static boolean sessionExpired(int status, String body) {
        if (status == 401) {
            return true;
        }
        String error = errorOf(body).error();
        return status == 400 && ("ExpiredToken".equals(error) || "InvalidToken".equals(error));
    }

    /** Whether a {@code getRecord} answer says the record does not exist. */
    public static boolean recordNotFound(int status, String body) {
        return (status == 400 || status == 404) && "RecordNotFound".equals(errorOf(body).error());
    }

    /** Classifies an answer that is not a success (a session problem is handled before this). */
    public static PublishOutcome classify(int status, Optional<String> rateLimitReset, Optional<String> retryAfter, String body,
                                          Instant now) {
        XrpcError error = errorOf(body);
        String detail = error.describe();
        String reason = "Bluesky answered HTTP " + status + (detail.isEmpty() ? "" : " " + detail);
        if (status == 429) {
            Duration wait = rateLimitReset.flatMap(v -> untilReset(v, now))
                    .or(() -> retryAfter.flatMap(v -> RetryPolicy.parseRetryAfter(v, now))).orElse(null);
            return new PublishOutcome.NotProcessed(reason, wait);
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent(detail.isEmpty() ? reason : "Bluesky refused the post: " + detail);
    }

    /** {@code ratelimit-reset} is the Unix second the window resets. */
    static Optional<Duration> untilReset(String value, Instant now) {
        try {
            Instant reset = Instant.ofEpochSecond(Long.parseLong(value.strip()));
            return Optional.of(reset.isAfter(now) ? Duration.between(now, reset) : Duration.ZERO);
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }
}
