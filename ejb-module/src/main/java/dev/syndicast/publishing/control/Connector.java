package dev.syndicast.publishing.control;

import java.util.concurrent.CompletableFuture;

/**
 * One platform's publishing API. {@code publish} is asynchronous so one listener can keep many calls in flight
 * over kept-alive connections; it never completes exceptionally (failures are outcomes). {@code check} finds a
 * post by the job's idempotency key (or the platform's recent posts) after a call whose outcome is unknown.
 */
public interface Connector {

    /** Whether this connector publishes for the account (its platform, or the service it is connected through). */
    boolean serves(String platform, String serviceUrl);

    CompletableFuture<PublishOutcome> publish(PublishRequest request);

    CheckOutcome check(PublishRequest request);

    /** Removes a published post; false when the platform no longer has it. */
    boolean delete(PublishRequest request, String externalId);
}
