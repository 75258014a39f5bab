package dev.syndicast.media.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One asset of a workspace's library. Its status moves only forward:
 * {@code UPLOADING -> PROCESSING -> READY}, or to {@code FAILED} with a reason from either of the first two.
 * The bytes live in {@link dev.syndicast.media.control.MediaStorage} under a content-addressed path, so
 * duplicates inside a workspace share one file.
 * <p>
 * The list queries take the tag filter as a flag plus a never-null tag: a null bound into {@code array_contains}
 * has no SQL type, and PostgreSQL then finds no matching operator.
 */
@Entity
@Table(name = "media_items")
@NamedQuery(name = MediaItem.FIND_IN_WORKSPACE,
        query = "select m from MediaItem m where m.id = :id and m.workspaceId = :workspace")
@NamedQuery(name = MediaItem.FIND_ALL_IN_WORKSPACE,
        query = "select m from MediaItem m where m.workspaceId = :workspace and m.id in :ids")
@NamedQuery(name = MediaItem.FIND_READY_BY_CHECKSUM,
        query = "select m from MediaItem m where m.workspaceId = :workspace and m.checksumSha256 = :checksum"
                + " and m.status = dev.syndicast.media.entity.MediaStatus.READY and m.duplicateOf is null order by m.createdAt")
@NamedQuery(name = MediaItem.FIND_READY_BY_STORAGE_PATH,
        query = "select m from MediaItem m where m.workspaceId = :workspace and m.storagePath = :path"
                + " and m.status = dev.syndicast.media.entity.MediaStatus.READY order by m.createdAt")
@NamedQuery(name = MediaItem.COUNT_USERS_OF_PATH,
        query = "select count(m) from MediaItem m where m.workspaceId = :workspace and m.storagePath = :path and m.id <> :except")
@NamedQuery(name = MediaItem.LIST_FILTERED,
        query = "select m from MediaItem m where m.workspaceId = :workspace"
                + " and (:folder is null or m.folderPath = :folder)"
                + " and (:anyTag = true or array_contains(m.tags, :tag))"
                + " and (:status is null or m.status = :status)"
                + " and (:kind is null or m.kind = :kind)"
                + " order by m.createdAt desc, m.id")
@NamedQuery(name = MediaItem.COUNT_FILTERED,
        query = "select count(m) from MediaItem m where m.workspaceId = :workspace"
                + " and (:folder is null or m.folderPath = :folder)"
                + " and (:anyTag = true or array_contains(m.tags, :tag))"
                + " and (:status is null or m.status = :status)"
                + " and (:kind is null or m.kind = :kind)")
@NamedQuery(name = MediaItem.FIND_STALE_TRANSFERS,
        query = "select m from MediaItem m where m.status in (dev.syndicast.media.entity.MediaStatus.UPLOADING,"
                + " dev.syndicast.media.entity.MediaStatus.PROCESSING) and m.importTaskId is null and m.updatedAt < :cutoff")
public class MediaItem {

    public static final String FIND_IN_WORKSPACE = "MediaItem.findInWorkspace";
    public static final String FIND_ALL_IN_WORKSPACE = "MediaItem.findAllInWorkspace";
    public static final String FIND_READY_BY_CHECKSUM = "MediaItem.findReadyByChecksum";
    public static final String FIND_READY_BY_STORAGE_PATH = "MediaItem.findReadyByStoragePath";
    public static final String COUNT_USERS_OF_PATH = "MediaItem.countUsersOfPath";
    public static final String LIST_FILTERED = "MediaItem.listFiltered";
    public static final String COUNT_FILTERED = "MediaItem.countFiltered";
    public static final String FIND_STALE_TRANSFERS = "MediaItem.findStaleTransfers";
    static final int MAX_ERROR_LENGTH = 2000;
    static final int MAX_ALT_TEXT = 2000;

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private MediaKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MediaStatus status;

    @Column(name = "storage_path", length = 500)
    private String storagePath;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "checksum_sha256", length = 64)
    private String checksumSha256;

    @Column(name = "mime_type", length = 100)
    private String mimeType;

    @Column(name = "source_url", columnDefinition = "text")
    private String sourceUrl;

    @Column(name = "original_filename", length = 500)
    private String originalFilename;

    @Column(name = "alt_text", columnDefinition = "text")
    private String altText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] tags = new String[0];

    @Column(name = "folder_path", nullable = false, length = 500)
    private String folderPath = "";

    @Column(columnDefinition = "text")
    private String error;

    @Column(name = "duplicate_of")
    private UUID duplicateOf;

    @Column(name = "import_task_id")
    private UUID importTaskId;

    @Column(name = "duration_seconds")
    private Double durationSeconds;

    private Integer width;

    private Integer height;

    @Column(name = "frame_rate")
    private Double frameRate;

    @Column(name = "video_codec", length = 64)
    private String videoCodec;

    @Column(name = "audio_codec", length = 64)
    private String audioCodec;

    private Long bitrate;

    @Column(name = "thumbnail_path", length = 500)
    private String thumbnailPath;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected MediaItem() {
        // JPA
    }

    private MediaItem(UUID workspaceId, String sourceUrl, String originalFilename, Metadata metadata, Instant now) {
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.sourceUrl = sourceUrl;
        this.originalFilename = originalFilename == null ? null : truncate(originalFilename, 500);
        this.status = MediaStatus.UPLOADING;
        this.createdAt = now;
        this.updatedAt = now;
        describe(metadata, now);
    }

    /** Caller-supplied organisation of an item; null fields mean "leave as is". */
    public record Metadata(String altText, List<String> tags, String folderPath) {

        public static final Metadata NONE = new Metadata(null, null, null);
    }

    /** An item whose bytes will be fetched from {@code sourceUrl}. */
    public static MediaItem importing(UUID workspaceId, String sourceUrl, Metadata metadata, Instant now) {
        return new MediaItem(workspaceId, Objects.requireNonNull(sourceUrl, "sourceUrl"), fileNameOf(sourceUrl), metadata, now);
    }

    /** An item whose bytes arrive in a request (multipart upload or signed PUT). */
    public static MediaItem uploading(UUID workspaceId, String originalFilename, Metadata metadata, Instant now) {
        return new MediaItem(workspaceId, null, originalFilename, metadata, now);
    }

    /** The import continues in a background task; the item can be polled until it is final. */
    public void continueInBackground(UUID taskId, Instant now) {
        requireStatus(MediaStatus.UPLOADING, "continue in the background");
        this.importTaskId = Objects.requireNonNull(taskId, "taskId");
        this.updatedAt = now;
    }

    /** All bytes are stored; probing starts. */
    public void contentStored(StoredContent content, Instant now) {
        requireStatus(MediaStatus.UPLOADING, "receive content");
        this.storagePath = content.storagePath();
        this.sizeBytes = content.sizeBytes();
        this.checksumSha256 = content.checksumSha256();
        this.mimeType = content.mimeType();
        this.kind = MediaKind.ofMimeType(content.mimeType());
        this.error = null;
        this.status = MediaStatus.PROCESSING;
        this.updatedAt = now;
    }

    /** Probing is over (whatever it found); the item is usable. */
    public void ready(ProbeFacts facts, String thumbnailPath, Instant now) {
        requireStatus(MediaStatus.PROCESSING, "become ready");
        applyFacts(facts == null ? ProbeFacts.NONE : facts);
        this.thumbnailPath = thumbnailPath;
        this.status = MediaStatus.READY;
        this.updatedAt = now;
    }

    /**
     * A background import turned out to hold bytes the workspace already has: this item becomes ready on
     * the original's file and facts, and says which item it duplicates. (Synchronous imports return the
     * original instead and never keep a second item.)
     */
    public void readyAsDuplicateOf(MediaItem original, Instant now) {
        requireStatus(MediaStatus.UPLOADING, "become a duplicate");
        if (!original.workspaceId.equals(workspaceId) || original.status != MediaStatus.READY) {
            throw new IllegalArgumentException("The original must be a ready item of the same workspace");
        }
        this.storagePath = original.storagePath;
        this.sizeBytes = original.sizeBytes;
        this.checksumSha256 = original.checksumSha256;
        this.mimeType = original.mimeType;
        this.kind = original.kind;
        this.thumbnailPath = original.thumbnailPath;
        applyFacts(original.facts());
        this.duplicateOf = original.id;
        this.error = null;
        this.status = MediaStatus.READY;
        this.updatedAt = now;
    }

    /** The transfer or processing failed for good; the reason is kept for the caller. */
    public void fail(String reason, Instant now) {
        if (status.isFinal()) {
            throw new IllegalTransitionException("Media item", status, "fail");
        }
        this.error = truncate(Objects.requireNonNullElse(reason, "unknown failure"), MAX_ERROR_LENGTH);
        this.storagePath = null;
        this.thumbnailPath = null;
        this.status = MediaStatus.FAILED;
        this.updatedAt = now;
    }

    /** A background attempt failed but will be retried: the item stays in transfer and shows the last error. */
    public void attemptFailed(String reason, Instant now) {
        requireStatus(MediaStatus.UPLOADING, "record a failed attempt");
        this.error = truncate(Objects.requireNonNullElse(reason, "unknown failure"), MAX_ERROR_LENGTH);
        this.updatedAt = now;
    }

    /** Updates alt text, tags and folder; null fields stay as they are. Allowed in every status. */
    public void describe(Metadata metadata, Instant now) {
        if (metadata == null) {
            return;
        }
        if (metadata.altText() != null) {
            String alt = metadata.altText().strip();
            if (alt.length() > MAX_ALT_TEXT) {
                throw new dev.syndicast.core.entity.InvalidInputException("alt_text must be at most " + MAX_ALT_TEXT + " characters");
            }
            this.altText = alt.isEmpty() ? null : alt;
        }
        if (metadata.tags() != null) {
            this.tags = Tags.normalize(metadata.tags());
        }
        if (metadata.folderPath() != null) {
            this.folderPath = FolderPath.normalize(metadata.folderPath());
        }
        this.updatedAt = now;
    }

    public ProbeFacts facts() {
        return new ProbeFacts(durationSeconds, width, height, frameRate, videoCodec, audioCodec, bitrate);
    }

    private void applyFacts(ProbeFacts facts) {
        this.durationSeconds = facts.durationSeconds();
        this.width = facts.width();
        this.height = facts.height();
        this.frameRate = facts.frameRate();
        this.videoCodec = facts.videoCodec() == null ? null : truncate(facts.videoCodec(), 64);
        this.audioCodec = facts.audioCodec() == null ? null : truncate(facts.audioCodec(), 64);
        this.bitrate = facts.bitrate();
    }

    private void requireStatus(MediaStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransitionException("Media item", status, action);
        }
    }

    private static String fileNameOf(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? null : name;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public MediaKind getKind() { return kind; }
    public MediaStatus getStatus() { return status; }
    public String getStoragePath() { return storagePath; }
    public Long getSizeBytes() { return sizeBytes; }
    public String getChecksumSha256() { return checksumSha256; }
    public String getMimeType() { return mimeType; }
    public String getSourceUrl() { return sourceUrl; }
    public String getOriginalFilename() { return originalFilename; }
    public String getAltText() { return altText; }
    public List<String> getTags() { return List.of(tags == null ? new String[0] : Arrays.copyOf(tags, tags.length)); }
    public String getFolderPath() { return folderPath; }
    public String getError() { return error; }
    public UUID getDuplicateOf() { return duplicateOf; }
    public UUID getImportTaskId() { return importTaskId; }
    public String getThumbnailPath() { return thumbnailPath; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public boolean isReady() { return status == MediaStatus.READY; }
}
