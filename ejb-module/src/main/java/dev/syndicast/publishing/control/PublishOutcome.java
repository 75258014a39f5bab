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
     * The post exists, but not all of it: a thread whose first status was created and a later part refused for good.
     * Published (the external id is the first part's), and the owner is told what is missing.
     */
    record PublishedInPart(String externalId, String url, String reason) implements PublishOutcome {
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
     * The platform refused the account's access token (401: revoked or expired) and did not act on the call: the job
     * fails, and the account is marked for reconnecting.
     */
    record TokenRefused(String reason) implements PublishOutcome {
    }

    /**
     * The call may have reached the platform: a 5xx, a timeout or a broken connection after sending, an answer that
     * cannot be read. The post may or may not exist; it is looked up before anything is sent again.
     */
    record Unknown(String reason) implements PublishOutcome {
    }

    /**
     * The platform said to slow down and that it did not act on the call (a 429 with the time its limit resets):
     * tried again after {@code retryAfter} without using up an attempt, since waiting out a limit is not a failure.
     * A wait the platform sends is capped ({@code syndicast.publishing.max-retry-after}), so a hostile value cannot park
     * a post for days; {@code documentedReset} marks a wait the connector computed itself from a reset time the
     * platform documents (YouTube's daily quota, reset at midnight Pacific time), which is waited out whole.
     */
    record RateLimited(String reason, Duration retryAfter, boolean documentedReset) implements PublishOutcome {

        /** A wait the platform sent (capped). */
        public RateLimited(String reason, Duration retryAfter) {
            this(reason, retryAfter, false);
        }
    }

    /**
     * One step of a multi-step publish is done and nothing visible exists yet: {@code state} is the connector's note of
     * where it stands (platform-side ids: uploaded media, a container), stored with the job before the next call, and
     * {@code checkAgainIn} is when to take the next step. The next attempt's request carries the state back.
     */
    record InProgress(String state, Duration checkAgainIn, String note) implements PublishOutcome {
    }

    /**
     * A stored step can no longer succeed (media processing failed, an upload or container expired) and nothing
     * visible was created: the state is dropped and the job starts from the first step, as one more attempt.
     */
    record StartOver(String reason) implements PublishOutcome {
    }
}
