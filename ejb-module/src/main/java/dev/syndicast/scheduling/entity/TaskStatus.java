package dev.syndicast.scheduling.entity;

/** Life of a {@link ScheduledTask}. Only the entity's methods move a task between these states. */
public enum TaskStatus {
    /** Waiting for its run_at. */
    PENDING,
    /** Claimed by a dispatcher and handed to the queue. */
    DISPATCHED,
    /** Handler finished. */
    DONE,
    /** Gave up: attempts exhausted, dead-lettered or cancelled by the owner. */
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
