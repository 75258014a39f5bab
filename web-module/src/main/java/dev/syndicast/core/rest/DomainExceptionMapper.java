package dev.syndicast.core.rest;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.core.entity.FieldRejectedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** Domain exceptions carry a sentence meant for the caller; the kind decides the status. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException exception) {
        int status = switch (exception.kind()) {
            case INVALID -> 400;
            case UNPROCESSABLE -> 422;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
            case UPSTREAM -> 502;
        };
        if (exception instanceof FieldRejectedException rejected) {
            return ErrorBody.response(status, ErrorBody.errorName(status), exception.getMessage(),
                    List.of(new ErrorBody.FieldError(rejected.field(), rejected.reason())));
        }
        return ErrorBody.response(status, ErrorBody.errorName(status), exception.getMessage());
    }
}
