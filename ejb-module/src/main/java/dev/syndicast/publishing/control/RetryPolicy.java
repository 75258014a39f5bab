package dev.syndicast.publishing.control;

import dev.syndicast.scheduling.entity.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How an HTTP answer that is not a success is read, and when the next attempt may run. 429 and 408 say the platform
 * did not process the request (429 waits for its {@code Retry-After}); a 5xx may come after the platform acted (a
 * gateway timing out in front of a server that created the post), so its outcome is unknown and the post is looked up
 * before anything is sent again; any other 4xx is permanent. Delays follow the back-off (1 s, 4 s, 16 s by default).
 */
public final class RetryPolicy {

    private final Backoff backoff;
    private final Duration maxRetryAfter;

    public RetryPolicy(Backoff backoff, Duration maxRetryAfter) {
        this.backoff = backoff;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Classifies an HTTP answer that is not a success. A connector whose platform documents other "not processed"
     * answers (an error code in the body) checks for them before calling this.
     */
    public static PublishOutcome classify(int status, Optional<String> retryAfter, String body, Instant now) {
        String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 429) {
            return new PublishOutcome.NotProcessed(reason, retryAfter.flatMap(v -> parseRetryAfter(v, now)).orElse(null));
        }
        if (status == 408) {
            // RFC 9110 section 15.5.9: the server did not receive a complete request, so it cannot have acted on it.
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent(reason);
    }

    /** {@code Retry-After} is seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * When the attempt after {@code attemptsSoFar} may run: the platform's Retry-After when it gave one (capped, so a
     * hostile value cannot park a post for days), else the back-off.
     */
    public Instant nextAttemptAt(int attemptsSoFar, Duration retryAfter, Instant now) {
        Duration delay = backoff.delayBefore(attemptsSoFar + 1);
        if (retryAfter != null) {
            delay = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return now.plus(delay);
    }

    /**
     * When a rate-limited call may run again: after the wait the connector computed from the platform's documented
     * reset (whole), or after the platform's Retry-After (capped, as {@link #nextAttemptAt}), or the back-off.
     */
    public Instant afterRateLimit(PublishOutcome.RateLimited limited, int attemptsSoFar, Instant now) {
        if (limited.documentedReset() && limited.retryAfter() != null) {
            return now.plus(limited.retryAfter());
        }
        return nextAttemptAt(attemptsSoFar, limited.retryAfter(), now);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
