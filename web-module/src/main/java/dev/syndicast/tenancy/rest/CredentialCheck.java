package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.boundary.ApiKeys;
import dev.syndicast.tenancy.boundary.Sessions;
import dev.syndicast.tenancy.control.Authentication;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.tenancy.control.OrgHeader;
import dev.syndicast.tenancy.entity.CredentialRequiredException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The first step of {@link ApiKeyFilter}: who is calling. Reads the credential and the tenant header, refuses what
 * cannot be a caller of this route (malformed headers 400, no or the wrong kind of credential 401, an address
 * throttled for guessing 429) and asks the key or session store. The answer may still name a tenant failure, which
 * the next step ({@link AccessCheck}) turns into its reply.
 */
@ApplicationScoped
public class CredentialCheck {

    /** The request's headers that authenticate it, as sent, and the address it came from. */
    public record Credentials(String authorization, String apiKey, String orgId, String address) {
    }

    @Inject
    ApiKeys apiKeys;

    @Inject
    Sessions sessions;

    @Inject
    KeyGuessing keyGuessing;

    /** @return the store's answer for a well-formed credential: a caller, or a tenant failure */
    Authentication authenticate(RouteRules.Auth auth, Credentials request) {
        Optional<OrgHeader> org = OrgHeader.parse(request.orgId());
        String credential = credential(request).orElseThrow(() -> new CredentialRequiredException(auth == RouteRules.Auth.SESSION
                ? "Missing session: log in with POST /api/external/v1/auth/login and send 'Authorization: Bearer <token>'"
                : "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'"));
        keyGuessing.refuseWhileBlocked(request.address());
        boolean sessionToken = KeyGenerator.looksLikeSessionToken(credential);
        if (auth == RouteRules.Auth.SESSION && !sessionToken) {
            throw new CredentialRequiredException("This route needs a logged-in person's session token, not an API key");
        }
        if (auth == RouteRules.Auth.API_KEY && sessionToken) {
            throw new CredentialRequiredException("This route needs an API key; a session only manages keys and the password");
        }
        Authentication result = sessionToken ? sessions.authenticate(credential, org) : apiKeys.authenticate(credential, org);
        if (result.failure() == Authentication.Failure.INVALID_CREDENTIAL) {
            keyGuessing.countInvalid(request.address());
            throw new CredentialRequiredException(sessionToken ? "Invalid, expired or ended session" : "Invalid, revoked or expired API key");
        }
        return result;
    }

    /**
     * The credential, from {@code Authorization: Bearer} or {@code x-api-key}. An Authorization header with another
     * scheme is a malformed request (400), not a missing key: the caller should learn what to fix.
     */
    static Optional<String> credential(Credentials request) {
        String authorization = request.authorization();
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new InvalidInputException("Authorization header must be 'Bearer <key>'");
            }
            String key = authorization.substring(7).strip();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String header = request.apiKey();
        return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
    }
}
