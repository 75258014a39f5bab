package dev.syndicast.media.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.Locale;

/** Which tree a content folder belongs to ({@code ?scope=posts|media} on the external API v1). */
public enum FolderScope {
    POSTS, MEDIA;

    public static FolderScope parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("scope is required: posts or media");
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "posts" -> POSTS;
            case "media" -> MEDIA;
            default -> throw new InvalidInputException("scope must be posts or media, not '" + raw + "'");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
