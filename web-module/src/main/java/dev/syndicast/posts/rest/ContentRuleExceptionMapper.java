package dev.syndicast.posts.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.posts.entity.ContentRuleException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A post that breaks platform rules: 422 with one field entry per broken rule (the external API v1's documented errors). */
@Provider
public class ContentRuleExceptionMapper implements ExceptionMapper<ContentRuleException> {

    @Override
    public Response toResponse(ContentRuleException exception) {
        return ErrorBody.response(422, ErrorBody.errorName(422), exception.getMessage(),
                exception.violations().stream().map(v -> new ErrorBody.FieldError(v.field(), v.message())).toList());
    }
}
