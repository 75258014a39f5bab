package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.tenancy.boundary.ApiKeys;
import dev.syndicast.tenancy.control.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The one place that authenticates and authorises API calls. The key comes from
 * {@code Authorization: Bearer <key>} or {@code x-api-key: <key>}; the scope from the route's
 * {@link RequiresScope} (method first, then class; none means admin).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    public static final String ADMIN_SCOPE = "*";
    static final String API_KEY_HEADER = "x-api-key";

    @Context
    ResourceInfo resourceInfo;

    @Inject
    ApiKeys apiKeys;

    @Inject
    CallerContext callerContext;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || isPublic(method)) {
            return;
        }
        Optional<String> rawKey = rawKey(request);
        if (rawKey.isEmpty()) {
            request.abortWith(unauthorized("Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'"));
            return;
        }
        Optional<Caller> caller = apiKeys.authenticate(rawKey.get());
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("Invalid, revoked or expired API key"));
            return;
        }
        String scope = requiredScope(method);
        if (!caller.get().has(scope)) {
            request.abortWith(ErrorBody.response(403, ErrorBody.errorName(403),
                    "This API key lacks the scope '" + scope + "' that this route requires"));
            return;
        }
        callerContext.set(caller.get());
    }

    static boolean isPublic(Method method) {
        return method.isAnnotationPresent(PublicRoute.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicRoute.class);
    }

    static String requiredScope(Method method) {
        RequiresScope scope = method.getAnnotation(RequiresScope.class);
        if (scope == null) {
            scope = method.getDeclaringClass().getAnnotation(RequiresScope.class);
        }
        return scope == null ? ADMIN_SCOPE : scope.value();
    }

    static Optional<String> rawKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String header = request.getHeaderString(API_KEY_HEADER);
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        return jakarta.ws.rs.core.Response.fromResponse(ErrorBody.response(401, ErrorBody.errorName(401), detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"syndicast\"")
                .build();
    }
}
