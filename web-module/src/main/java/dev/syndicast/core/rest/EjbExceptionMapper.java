package dev.syndicast.core.rest;

import dev.syndicast.core.entity.DomainException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A runtime exception thrown inside an EJB reaches the caller wrapped in an EJBException. Unwrap it so a
 * domain exception, or a request body's refusal by the edge (408, 413, 503) met while the bean read the body, still
 * gets its documented status; anything else is an unexpected failure.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Inject
    UnexpectedExceptionMapper unexpected;

    @Override
    public Response toResponse(EJBException exception) {
        Throwable cause = exception.getCause();
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DomainException domain) {
            return new DomainExceptionMapper().toResponse(domain);
        }
        if (cause instanceof SlowBodyGuard.ReadersBusy busy) {
            // The request body, read inside the bean (an upload), had no reader's place: the edge's own 503.
            return busy.response();
        }
        if (cause instanceof jakarta.ws.rs.WebApplicationException refused && refused.getResponse().getStatus() < 500) {
            // A stream that refused the body on purpose (the size limit's 413, the slow body's 408) while a bean read it.
            return refused.getResponse();
        }
        return unexpected.toResponse(cause != null ? cause : exception);
    }
}
