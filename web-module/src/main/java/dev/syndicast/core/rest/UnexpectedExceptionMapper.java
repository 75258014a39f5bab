package dev.syndicast.core.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bug or an outage, never the caller's mistake: 500 with a reference the operator can find in the log.
 * The stack trace goes to the log only.
 */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "event=unexpected_error reference=" + reference, exception);
        return ErrorBody.response(500, ErrorBody.errorName(500),
                "Unexpected server error; quote reference " + reference + " when reporting it");
    }
}
