package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.DomainExceptionMapper;
import dev.syndicast.tenancy.entity.CredentialRequiredException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The 401 of a route that needs a credential: the common error body, and the challenge naming the Bearer scheme. */
@Provider
public class CredentialChallengeMapper implements ExceptionMapper<CredentialRequiredException> {

    static final String CHALLENGE = "Bearer realm=\"syndicast\"";

    @Override
    public Response toResponse(CredentialRequiredException exception) {
        return Response.fromResponse(new DomainExceptionMapper().toResponse(exception))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }
}
