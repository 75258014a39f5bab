package dev.syndicast.media.entity;

import dev.syndicast.core.entity.FieldRejectedException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Permission for exactly one PUT of a file into a workspace's library before {@code expiresAt}. The URL
 * carries the grant id, the expiry and an HMAC over both; the row makes the grant single-use:
 * {@link #CLAIM} sets {@code used_at} only where it is still null, so of two concurrent PUTs one wins.
 */
@Entity
@Table(name = "media_upload_grants")
@NamedQuery(name = UploadGrant.CLAIM,
        query = "update UploadGrant g set g.usedAt = :now where g.id = :id and g.usedAt is null and g.expiresAt > :now")
public class UploadGrant {

    public static final int MAX_FILENAME = 500;

    public static final String CLAIM = "UploadGrant.claim";

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "max_bytes", nullable = false, updatable = false)
    private long maxBytes;

    @Column(length = MAX_FILENAME, updatable = false)
    private String filename;

    @Column(name = "alt_text", columnDefinition = "text", updatable = false)
    private String altText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]", updatable = false)
    private String[] tags = new String[0];

    @Column(name = "folder_path", nullable = false, length = 500, updatable = false)
    private String folderPath = "";

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "media_item_id")
    private UUID mediaItemId;

    protected UploadGrant() {
        // JPA
    }

    public UploadGrant(UUID workspaceId, Instant expiresAt, long maxBytes, String filename,
                       MediaItem.Metadata metadata, Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("A grant must expire in the future");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (filename != null && filename.strip().length() > MAX_FILENAME) {
            // Checked here, not left to the column: a 900 KB name used to fail in PostgreSQL as a 500.
            throw new FieldRejectedException("filename", "must be at most " + MAX_FILENAME + " characters");
        }
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.expiresAt = expiresAt;
        this.maxBytes = maxBytes;
        this.filename = filename == null || filename.isBlank() ? null : filename.strip();
        MediaItem.Metadata m = metadata == null ? MediaItem.Metadata.NONE : metadata;
        this.altText = m.altText() == null || m.altText().isBlank() ? null : m.altText().strip();
        this.tags = Tags.normalize(m.tags());
        this.folderPath = FolderPath.normalize(m.folderPath());
        this.createdAt = now;
    }

    /** Why a claim that updated no row failed; the row itself was read after the claim. */
    public MediaRejectedException whyUnclaimable(Instant now) {
        if (usedAt != null) {
            return new MediaRejectedException(MediaRejectedException.Reason.ALREADY_USED,
                    "This upload URL has already been used; request a new one");
        }
        if (!expiresAt.isAfter(now)) {
            return new MediaRejectedException(MediaRejectedException.Reason.EXPIRED,
                    "This upload URL expired at " + expiresAt + "; request a new one");
        }
        throw new IllegalStateException("Grant " + id + " is claimable but the claim updated no row");
    }

    /** Links the claimed grant to the item its PUT created. */
    public void usedFor(UUID itemId) {
        if (usedAt == null) {
            throw new IllegalStateException("Grant " + id + " was not claimed");
        }
        this.mediaItemId = itemId;
    }

    public MediaItem.Metadata metadata() {
        return new MediaItem.Metadata(altText, List.of(tags), folderPath);
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public Instant getExpiresAt() { return expiresAt; }
    public long getMaxBytes() { return maxBytes; }
    public String getFilename() { return filename; }
    public Instant getUsedAt() { return usedAt; }
    public UUID getMediaItemId() { return mediaItemId; }
}
