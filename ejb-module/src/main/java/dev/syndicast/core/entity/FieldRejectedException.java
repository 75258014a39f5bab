package dev.syndicast.core.entity;

/**
 * A value that parses but cannot be accepted (a NUL character, a date out of range, a string longer than its
 * column): 422 naming the field as it is written on the wire, so the caller knows what to fix.
 */
public class FieldRejectedException extends DomainException {

    private final String field;
    private final String reason;

    public FieldRejectedException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    @Override
    public Kind kind() {
        return Kind.UNPROCESSABLE;
    }
}
