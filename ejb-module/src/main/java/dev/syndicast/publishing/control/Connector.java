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
 * so; a failure to ask is {@link CheckOutcome.CannotTell}. A 429 that says when the limit resets is
 * {@link PublishOutcome.RateLimited}: waited out without using up an attempt.
 *
 * <p>Multi-step publishes (upload media and wait for processing, create a container and wait for it, upload video
 * parts) take one step per call and never wait in a thread. After a step whose result must survive a restart, the
 * connector answers {@link PublishOutcome.InProgress} with its state (the platform-side ids so far, as a short JSON
 * text of its own design) and when to look again; the job stores the state before anything else is sent and goes
 * back to the dispatcher, and the next attempt's {@link PublishRequest#platformState()} carries it back, on this
 * instance or another after a crash. The steps before the final create call must leave nothing visible (an unattached
 * media upload, an unpublished container); the final call follows the exactly-once rule above like any single call,
 * and {@code check} may use the state (e.g. the media ids a found post must carry). When a stored step can no longer
 * succeed (processing failed, the upload expired) the connector answers {@link PublishOutcome.StartOver}: the state is
 * dropped and the job starts from the first step as one more attempt. A connector bounds how long it waits for a step
 * (it answers {@code StartOver} past its deadline), so a job never polls forever.
 *
 * <p>A post made of several visible calls (a thread: the first status, then each part as a reply) stores each created
 * part the same way before sending the next. Once the first part exists the job must not fail: {@code check} answers
 * {@link CheckOutcome.FoundInPart} with the parts it found (the job continues from them), and a later part refused
 * for good is {@link PublishOutcome.PublishedInPart}.
 */
public interface Connector {

    /** Whether this connector publishes for the account (its platform, or the service it is connected through). */
    boolean serves(String platform, String serviceUrl);

    /**
     * Whether this connector uploads the media files themselves (read from the media library) instead of handing the
     * platform their URLs; the posts boundary then refuses media outside the library before anything is queued.
     */
    default boolean uploadsFiles() {
        return false;
    }

    CompletableFuture<PublishOutcome> publish(PublishRequest request);

    CompletableFuture<CheckOutcome> check(PublishRequest request);

    /** Removes a published post; false when the platform no longer has it. */
    boolean delete(PublishRequest request, String externalId);
}
