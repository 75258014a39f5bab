package dev.syndicast.core.rest;

import dev.syndicast.core.entity.DomainException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A runtime exception thrown inside an EJB reaches the caller wrapped in an EJBException. Unwrap it so a
 * domain exception still gets its documented status; anything else is an unexpected failure.
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
        return unexpected.toResponse(cause != null ? cause : exception);
    }
}
