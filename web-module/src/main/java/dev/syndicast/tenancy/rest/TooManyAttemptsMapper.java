package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.tenancy.entity.TooManyAttemptsException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Login throttling: 429 with Retry-After, in the common error body. */
@Provider
public class TooManyAttemptsMapper implements ExceptionMapper<TooManyAttemptsException> {

    @Override
    public Response toResponse(TooManyAttemptsException exception) {
        return Response.fromResponse(ErrorBody.response(429, ErrorBody.errorName(429), exception.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds())
                .build();
    }
}
