package dev.syndicast.core.entity;

/** Syndicast cannot do it right now (a runtime it depends on refused): 503, try again later. */
public class UnavailableException extends DomainException {

    public UnavailableException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
