package dev.syndicast.tenancy.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer for one request in a fixed window: allowed or not, and the numbers for the
 * X-RateLimit-Limit / -Remaining / -Reset and Retry-After headers.
 */
public record RateDecision(boolean allowed, int limit, int remaining, Instant resetAt, long retryAfterSeconds) {

    /** @param hits this request's position in the window, counting itself */
    public static RateDecision of(int hits, int limit, Instant windowStart, Duration window, Instant now) {
        Instant reset = windowStart.plus(window);
        long untilReset = Math.max(1, (long) Math.ceil((reset.toEpochMilli() - now.toEpochMilli()) / 1000.0));
        boolean allowed = hits <= limit;
        return new RateDecision(allowed, limit, Math.max(0, limit - hits), reset, allowed ? 0 : untilReset);
    }

    /** The start of the window holding {@code now}: windows are aligned to the epoch, the same on every instance. */
    public static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }
}
