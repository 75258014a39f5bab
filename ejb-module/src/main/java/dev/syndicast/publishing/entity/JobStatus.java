package dev.syndicast.publishing.entity;

import java.util.Locale;

/** Life of a {@link PublishJob}. */
public enum JobStatus {
    /** Waiting for run_at (first attempt or a retry). */
    PENDING,
    /** Claimed by a dispatcher; its message is on the publish queue. */
    DISPATCHED,
    /** A publish call is (or was, if the instance died) under way. */
    PUBLISHING,
    /** A call timed out after it was sent: the platform must be asked before anything is repeated. */
    OUTCOME_UNKNOWN,
    PUBLISHED,
    FAILED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == PUBLISHED || this == FAILED || this == CANCELLED;
    }
}
