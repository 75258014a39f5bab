package dev.syndicast.publishing.control;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of a platform's HTTP API, read whole (the answers connectors read are small JSON): status, body and
 * headers, whose names are compared without case. The rate-limit headers are read here once for every connector.
 */
record HttpAnswer(int status, String body, Map<String, List<String>> headers) {

    /** Unix times are larger than this; smaller reset values count seconds. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    static HttpAnswer of(HttpResponse<String> response) {
        return new HttpAnswer(response.statusCode(), response.body(), response.headers().map());
    }

    boolean ok() {
        return status / 100 == 2;
    }

    Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** {@code Retry-After} (RFC 9110: seconds or an HTTP date) as a wait from {@code now}. */
    Optional<Duration> retryAfter(Instant now) {
        return header("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now));
    }

    /**
     * A rate-limit reset header ({@code X-RateLimit-Reset}, {@code X-Ratelimit-Reset}) as a wait from {@code now}: the
     * seconds until the window resets (fractions rounded up), or, for a value that reads as one, the Unix time it
     * resets at (a time already past is no wait). Empty when the header is missing, negative or not a number.
     */
    Optional<Duration> resetIn(String name, Instant now) {
        return header(name).flatMap(value -> {
            try {
                long n = (long) Math.ceil(Double.parseDouble(value.strip()));
                if (n < 0) {
                    return Optional.empty();
                }
                if (n > EPOCH_SECONDS_FROM) {
                    Instant at = Instant.ofEpochSecond(n);
                    return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
                }
                return Optional.of(Duration.ofSeconds(n));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        });
    }
}
