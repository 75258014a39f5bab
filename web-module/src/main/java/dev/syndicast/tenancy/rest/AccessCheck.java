package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.AccessDeniedException;

import java.util.List;

/**
 * The second step of {@link ApiKeyFilter}: may this caller call this route, for the workspace it named. A tenant
 * header an agent key needs but did not send is 400; a workspace the credential may not act for, a key without one of
 * the route's scopes, and a route for the installation's operator called by anyone else are 403.
 */
final class AccessCheck {

    private AccessCheck() {
    }

    /** @return the caller, once allowed */
    static Caller authorise(Authentication authentication, RouteRules.Auth auth, List<String> scopes, boolean operatorOnly) {
        if (authentication.failure() != null) {
            throw switch (authentication.failure()) {
                case TENANT_HEADER_REQUIRED -> new InvalidInputException(authentication.detail());
                case TENANT_FORBIDDEN -> new AccessDeniedException(authentication.detail());
                case INVALID_CREDENTIAL -> new IllegalStateException("An invalid credential is refused by the credential check");
            };
        }
        Caller caller = authentication.caller();
        if (auth != RouteRules.Auth.API_KEY) {
            return caller;
        }
        if (!scopes.isEmpty() && scopes.stream().noneMatch(caller::has)) {
            throw new AccessDeniedException("This API key lacks the scope "
                    + String.join(" or ", scopes.stream().map(s -> "'" + s + "'").toList()) + " that this route requires");
        }
        if (operatorOnly && !caller.isOperator()) {
            throw new AccessDeniedException("Only the installation's operator (an admin key of the default workspace) may call this route");
        }
        return caller;
    }
}
