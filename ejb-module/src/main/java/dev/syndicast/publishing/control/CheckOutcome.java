package dev.syndicast.publishing.control;

/** The answer to "does a post with this idempotency key exist on the platform?". */
public sealed interface CheckOutcome {

    record Found(String externalId, String url) implements CheckOutcome {
    }

    record NotFound() implements CheckOutcome {
    }

    /** The platform could not be asked (down, timed out): the outcome stays unknown. */
    record CannotTell(String reason) implements CheckOutcome {
    }
}
