package dev.syndicast.core.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.regex.Pattern;

/**
 * JAX-RS' own errors (no such route, wrong method, unsupported media type, unparseable parameter) in the
 * documented body, with a sentence that says what to fix instead of "HTTP 404 Not Found".
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** A container's message may quote a Java exception; such a message stays in the log. */
    private static final Pattern INTERNALS = Pattern.compile("java\\.|jakarta\\.|org\\.[a-z]|Exception");

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
        if (status == 404 && !(exception instanceof NotFoundException) && exception.getCause() != null) {
            // JAX-RS answers a parameter it cannot convert (limit=99999999999999) with its own 404 (a
            // ParamException carrying the conversion failure); the route exists and the value is the caller's mistake.
            return ErrorBody.response(400, ErrorBody.errorName(400),
                    "A query or path parameter is not a valid value for its type (a number out of range, a bad format)");
        }
        if (exception instanceof NotFoundException && isGeneric(exception)) {
            detail = "No resource at /" + uriInfo.getPath();
        } else if (exception instanceof NotAllowedException) {
            detail = "Method not allowed here; allowed: " + String.join(", ", original.getAllowedMethods());
        } else {
            detail = isGeneric(exception) || INTERNALS.matcher(exception.getMessage()).find()
                    ? ErrorBody.errorName(status) : exception.getMessage();
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
