package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.DomainExceptionMapper;
import dev.syndicast.tenancy.entity.RateLimitedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request refused over a rate limit (a caller's, an address's invalid keys, an account's logins): 429 in the
 * common error body, with Retry-After in seconds. The X-RateLimit-* headers of a counted request are added by
 * {@link ApiKeyFilter}'s response side, on this reply as on any other.
 */
@Provider
public class RetryAfterMapper implements ExceptionMapper<RateLimitedException> {

    @Override
    public Response toResponse(RateLimitedException exception) {
        return Response.fromResponse(new DomainExceptionMapper().toResponse(exception))
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds())
                .build();
    }
}
