package dev.syndicast.core.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one error body of every surface: {@code {"error","detail","timestamp"}} plus {@code "fields"} for
 * validation failures. {@code error} is the status' short name ("Validation Error", "Not Found", as the video generation API has always answered).
 */
public record ErrorBody(String error, String detail, Instant timestamp, List<FieldError> fields) {

    public record FieldError(String field, String message) {
    }

    public static Response response(int status, String error, String detail) {
        return response(status, error, detail, null);
    }

    public static Response response(int status, String error, String detail, List<FieldError> fields) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, detail, Instant.now().truncatedTo(ChronoUnit.SECONDS), fields))
                .build();
    }

    /** The reason phrase of a status, or a generic name for codes JAX-RS does not know. */
    public static String errorName(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (status == 422) {
            return "Validation Error";
        }
        if (status == 429) {
            return "Too Many Requests";
        }
        return known != null ? known.getReasonPhrase() : (status >= 500 ? "Server Error" : "Client Error");
    }
}
