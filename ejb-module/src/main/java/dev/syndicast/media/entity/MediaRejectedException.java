package dev.syndicast.media.entity;

import dev.syndicast.core.entity.DomainException;
import jakarta.ejb.ApplicationException;

/**
 * Media the library refuses, with a reason that decides the HTTP status (413, 415, 422, ...). An application
 * exception so it reaches the REST layer unwrapped and its own mapper picks the status; the kind is the
 * fallback for callers that only know {@link DomainException}.
 */
@ApplicationException(rollback = true)
public class MediaRejectedException extends DomainException {

    public enum Reason {
        /** Larger than the configured cap (413). */
        TOO_LARGE(413),
        /** The bytes are not one of the allowed types, whatever the sender claimed (415). */
        UNSUPPORTED_TYPE(415),
        /** The source URL points at an address the server must not fetch (422). */
        FORBIDDEN_ADDRESS(422),
        /** The source could not be fetched: refused, timed out, answered an error (422). */
        FETCH_FAILED(422),
        /** A signed URL whose signature does not match (403). */
        BAD_SIGNATURE(403),
        /** A signed URL past its expiry (410). */
        EXPIRED(410),
        /** A signed URL that has already been used once (409). */
        ALREADY_USED(409),
        /** The upload was cut short or malformed (400). */
        BAD_UPLOAD(400);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final boolean retryable;

    public MediaRejectedException(Reason reason, String message) {
        this(reason, message, false);
    }

    /** {@code retryable}: the same request may succeed later (a timeout, a 5xx), so a background import retries. */
    public MediaRejectedException(Reason reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public Reason reason() {
        return reason;
    }

    public boolean isRetryable() {
        return retryable;
    }

    @Override
    public Kind kind() {
        return switch (reason) {
            case BAD_SIGNATURE -> Kind.FORBIDDEN;
            case ALREADY_USED -> Kind.CONFLICT;
            default -> Kind.INVALID;
        };
    }
}
