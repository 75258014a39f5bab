package dev.syndicast.core.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that found no reader's place at its first read ({@link SlowBodyGuard}): 503, try again in a second. */
@Provider
public class ReadersBusyMapper implements ExceptionMapper<SlowBodyGuard.ReadersBusy> {

    @Override
    public Response toResponse(SlowBodyGuard.ReadersBusy exception) {
        return exception.response();
    }
}
