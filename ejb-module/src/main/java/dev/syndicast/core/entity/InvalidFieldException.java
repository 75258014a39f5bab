package dev.syndicast.core.entity;

/**
 * A member of a request body that is malformed or of the wrong shape where the route reads its body member by member
 * (an unknown member, a nested calendar where a flat one belongs, an hour like 25:00): 400, naming the field as it is
 * written on the wire in {@code fields}, like the 422 of {@link FieldRejectedException}.
 */
public class InvalidFieldException extends FieldRejectedException {

    public InvalidFieldException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
