package dev.syndicast.publishing.control;

import java.time.Duration;

/**
 * What one publish call came to, as the exactly-once rules need it. The line that matters is between
 * {@link NotProcessed} and {@link Unknown}: only a call the platform provably did not act on may be repeated blindly;
 * any failure after the request may have reached the platform means "look the post up before sending again".
 */
public sealed interface PublishOutcome {

    /** The platform created the post. */
    record Published(String externalId, String url) implements PublishOutcome {
    }

    /**
     * The platform provably did not act on the call: nothing was sent (connection refused, DNS, TLS handshake,
     * connect timeout), 429 (with the platform's Retry-After, if any), 408, or an error code the platform documents as
     * "not processed". Repeated later without asking first.
     */
    record NotProcessed(String reason, Duration retryAfter) implements PublishOutcome {
    }

    /** The platform refused for good (a 4xx other than 408 and 429): repeating the call cannot help. */
    record Permanent(String reason) implements PublishOutcome {
    }

    /**
     * The call may have reached the platform: a 5xx, a timeout or a broken connection after sending, an answer that
     * cannot be read. The post may or may not exist; it is looked up before anything is sent again.
     */
    record Unknown(String reason) implements PublishOutcome {
    }
}
