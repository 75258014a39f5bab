package dev.syndicast.core.entity;

/**
 * Base of the exceptions the domain raises on purpose. The REST layer maps each kind to one status and
 * the documented error body; anything else reaching the edge is a bug and becomes a 500 without details.
 */
// An application exception: EJBs throw it to the caller as it is (no EJBException wrapper, no system-exception
// log entry) and still roll their transaction back.
@jakarta.ejb.ApplicationException(inherited = true, rollback = true)
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    /** HTTP-independent kind; the web module maps it to a status. */
    public abstract Kind kind();

    public enum Kind { INVALID, UNPROCESSABLE, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS, UNAVAILABLE, UPSTREAM }
}
