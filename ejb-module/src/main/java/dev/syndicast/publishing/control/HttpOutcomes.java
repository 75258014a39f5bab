package dev.syndicast.publishing.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The exactly-once reading of HTTP failures that platforms answering with plain HTTP statuses share (Pinterest,
 * Reddit). {@code visible}: the call creates the post, so anything that may have reached the platform (a 5xx, a
 * timeout or a connection broken after sending) is {@link PublishOutcome.Unknown}; for the steps before it nothing
 * visible exists, and the same failures are simply tried again.
 */
final class HttpOutcomes {

    private HttpOutcomes() {
    }

    /**
     * An error answer: 401 a refused token; 429 waited out ({@code rateLimitWait}, without an attempt); 408 not
     * processed; 5xx unknown on the visible call, else not processed; any other 4xx a refusal with the platform's
     * {@code message} kept.
     */
    static PublishOutcome classify(String platform, HttpAnswer answer, String message, Duration rateLimitWait, String what,
                                   boolean visible) {
        int status = answer.status();
        String reason = what + " answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status == 401) {
            return new PublishOutcome.TokenRefused(platform + " refused the access token (revoked or expired): "
                    + (message.isEmpty() ? "HTTP 401" : message));
        }
        if (status == 429) {
            return new PublishOutcome.RateLimited(reason, rateLimitWait);
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500) {
            return visible ? new PublishOutcome.Unknown(reason)
                    : new PublishOutcome.NotProcessed(reason + " (nothing visible was created)", null);
        }
        return new PublishOutcome.Permanent(platform + " refused " + what + ": " + (message.isEmpty() ? "HTTP " + status : message));
    }

    /** A call that threw: never connected is not processed; after sending, the visible call's outcome is unknown. */
    static PublishOutcome exception(String platform, String what, IOException thrown, boolean visible) {
        if (thrown instanceof HttpConnectTimeoutException || thrown instanceof ConnectException) {
            return new PublishOutcome.NotProcessed(platform + " is not reachable: " + describe(thrown), null);
        }
        if (!visible) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): " + describe(thrown), null);
        }
        if (thrown instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + describe(thrown));
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
