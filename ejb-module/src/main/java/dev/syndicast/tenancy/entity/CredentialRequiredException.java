package dev.syndicast.tenancy.entity;

/**
 * A route that needs a credential got none it can use: missing, of the wrong kind (a session token where an API key
 * is needed, or the reverse), or unknown, revoked or expired (401). Unlike a failed login, the reply challenges the
 * caller to send one, so HTTP clients know which scheme to use.
 */
public class CredentialRequiredException extends NotAuthenticatedException {

    public CredentialRequiredException(String message) {
        super(message);
    }
}
