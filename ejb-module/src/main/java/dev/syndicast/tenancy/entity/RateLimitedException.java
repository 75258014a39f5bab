package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.DomainException;

/**
 * Too many requests in the current window (429): a caller over its rate limit, an address guessing keys, a login
 * guessing a password. The reply says how many seconds to wait.
 */
public class RateLimitedException extends DomainException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Kind kind() {
        return Kind.TOO_MANY_REQUESTS;
    }
}
