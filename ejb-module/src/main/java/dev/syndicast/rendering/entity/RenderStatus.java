package dev.syndicast.rendering.entity;

import java.util.Locale;

/** A session's status values, as the video generation API shows them. */
public enum RenderStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public boolean isActive() {
        return this == QUEUED || this == PROCESSING;
    }

    /** @return the status for a wire value, or null when there is none */
    public static RenderStatus fromWire(String value) {
        for (RenderStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
