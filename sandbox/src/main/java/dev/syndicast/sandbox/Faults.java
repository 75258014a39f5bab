package dev.syndicast.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntUnaryOperator;

/**
 * What the sandbox is told to do wrong: fail a percentage of publishes with a mix of 5xx, 429 (with Retry-After) and
 * timeouts, stall every call, or rate-limit. Immutable; the server swaps the whole configuration at once.
 */
public record Faults(int failPercent, List<Kind> mix, int stallMillis, int timeoutStallMillis, int rateLimitPerSecond,
                     int retryAfterSeconds) {

    public static final Faults NONE = new Faults(0, List.of(Kind.SERVER_ERROR, Kind.RATE_LIMITED, Kind.TIMEOUT), 0, 3000, 0, 1);

    public enum Kind {
        /** 500, 502 or 503 without creating the post. */
        SERVER_ERROR,
        /** 429 with Retry-After, without creating the post. */
        RATE_LIMITED,
        /** Stalls past the client's timeout; half of these create the post first (the caller cannot know which). */
        TIMEOUT;

        static Kind parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "5xx", "server_error" -> SERVER_ERROR;
                case "429", "rate_limited" -> RATE_LIMITED;
                case "timeout", "timeouts" -> TIMEOUT;
                default -> throw new IllegalArgumentException("Unknown fault kind '" + value + "' (5xx, 429, timeout)");
            };
        }
    }

    /** What to do with one publish. */
    public record Decision(Kind fault, int status, boolean createFirst) {

        static final Decision OK = new Decision(null, 201, true);
    }

    public Faults {
        if (failPercent < 0 || failPercent > 100) {
            throw new IllegalArgumentException("fail_percent must be 0-100");
        }
        if (mix.isEmpty()) {
            throw new IllegalArgumentException("mix must name at least one fault kind");
        }
        mix = List.copyOf(mix);
    }

    /** Reads {@code fail_percent, mix, stall_ms, timeout_stall_ms, rate_limit_per_second, retry_after_seconds}. */
    public static Faults parse(Map<String, String> query) {
        Faults d = NONE;
        return new Faults(
                integer(query, "fail_percent", d.failPercent),
                query.containsKey("mix") ? java.util.Arrays.stream(query.get("mix").split(",")).filter(s -> !s.isBlank()).map(Kind::parse).toList() : d.mix,
                integer(query, "stall_ms", d.stallMillis),
                integer(query, "timeout_stall_ms", d.timeoutStallMillis),
                integer(query, "rate_limit_per_second", d.rateLimitPerSecond),
                integer(query, "retry_after_seconds", d.retryAfterSeconds));
    }

    public Decision decide() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return decide(random::nextDouble, random::nextInt);
    }

    /** With the random sources given, so tests can fix them. */
    Decision decide(DoubleSupplier uniform, IntUnaryOperator below) {
        if (failPercent == 0 || uniform.getAsDouble() * 100 >= failPercent) {
            return Decision.OK;
        }
        Kind kind = mix.get(below.applyAsInt(mix.size()));
        return switch (kind) {
            case SERVER_ERROR -> new Decision(kind, List.of(500, 502, 503).get(below.applyAsInt(3)), false);
            case RATE_LIMITED -> new Decision(kind, 429, false);
            case TIMEOUT -> new Decision(kind, 504, below.applyAsInt(2) == 0);
        };
    }

    String toJson() {
        return "{\"fail_percent\":" + failPercent + ",\"mix\":[" + String.join(",", mix.stream().map(k -> "\"" + k.name().toLowerCase(Locale.ROOT) + "\"").toList())
                + "],\"stall_ms\":" + stallMillis + ",\"timeout_stall_ms\":" + timeoutStallMillis + ",\"rate_limit_per_second\":"
                + rateLimitPerSecond + ",\"retry_after_seconds\":" + retryAfterSeconds + "}";
    }

    private static int integer(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
