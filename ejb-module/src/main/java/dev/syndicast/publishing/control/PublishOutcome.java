package dev.syndicast.publishing.control;

import java.time.Duration;

/** What one publish call (or check) came to, as the retry rules need it. */
public sealed interface PublishOutcome {

    /** The platform created the post. */
    record Published(String externalId, String url) implements PublishOutcome {
    }

    /** Worth trying again later: 5xx, 429 (with the platform's Retry-After, if any), or nothing was sent. */
    record Transient(String reason, Duration retryAfter) implements PublishOutcome {
    }

    /** The platform refused for good (4xx other than 429), or there is nothing to publish with. */
    record Permanent(String reason) implements PublishOutcome {
    }

    /** The request was sent but no answer came: the post may or may not exist. */
    record Unknown(String reason) implements PublishOutcome {
    }
}
