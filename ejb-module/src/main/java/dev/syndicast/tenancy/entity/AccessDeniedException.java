package dev.syndicast.tenancy.entity;

import dev.syndicast.core.entity.DomainException;

/** The caller is known but may not do this (403). */
public class AccessDeniedException extends DomainException {

    public AccessDeniedException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }
}
