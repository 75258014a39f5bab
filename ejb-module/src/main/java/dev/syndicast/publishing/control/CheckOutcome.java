package dev.syndicast.publishing.control;

/** The answer to "does the post of this job (found by its idempotency key or the platform's own lookup) exist?". */
public sealed interface CheckOutcome {

    record Found(String externalId, String url) implements CheckOutcome {
    }

    /**
     * The platform has the first part of a post made of several (a thread's first statuses) and the rest is still to
     * be sent: {@code state} records the parts found, as {@link PublishOutcome.InProgress} would, and the job
     * continues from it. The post exists, so the job never fails from here.
     */
    record FoundInPart(String state, String note) implements CheckOutcome {
    }

    /** The platform answered and has no such post: no earlier attempt created it. */
    record NotFound() implements CheckOutcome {
    }

    /** The platform could not be asked (down, timed out, an unreadable answer): the outcome stays unknown. */
    record CannotTell(String reason) implements CheckOutcome {
    }
}
