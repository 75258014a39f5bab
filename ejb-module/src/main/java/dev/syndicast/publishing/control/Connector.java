package dev.syndicast.publishing.control;

import java.util.concurrent.CompletableFuture;

/**
 * One platform's publishing API. {@code publish} and {@code check} are asynchronous so one listener keeps every call
 * of a delivery in flight at once over kept-alive connections; neither completes exceptionally (failures are
 * outcomes).
 *
 * <p>The exactly-once rule every connector follows: answer {@link PublishOutcome.NotProcessed} only when the platform
 * provably did not act on the call (nothing was sent, 429, 408, a code its documentation calls "not processed");
 * anything that may have reached it (5xx, a timeout or reset after sending, an unreadable answer) is
 * {@link PublishOutcome.Unknown}, and the next step is {@code check}, which finds the post by the job's idempotency
 * key or the platform's own lookup. {@code check} answers {@link CheckOutcome.NotFound} only when the platform said
 * so; a failure to ask is {@link CheckOutcome.CannotTell}.
 */
public interface Connector {

    /** Whether this connector publishes for the account (its platform, or the service it is connected through). */
    boolean serves(String platform, String serviceUrl);

    CompletableFuture<PublishOutcome> publish(PublishRequest request);

    CompletableFuture<CheckOutcome> check(PublishRequest request);

    /** Removes a published post; false when the platform no longer has it. */
    boolean delete(PublishRequest request, String externalId);
}
