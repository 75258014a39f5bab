package dev.syndicast.media.boundary;

import java.time.Instant;
import java.util.UUID;

/** An issued upload URL: {@code path} is relative to the server's base URL and carries expiry and signature. */
public record SignedUpload(UUID id, String path, Instant expiresAt, long maxBytes) {
}
