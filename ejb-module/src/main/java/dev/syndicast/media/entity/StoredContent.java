package dev.syndicast.media.entity;

import java.util.Objects;

/** The bytes of an item as stored: where, how many, their SHA-256 and their sniffed MIME type. */
public record StoredContent(String storagePath, long sizeBytes, String checksumSha256, String mimeType) {

    public StoredContent {
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(checksumSha256, "checksumSha256");
        Objects.requireNonNull(mimeType, "mimeType");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes < 0");
        }
    }
}
