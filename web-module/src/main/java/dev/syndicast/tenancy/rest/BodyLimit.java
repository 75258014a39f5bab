package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses oversized JSON and text bodies with 413 before anything reads them. File uploads (multipart,
 * octet-stream, video, CSV) are left to the routes that accept them.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "syndicast.http.max-json-body-bytes", defaultValue = "1048576")
    long maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || "text".equals(type.getType())
                || type.getSubtype().endsWith("+json"))) {
            return;
        }
        if ("csv".equals(type.getSubtype())) {
            // A CSV is a file upload (batch imports), bounded by its own route's limit, not the JSON one.
            return;
        }
        long length = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (length > maxBytes) {
            request.abortWith(tooLarge());
            return;
        }
        if (length < 0 && request.hasEntity()) {
            // No Content-Length (chunked): count while the body is read.
            request.setEntityStream(new BoundedInputStream(request.getEntityStream(), maxBytes));
        }
    }

    /**
     * The declared length as a long: JAX-RS' int {@code getLength()} fails on 2147483648 and more, which made a
     * claimed 2 GiB body a 500 instead of the 413 it is. Unparseable values never get here (the server refuses them).
     */
    public static long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private jakarta.ws.rs.core.Response tooLarge() {
        return ErrorBody.response(413, ErrorBody.errorName(413),
                "Request body is larger than " + maxBytes + " bytes (syndicast.http.max-json-body-bytes)");
    }
}
