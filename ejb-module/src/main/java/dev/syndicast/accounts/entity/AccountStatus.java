package dev.syndicast.accounts.entity;

import java.util.Locale;

/** A connected account's states, as the external API v1 shows them. */
public enum AccountStatus {
    ACTIVE, TOKEN_EXPIRED, DISCONNECTED, RATE_LIMITED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromWire(String value) {
        for (AccountStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new dev.syndicast.core.entity.InvalidInputException(
                "status must be one of active, token_expired, disconnected, rate_limited");
    }
}
