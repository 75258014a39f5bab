package dev.syndicast.scheduling.control;

import jakarta.ejb.ApplicationException;

/** A handler's expected failure. The task records it and retries unless it is permanent. */
@ApplicationException(rollback = false)
public class TaskFailedException extends Exception {

    private final boolean permanent;

    private TaskFailedException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    /** Worth another attempt later (timeouts, 5xx, rate limits). */
    public static TaskFailedException transientFailure(String message) {
        return new TaskFailedException(message, false);
    }

    /** Will fail the same way every time (bad input, 4xx). */
    public static TaskFailedException permanent(String message) {
        return new TaskFailedException(message, true);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
