package dev.syndicast.core.entity;

/** An entity refused a state change that its state machine does not allow. */
public class IllegalTransitionException extends ConflictException {

    public IllegalTransitionException(String entity, Object from, String action) {
        super(entity + " in state " + from + " cannot " + action);
    }
}
