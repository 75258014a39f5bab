package dev.syndicast.core.rest;

import dev.syndicast.core.entity.DomainException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain exceptions carry a sentence meant for the caller; the kind decides the status. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public jakarta.ws.rs.core.Response toResponse(DomainException exception) {
        int status = switch (exception.kind()) {
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case UPSTREAM -> 502;
        };
        return ErrorBody.response(status, ErrorBody.errorName(status), exception.getMessage());
    }
}
