package dev.syndicast.media.entity;

/** Where an item is in its life: bytes arriving, being probed, usable, or given up on (with a reason). */
public enum MediaStatus {
    UPLOADING, PROCESSING, READY, FAILED;

    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
