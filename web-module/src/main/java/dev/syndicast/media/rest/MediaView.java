package dev.syndicast.media.rest;

import dev.syndicast.media.entity.MediaItem;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An item on the wire. {@code storage_path} is what posts take as {@code media_url}; the URLs are
 * this server's routes for the bytes.
 */
public record MediaView(UUID id, String type, String status, String storagePath, String mediaUrl, String downloadUrl,
                        String thumbnailUrl, String mimeType, Long sizeBytes, String checksumSha256, String sourceUrl,
                        String originalFilename, String altText, List<String> tags, String folderPath, String error,
                        UUID duplicateOf, UUID importTaskId, Double durationSeconds, Integer width, Integer height,
                        Double frameRate, String videoCodec, String audioCodec, Long bitrate, Instant createdAt,
                        Instant updatedAt) {

    static final String BASE = "/api/external/v1/media-library/";

    static MediaView of(MediaItem m) {
        var facts = m.facts();
        boolean ready = m.isReady();
        return new MediaView(m.getId(),
                m.getKind() == null ? null : m.getKind().name().toLowerCase(Locale.ROOT),
                m.getStatus().name().toLowerCase(Locale.ROOT),
                m.getStoragePath(), ready ? m.getStoragePath() : null,
                ready ? BASE + m.getId() + "/download" : null,
                ready && m.getThumbnailPath() != null ? BASE + m.getId() + "/thumbnail" : null,
                m.getMimeType(), m.getSizeBytes(), m.getChecksumSha256(), m.getSourceUrl(), m.getOriginalFilename(),
                m.getAltText(), m.getTags(), m.getFolderPath(), m.getError(), m.getDuplicateOf(), m.getImportTaskId(),
                facts.durationSeconds(), facts.width(), facts.height(), facts.frameRate(), facts.videoCodec(),
                facts.audioCodec(), facts.bitrate(), m.getCreatedAt(), m.getUpdatedAt());
    }
}
