package dev.syndicast.core.entity;

public class InvalidInputException extends DomainException {

    public InvalidInputException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
