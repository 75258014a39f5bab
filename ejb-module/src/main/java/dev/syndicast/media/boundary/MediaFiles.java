package dev.syndicast.media.boundary;

import dev.syndicast.media.control.MediaStorage;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaStatus;
import dev.syndicast.media.entity.ProbeFacts;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;
import java.util.UUID;

/**
 * The media library as a publisher sees it: whether an item a post names can be sent now, and how to open its
 * bytes. Other capabilities ask here instead of reading media items themselves, so what "ready" means stays the
 * library's to say. Only the workspace's own items are described; another workspace's item is unavailable.
 */
@Stateless
public class MediaFiles {

    @PersistenceContext
    EntityManager em;

    @Inject
    MediaStorage storage;

    /** Whether an item can be sent. */
    public enum Readiness {
        /** Stored and probed: its bytes can be opened. */
        READY,
        /** Still arriving or being probed: worth asking again a little later. */
        IMPORTING,
        /** Not in the workspace's library, or its import failed for good. */
        UNAVAILABLE
    }

    /**
     * One item as a publisher needs it: its readiness, why its import failed (null otherwise), its type, and a way to
     * read its bytes (null unless ready); size, file name and alt text for platforms that take an upload; the probed
     * duration of a video (null when unknown), for platforms whose length limit depends on the account;
     * {@code thumbnail} opens the JPEG the library cut from a video's first frame (null for images, or when ffmpeg
     * could not cut one), for platforms that want a poster image with a video.
     */
    public record MediaFile(UUID id, Readiness readiness, String error, String mimeType, MediaContent.Opener opener,
                            long size, String fileName, String altText, Double durationSeconds, MediaContent.Opener thumbnail) {

        /** An item that cannot be sent: nothing to upload. */
        public MediaFile(UUID id, Readiness readiness, String error, String mimeType, MediaContent.Opener opener) {
            this(id, readiness, error, mimeType, opener, 0, null, null, null, null);
        }

        /** A ready item without a known duration or a thumbnail. */
        public MediaFile(UUID id, Readiness readiness, String error, String mimeType, MediaContent.Opener opener,
                         long size, String fileName, String altText) {
            this(id, readiness, error, mimeType, opener, size, fileName, altText, null, null);
        }
    }

    /**
     * What a connector uploads for a ready item: type, length, alt text, the probed pixel size (null when unknown) and
     * a way to stream the bytes (never read whole: videos are large).
     */
    public record Sendable(UUID id, String mimeType, long size, String altText, Integer width, Integer height,
                           MediaContent.Opener opener) {
    }

    /** The workspace's ready item by id, as a connector sends it; empty when it is not ready or not the workspace's. */
    public Optional<Sendable> sendable(UUID workspaceId, UUID id) {
        MediaItem item = em.find(MediaItem.class, id);
        if (item == null || !item.getWorkspaceId().equals(workspaceId) || !item.isReady()) {
            return Optional.empty();
        }
        String key = item.getStoragePath();
        ProbeFacts facts = item.facts();
        return Optional.of(new Sendable(id, item.getMimeType(), item.getSizeBytes() == null ? -1 : item.getSizeBytes(),
                item.getAltText(), facts.width(), facts.height(), () -> storage.open(key)));
    }

    /** The workspace's item by id, in the caller's transaction. */
    public MediaFile file(UUID workspaceId, UUID id) {
        return describe(workspaceId, id, em.find(MediaItem.class, id), storage);
    }

    static MediaFile describe(UUID workspaceId, UUID id, MediaItem item, MediaStorage storage) {
        if (item == null || !item.getWorkspaceId().equals(workspaceId)) {
            return new MediaFile(id, Readiness.UNAVAILABLE, null, null, null);
        }
        if (item.getStatus() == MediaStatus.FAILED) {
            return new MediaFile(id, Readiness.UNAVAILABLE, item.getError(), item.getMimeType(), null);
        }
        if (!item.isReady()) {
            return new MediaFile(id, Readiness.IMPORTING, null, item.getMimeType(), null);
        }
        String key = item.getStoragePath();
        String thumbnailKey = item.getThumbnailPath();
        return new MediaFile(id, Readiness.READY, null, item.getMimeType(), () -> storage.open(key),
                item.getSizeBytes() == null ? -1 : item.getSizeBytes(), item.getOriginalFilename(), item.getAltText(),
                item.facts().durationSeconds(), thumbnailKey == null ? null : () -> storage.open(thumbnailKey));
    }
}
