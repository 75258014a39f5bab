package dev.syndicast.media.entity;

import java.util.Locale;

/** The media types of the external API v1. GIF is its own kind because platforms treat animated GIFs apart from images. */
public enum MediaKind {
    VIDEO, IMAGE, GIF;

    public static MediaKind ofMimeType(String mimeType) {
        String type = mimeType.toLowerCase(Locale.ROOT);
        if (type.equals("image/gif")) {
            return GIF;
        }
        if (type.startsWith("image/")) {
            return IMAGE;
        }
        if (type.startsWith("video/")) {
            return VIDEO;
        }
        throw new IllegalArgumentException("Not a media type: " + mimeType);
    }
}
