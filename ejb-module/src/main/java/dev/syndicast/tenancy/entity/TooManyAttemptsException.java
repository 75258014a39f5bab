package dev.syndicast.tenancy.entity;

import jakarta.ejb.ApplicationException;

/**
 * Too many login attempts for one e-mail address in the current window (429). An application exception, so it
 * reaches the REST layer unwrapped with the seconds to wait.
 */
@ApplicationException
public class TooManyAttemptsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("Too many login attempts for this account; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
