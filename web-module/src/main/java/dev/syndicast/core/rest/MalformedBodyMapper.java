package dev.syndicast.core.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON that is well formed (StrictJsonReader saw to that) but does not bind: a member of the wrong type, such as
 * a string where a number or an object belongs. The body parses but breaks the route's rules, so 422 like any
 * validation failure, never 500. JSON-B's own message names Java classes and parser internals; the reply names
 * only the member, when JSON-B tells which.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<JsonbException> {

    private static final Pattern PROPERTY = Pattern.compile("property:? '?([A-Za-z_][A-Za-z0-9_]{0,63})'?");

    @Override
    public Response toResponse(JsonbException exception) {
        String field = field(exception);
        String message = "has the wrong type or shape";
        return ErrorBody.response(422, ErrorBody.errorName(422),
                (field == null ? "A value of the request body" : field) + " " + message,
                List.of(new ErrorBody.FieldError(field == null ? "body" : field, message)));
    }

    static String field(Throwable exception) {
        for (Throwable e = exception; e != null; e = e.getCause() == e ? null : e.getCause()) {
            Matcher property = e.getMessage() == null ? null : PROPERTY.matcher(e.getMessage());
            if (property != null && property.find()) {
                return ValidationExceptionMapper.snakeCase(property.group(1));
            }
        }
        return null;
    }
}
