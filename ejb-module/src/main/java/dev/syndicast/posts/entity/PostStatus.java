package dev.syndicast.posts.entity;

import java.util.Locale;

/** Life of a {@link Post} (the external API v1's statuses, less the approval ones that come with review). */
public enum PostStatus {
    DRAFT, SCHEDULED, PUBLISHING, PUBLISHED, PARTIALLY_PUBLISHED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PostStatus fromWire(String value) {
        return value == null ? null : valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    /** Nothing will happen to the post any more unless someone acts on it. */
    public boolean isSettled() {
        return this == PUBLISHED || this == PARTIALLY_PUBLISHED || this == FAILED || this == CANCELLED;
    }
}
