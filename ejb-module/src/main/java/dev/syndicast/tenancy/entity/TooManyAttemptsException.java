package dev.syndicast.tenancy.entity;

/**
 * Too many login attempts for one e-mail address in the current window (429), with the seconds to wait. Thrown before
 * the login writes anything; the attempt was already counted in a transaction of its own.
 */
public class TooManyAttemptsException extends RateLimitedException {

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("Too many login attempts for this account; retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
