package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.RateDecision;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.entity.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The third step of {@link ApiKeyFilter}: counts the request against the caller's limit for the route's tier. Counting
 * and refusing are two calls, so the filter can keep the decision for the X-RateLimit-* headers, which the refusal
 * carries too.
 */
@ApplicationScoped
public class RateLimitCheck {

    @Inject
    RateLimits rateLimits;

    /** @return where the caller stands after this request, or empty when rate limits are switched off */
    Optional<RateDecision> count(Caller caller, RateTier tier) {
        return rateLimits.enabled() ? Optional.of(rateLimits.hit(caller.actorId().toString(), tier)) : Optional.empty();
    }

    /** Refuses (429) a request over the limit. */
    static void requireAllowed(RateDecision decision) {
        if (!decision.allowed()) {
            throw new RateLimitedException("Rate limit of " + decision.limit() + " requests per window reached; retry after "
                    + decision.retryAfterSeconds() + " s", decision.retryAfterSeconds());
        }
    }
}
