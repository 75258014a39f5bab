package dev.syndicast.accounts.control;

/**
 * A platform call that did not succeed. {@code permanent} separates a refusal that retrying will not change (the
 * platform answered 4xx other than 429: invalid_grant, revoked, wrong client) from an outage (5xx, 429, timeout).
 */
public class PlatformCallException extends RuntimeException {

    private final int status;
    private final boolean permanent;

    public PlatformCallException(String message, int status, boolean permanent) {
        super(message);
        this.status = status;
        this.permanent = permanent;
    }

    public int status() {
        return status;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
