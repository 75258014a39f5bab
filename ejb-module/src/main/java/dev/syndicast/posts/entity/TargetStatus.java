package dev.syndicast.posts.entity;

import java.util.Locale;

/** Life of one {@link PostTarget}: the post on one account of one platform. */
public enum TargetStatus {
    DRAFT, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == PUBLISHED || this == FAILED || this == CANCELLED;
    }
}
