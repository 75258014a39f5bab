package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Throttles key and token guessing per source address: invalid credentials are counted in the shared rate-limit
 * table ({@code syndicast.rate-limit.invalid-keys} per window); over the limit the address gets 429 for the rest
 * of the window for every credential it sends, right or wrong, so a guess that happens to hit learns nothing.
 * Each instance remembers the addresses it refused, so a blocked address costs no database round trip.
 */
@ApplicationScoped
public class KeyGuessing {

    /** Blocked addresses are few; this bound only keeps a flood of spoofed sources from growing the map. */
    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    RateLimits rateLimits;

    @Inject
    Clock clock;

    private final ConcurrentMap<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    /** A 429 while the address is blocked. */
    Optional<Response> whileBlocked(String address) {
        Instant until = blockedUntil.get(address);
        if (until == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            blockedUntil.remove(address, until);
            return Optional.empty();
        }
        return Optional.of(tooMany(Math.max(1, until.getEpochSecond() - now.getEpochSecond())));
    }

    /** Counts an invalid credential from the address; a 429 (instead of the 401) once it is over the limit. */
    Optional<Response> afterInvalid(String address) {
        if (!rateLimits.enabled()) {
            return Optional.empty();
        }
        RateDecision decision = rateLimits.hit("address:" + address, RateTier.INVALID_KEY);
        if (decision.allowed()) {
            return Optional.empty();
        }
        if (blockedUntil.size() >= MAX_REMEMBERED) {
            Instant now = clock.instant();
            blockedUntil.values().removeIf(until -> !now.isBefore(until));
        }
        blockedUntil.put(address, decision.resetAt());
        return Optional.of(tooMany(decision.retryAfterSeconds()));
    }

    private static Response tooMany(long retryAfterSeconds) {
        return Response.fromResponse(ErrorBody.response(429, ErrorBody.errorName(429),
                        "Too many invalid API keys or tokens from this address; retry after " + retryAfterSeconds + " s"))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }
}
