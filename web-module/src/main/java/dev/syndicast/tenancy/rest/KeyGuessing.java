package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.entity.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
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

    /** Refuses (429) every credential from an address while it is blocked. */
    void refuseWhileBlocked(String address) {
        Instant until = blockedUntil.get(address);
        if (until == null) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            blockedUntil.remove(address, until);
            return;
        }
        throw tooMany(Math.max(1, until.getEpochSecond() - now.getEpochSecond()));
    }

    /** Counts an invalid credential from the address; refuses it with 429 (instead of the 401) once it is over the limit. */
    void countInvalid(String address) {
        if (!rateLimits.enabled()) {
            return;
        }
        RateDecision decision = rateLimits.hit("address:" + address, RateTier.INVALID_KEY);
        if (decision.allowed()) {
            return;
        }
        if (blockedUntil.size() >= MAX_REMEMBERED) {
            Instant now = clock.instant();
            blockedUntil.values().removeIf(until -> !now.isBefore(until));
        }
        blockedUntil.put(address, decision.resetAt());
        throw tooMany(decision.retryAfterSeconds());
    }

    private static RateLimitedException tooMany(long retryAfterSeconds) {
        return new RateLimitedException("Too many invalid API keys or tokens from this address; retry after "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
