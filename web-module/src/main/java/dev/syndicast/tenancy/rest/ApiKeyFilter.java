package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.tenancy.boundary.ApiKeys;
import dev.syndicast.tenancy.boundary.RateLimits;
import dev.syndicast.tenancy.boundary.Sessions;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.KeyGenerator;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * The one place that authenticates and authorises API calls, and counts them against the caller's rate
 * limit. The credential comes from {@code Authorization: Bearer <key>} or {@code x-api-key: <key>}; what the
 * route needs from its annotations, read by {@link RouteRules}: {@link PublicRoute} (nothing),
 * {@link SessionRoute} (a person's session token) or {@link RequiresScope} (an API key with one of the scopes;
 * none means admin). X-Org-Id picks the workspace for agent keys and people in several workspaces.
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

    @Inject
    ApiKeys apiKeys;

    @Inject
    Sessions sessions;

    @Inject
    RateLimits rateLimits;

    @Inject
    CallerContext callerContext;

    @Inject
    KeyGuessing keyGuessing;

    @Context
    HttpServletRequest servletRequest;

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
        Optional<OrgHeader> org;
        Optional<String> credential;
        try {
            org = OrgHeader.parse(request.getHeaderString(OrgHeader.NAME));
            credential = credential(request);
        } catch (InvalidInputException malformed) {
            request.abortWith(ErrorBody.response(400, ErrorBody.errorName(400), malformed.getMessage()));
            return;
        }
        if (credential.isEmpty()) {
            request.abortWith(unauthorized(auth == RouteRules.Auth.SESSION
                    ? "Missing session: log in with POST /api/external/v1/auth/login and send 'Authorization: Bearer <token>'"
                    : "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'"));
            return;
        }
        Optional<Response> blocked = keyGuessing.whileBlocked(servletRequest.getRemoteAddr());
        if (blocked.isPresent()) {
            request.abortWith(blocked.get());
            return;
        }
        boolean sessionToken = KeyGenerator.looksLikeSessionToken(credential.get());
        if (auth == RouteRules.Auth.SESSION && !sessionToken) {
            request.abortWith(unauthorized("This route needs a logged-in person's session token, not an API key"));
            return;
        }
        if (auth == RouteRules.Auth.API_KEY && sessionToken) {
            request.abortWith(unauthorized("This route needs an API key; a session only manages keys and the password"));
            return;
        }
        Authentication result = sessionToken
                ? sessions.authenticate(credential.get(), org)
                : apiKeys.authenticate(credential.get(), org);
        if (result.failure() != null) {
            request.abortWith(switch (result.failure()) {
                case INVALID_CREDENTIAL -> keyGuessing.afterInvalid(servletRequest.getRemoteAddr())
                        .orElseGet(() -> unauthorized(sessionToken ? "Invalid, expired or ended session"
                                : "Invalid, revoked or expired API key"));
                case TENANT_HEADER_REQUIRED -> ErrorBody.response(400, ErrorBody.errorName(400), result.detail());
                case TENANT_FORBIDDEN -> ErrorBody.response(403, ErrorBody.errorName(403), result.detail());
            });
            return;
        }
        Caller caller = result.caller();
        List<String> needed = RouteRules.scopes(method);
        if (auth == RouteRules.Auth.API_KEY && !needed.isEmpty() && needed.stream().noneMatch(caller::has)) {
            request.abortWith(ErrorBody.response(403, ErrorBody.errorName(403),
                    "This API key lacks the scope " + String.join(" or ", needed.stream().map(s -> "'" + s + "'").toList())
                            + " that this route requires"));
            return;
        }
        if (auth == RouteRules.Auth.API_KEY && RouteRules.operatorOnly(method) && !caller.isOperator()) {
            request.abortWith(ErrorBody.response(403, ErrorBody.errorName(403),
                    "Only the installation's operator (an admin key of the default workspace) may call this route"));
            return;
        }
        if (rateLimits.enabled()) {
            String path = RouteRules.path(resourceInfo.getResourceClass(), method);
            RateDecision decision = rateLimits.hit(caller.actorId().toString(), RouteRules.tier(method, path));
            request.setProperty(RATE_PROPERTY, decision);
            if (!decision.allowed()) {
                request.abortWith(Response.fromResponse(ErrorBody.response(429, ErrorBody.errorName(429),
                                "Rate limit of " + decision.limit() + " requests per window reached; retry after "
                                        + decision.retryAfterSeconds() + " s"))
                        .header(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds())
                        .build());
                return;
            }
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

    /**
     * The credential, from {@code Authorization: Bearer} or {@code x-api-key}. An Authorization header with
     * another scheme is a malformed request (400), not a missing key: the caller should learn what to fix.
     */
    static Optional<String> credential(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new InvalidInputException("Authorization header must be 'Bearer <key>'");
            }
            String key = authorization.substring(7).strip();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String header = request.getHeaderString(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(ErrorBody.response(401, ErrorBody.errorName(401), detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"syndicast\"")
                .build();
    }
}
