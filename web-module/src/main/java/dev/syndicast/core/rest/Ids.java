package dev.syndicast.core.rest;

import dev.syndicast.core.entity.NotFoundException;

import java.util.UUID;

/** Path ids: a malformed id names nothing, so it is a 404 like an unknown one (and says nothing more). */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what + " not found: " + id);
        }
    }
}
