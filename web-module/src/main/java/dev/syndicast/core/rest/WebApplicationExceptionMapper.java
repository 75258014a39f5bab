package dev.syndicast.core.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS' own errors (no such route, wrong method, unsupported media type, unparseable parameter) in the
 * documented body, with a sentence that says what to fix instead of "HTTP 404 Not Found".
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return new UnexpectedExceptionMapper().toResponse(exception);
        }
        String detail;
        if (exception instanceof NotFoundException && isGeneric(exception)) {
            detail = "No resource at /" + uriInfo.getPath();
        } else if (exception instanceof NotAllowedException) {
            detail = "Method not allowed here; allowed: " + String.join(", ", original.getAllowedMethods());
        } else {
            detail = isGeneric(exception) ? ErrorBody.errorName(status) : exception.getMessage();
        }
        Response mapped = ErrorBody.response(status, ErrorBody.errorName(status), detail);
        // Keep headers such as Allow, WWW-Authenticate and Retry-After.
        Response.ResponseBuilder builder = Response.fromResponse(mapped);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /** Messages like "HTTP 404 Not Found" say nothing the status does not. */
    private static boolean isGeneric(WebApplicationException e) {
        return e.getMessage() == null || e.getMessage().startsWith("HTTP ");
    }
}
