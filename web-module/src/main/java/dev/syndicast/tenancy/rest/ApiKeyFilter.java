package dev.syndicast.tenancy.rest;

import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.OrgHeader;
import dev.syndicast.tenancy.control.RateDecision;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The one place that authenticates and authorises API calls, and counts them against the caller's rate limit, in
 * three steps that each throw the domain exception of their refusal (the exception mappers write the replies):
 * {@link CredentialCheck} (who is calling), {@link AccessCheck} (may they call this route, for this workspace) and
 * {@link RateLimitCheck}. The credential comes from {@code Authorization: Bearer <key>} or {@code x-api-key: <key>};
 * what the route needs from its annotations, read by {@link RouteRules}: {@link PublicRoute} (nothing),
 * {@link SessionRoute} (a person's session token) or {@link RequiresScope} (an API key with one of the scopes; none
 * means admin). X-Org-Id picks the workspace for agent keys and people in several workspaces.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String ADMIN_SCOPE = "*";
    static final String API_KEY_HEADER = "x-api-key";
    /** Request property holding the authenticated {@link Caller}, for the response filters (audit). */
    public static final String CALLER_PROPERTY = ApiKeyFilter.class.getName() + ".caller";
    static final String RATE_PROPERTY = ApiKeyFilter.class.getName() + ".rate";

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    CredentialCheck credentialCheck;

    @Inject
    RateLimitCheck rateLimitCheck;

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        RouteRules.Auth auth = RouteRules.auth(method);
        if (auth == RouteRules.Auth.NONE) {
            return;
        }
        Authentication authentication = credentialCheck.authenticate(auth, new CredentialCheck.Credentials(
                request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getHeaderString(API_KEY_HEADER),
                request.getHeaderString(OrgHeader.NAME), servletRequest.getRemoteAddr()));
        Caller caller = AccessCheck.authorise(authentication, auth, RouteRules.scopes(method), RouteRules.operatorOnly(method));
        Optional<RateDecision> rate = rateLimitCheck.count(caller,
                RouteRules.tier(method, RouteRules.path(resourceInfo.getResourceClass(), method)));
        if (rate.isPresent()) {
            // Kept before a refusal, so the 429 carries the X-RateLimit-* headers as every other counted reply does.
            request.setProperty(RATE_PROPERTY, rate.get());
            RateLimitCheck.requireAllowed(rate.get());
        }
        callerContext.set(caller);
        request.setProperty(CALLER_PROPERTY, caller);
    }

    /** Every reply to a counted request says where the caller stands, including the 429 itself. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RATE_PROPERTY) instanceof RateDecision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("X-RateLimit-Limit", decision.limit());
            headers.putSingle("X-RateLimit-Remaining", decision.remaining());
            headers.putSingle("X-RateLimit-Reset", decision.resetAt().getEpochSecond());
        }
    }
}
