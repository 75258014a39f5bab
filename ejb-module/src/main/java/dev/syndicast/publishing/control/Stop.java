package dev.syndicast.publishing.control;

/**
 * An outcome thrown from deep inside a connector's step (a refused token after its one renewal, a rate limit, a
 * refused upload) to end the step with it. No stack trace: it is control flow, not an error.
 */
final class Stop extends Exception {

    final transient PublishOutcome outcome;

    Stop(PublishOutcome outcome) {
        super(outcome.toString(), null, false, false);
        this.outcome = outcome;
    }
}
