package dev.syndicast.core.rest;

import dev.syndicast.core.entity.DomainException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey wraps a body that JSON-B cannot read (truncated, not JSON, wrong types) in a ProcessingException: that is
 * the caller's mistake, 400. Any other processing failure stays a server error.
 */
@Provider
public class BodyProcessingMapper implements ExceptionMapper<ProcessingException> {

    private final MalformedBodyMapper malformed = new MalformedBodyMapper();
    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(ProcessingException exception) {
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SlowBodyGuard.ReadersBusy busy) {
                return busy.response(); // the body found no reader's place: the edge's 503
            }
            if (cause instanceof jakarta.ws.rs.WebApplicationException refused && refused.getResponse().getStatus() < 500) {
                // A stream that refused the body on purpose (the size limit's 413) already carries its reply.
                return refused.getResponse();
            }
            if (cause instanceof DomainException refused) {
                // StrictJsonReader's verdict on the body, should the reader chain wrap it.
                return new DomainExceptionMapper().toResponse(refused);
            }
            if (cause instanceof JsonbException json) {
                return malformed.toResponse(json);
            }
            if (cause instanceof JsonException json) {
                return malformed.toResponse(new JsonbException(json.getMessage(), json));
            }
        }
        return unexpected.toResponse(exception);
    }
}
