package dev.syndicast.media.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.media.entity.MediaRejectedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refused media: 413 too large, 415 wrong type, 422 unfetchable or forbidden source, 403/409/410 for signed URLs. */
@Provider
public class MediaRejectedExceptionMapper implements ExceptionMapper<MediaRejectedException> {

    @Override
    public Response toResponse(MediaRejectedException exception) {
        int status = exception.reason().status();
        return ErrorBody.response(status, ErrorBody.errorName(status), exception.getMessage());
    }
}
