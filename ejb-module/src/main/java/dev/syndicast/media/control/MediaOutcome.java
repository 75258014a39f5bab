package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;

/** The item an import or upload produced, and how: a new item, an existing one with the same bytes, or still running. */
public record MediaOutcome(MediaItem item, Disposition disposition) {

    public enum Disposition {
        /** A new item, ready. */
        CREATED,
        /** The workspace already had these bytes: this is that item, nothing new was stored. */
        EXISTING,
        /** The transfer continues in the background; poll the item. */
        ACCEPTED
    }
}
