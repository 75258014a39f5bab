package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.DomainException;

/** Wrong or missing credentials (401); the sentence never says which part was wrong. */
public class NotAuthenticatedException extends DomainException {

    public NotAuthenticatedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHORIZED;
    }
}
