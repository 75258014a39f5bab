package dev.syndicast.core.entity;

import java.time.Instant;

/**
 * The instants Syndicast accepts from callers. PostgreSQL stores up to year 294276 and Java reads far more, but a
 * year past 9999 is written {@code +10000-...} in our replies, which ISO-8601 clients do not read, and nothing is
 * scheduled, expired or searched for before 2000. A time outside is refused with this range, never stored.
 */
public final class TimeRange {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private TimeRange() {
    }

    public static boolean contains(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }

    /** {@code at} itself, or a 422 naming {@code field} and the range. */
    public static Instant require(Instant at, String field) {
        if (at != null && !contains(at)) {
            throw new FieldRejectedException(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return at;
    }

    public static String describe() {
        return EARLIEST + " to " + LATEST;
    }
}
