package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.media.control.MediaComponents;
import dev.syndicast.media.control.MediaFetcher;
import dev.syndicast.media.control.MediaProber;
import dev.syndicast.media.control.MediaRecords;
import dev.syndicast.media.control.MediaSettings;
import dev.syndicast.media.control.MediaStorage;
import dev.syndicast.media.control.MediaUsage;
import dev.syndicast.media.control.MultipartForm;
import dev.syndicast.media.control.StagedFile;
import dev.syndicast.media.control.UploadSigner;
import dev.syndicast.media.control.UrlGuard;
import dev.syndicast.media.entity.FolderPath;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaKind;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import dev.syndicast.media.entity.MediaStatus;
import dev.syndicast.media.entity.ProbeFacts;
import dev.syndicast.media.entity.StoredContent;
import dev.syndicast.media.entity.UploadGrant;
import dev.syndicast.scheduling.control.TaskFailedException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The media library's facade. Every method takes the caller's workspace and touches only its items; another
 * workspace's item is "not found". Transfers run outside any transaction ({@link MediaRecords} commits each
 * step), so a long download holds no connection and a failure still leaves the item marked FAILED.
 */
@Stateless
public class MediaLibrary {

    private static final Logger LOG = Logger.getLogger(MediaLibrary.class.getName());
    /** The largest page of media items. */
    public static final int MAX_LIMIT = 100;
    public static final int MAX_BULK_IDS = 500;
    /** Room for boundaries, part headers and small fields around the file in a multipart body. */
    static final long MULTIPART_OVERHEAD = 256 * 1024;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MediaSettings settings;

    @Inject
    MediaComponents components;

    @Inject
    MediaRecords records;

    @Inject
    MediaStorage storage;

    @Inject
    UrlGuard guard;

    @Inject
    MediaFetcher fetcher;

    @Inject
    MediaProber prober;

    @Inject
    UploadSigner signer;

    @Inject
    Instance<MediaUsage> usages;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** What to import and how to file it; {@code background} forces a background import whatever the size. */
    public record ImportRequest(String sourceUrl, MediaItem.Metadata metadata, boolean background) {
    }

    /** What a signed upload URL will accept. */
    public record UploadUrlRequest(String filename, Long sizeBytes, Long expiresInSeconds, MediaItem.Metadata metadata) {
    }

    // ---- reading -------------------------------------------------------------------------------------------

    public MediaItem find(UUID workspaceId, UUID id) {
        return em.createNamedQuery(MediaItem.FIND_IN_WORKSPACE, MediaItem.class)
                .setParameter("id", id)
                .setParameter("workspace", workspaceId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Media item not found: " + id));
    }

    /**
     * The workspace's item, if it has one by that id: for capabilities that check a reference without failing the
     * caller's transaction (a "not found" thrown from here would mark it for rollback).
     */
    public Optional<MediaItem> lookup(UUID workspaceId, UUID id) {
        return em.createNamedQuery(MediaItem.FIND_IN_WORKSPACE, MediaItem.class)
                .setParameter("id", id)
                .setParameter("workspace", workspaceId)
                .getResultStream()
                .findFirst();
    }

    /**
     * The ready item a post's {@code media_url} names (the {@code storage_path} of a library item), for capabilities
     * that must check media before scheduling it (the schedule's missing-content list).
     */
    public Optional<MediaItem> findReadyByStoragePath(UUID workspaceId, String storagePath) {
        if (storagePath == null || storagePath.isBlank()) {
            return Optional.empty();
        }
        return em.createNamedQuery(MediaItem.FIND_READY_BY_STORAGE_PATH, MediaItem.class)
                .setParameter("workspace", workspaceId)
                .setParameter("path", storagePath.strip())
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .filter(item -> storage.exists(item.getStoragePath()));
    }

    public MediaPage list(UUID workspaceId, String folder, String tag, String status, String kind, PageRequest page) {
        String folderFilter = folder == null ? null : FolderPath.normalize(folder);
        String tagFilter = tag == null || tag.isBlank() ? null : tag.strip();
        MediaStatus statusFilter = parseEnum(MediaStatus.class, "status", status);
        MediaKind kindFilter = parseEnum(MediaKind.class, "type", kind);
        List<MediaItem> items = em.createNamedQuery(MediaItem.LIST_FILTERED, MediaItem.class)
                .setParameter("workspace", workspaceId)
                .setParameter("folder", folderFilter)
                .setParameter("anyTag", tagFilter == null)
                .setParameter("tag", tagFilter == null ? "" : tagFilter)
                .setParameter("status", statusFilter)
                .setParameter("kind", kindFilter)
                .setFirstResult(page.firstResult())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(MediaItem.COUNT_FILTERED, Long.class)
                .setParameter("workspace", workspaceId)
                .setParameter("folder", folderFilter)
                .setParameter("anyTag", tagFilter == null)
                .setParameter("tag", tagFilter == null ? "" : tagFilter)
                .setParameter("status", statusFilter)
                .setParameter("kind", kindFilter)
                .getSingleResult();
        return new MediaPage(items, page.page(), page.limit(), total);
    }

    /** The bytes of a ready item. */
    public MediaContent content(UUID workspaceId, UUID id) {
        MediaItem item = requireReady(workspaceId, id);
        return served(item.getStoragePath(), item.getMimeType(), downloadName(item), item.getChecksumSha256());
    }

    /** The thumbnail of a ready video. */
    public MediaContent thumbnail(UUID workspaceId, UUID id) {
        MediaItem item = requireReady(workspaceId, id);
        if (item.getThumbnailPath() == null) {
            throw new NotFoundException("Media item " + id + " has no thumbnail (only videos get one)");
        }
        return served(item.getThumbnailPath(), "image/jpeg", "thumbnail-" + id + ".jpg", item.getChecksumSha256() + "-thumb");
    }

    // ---- organising ----------------------------------------------------------------------------------------

    /** Sets tags and/or folder of several items at once; all or nothing. */
    public List<MediaItem> update(UUID workspaceId, Collection<UUID> ids, MediaItem.Metadata metadata) {
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            throw new InvalidInputException("Pass id or ids");
        }
        if (wanted.size() > MAX_BULK_IDS) {
            throw new InvalidInputException("At most " + MAX_BULK_IDS + " ids per request");
        }
        if (metadata.tags() == null && metadata.folderPath() == null && metadata.altText() == null) {
            throw new InvalidInputException("Nothing to change: pass tags, folder_path or alt_text");
        }
        Map<UUID, MediaItem> found = em.createNamedQuery(MediaItem.FIND_ALL_IN_WORKSPACE, MediaItem.class)
                .setParameter("workspace", workspaceId)
                .setParameter("ids", wanted)
                .getResultStream()
                .collect(Collectors.toMap(MediaItem::getId, Function.identity()));
        List<UUID> missing = wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new NotFoundException("Media items not found: " + missing);
        }
        Instant now = clock.instant();
        List<MediaItem> updated = new ArrayList<>();
        for (UUID id : wanted) {
            MediaItem item = found.get(id);
            item.describe(metadata, now);
            updated.add(item);
        }
        return updated;
    }

    /**
     * Deletes the item and, once no other item of the workspace shares them, its file and thumbnail.
     * Refused while another capability (a scheduled post) uses the item.
     */
    public void delete(UUID workspaceId, UUID id) {
        MediaItem item = find(workspaceId, id);
        for (MediaUsage usage : usages) {
            Optional<String> use = usage.blockingUse(workspaceId, id, item.getStoragePath());
            if (use.isPresent()) {
                throw new ConflictException("Media item " + id + " is in use: " + use.get());
            }
        }
        List<String> files = new ArrayList<>();
        for (String path : Arrays.asList(item.getStoragePath(), item.getThumbnailPath())) {
            if (path != null && !records.pathInUse(workspaceId, path, id)) {
                files.add(path);
            }
        }
        em.remove(item);
        // Files go only once the row's removal is committed: a rolled-back delete must not lose the bytes.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Nothing to prepare.
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    files.forEach(MediaLibrary.this::deleteQuietly);
                }
            }
        });
    }

    // ---- importing -----------------------------------------------------------------------------------------

    /**
     * Imports {@code source_url}. Small files are fetched in this call; a file declaring more than the
     * synchronous limit, or a request asking for it, continues in a background task and the item is
     * returned for polling. A failure leaves the item FAILED with the reason and no file behind.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MediaOutcome importFromUrl(UUID workspaceId, ImportRequest request) {
        URI url = parseUrl(request.sourceUrl());
        // Refuse forbidden targets before recording anything; redirects are checked again while fetching.
        guard.check(url);
        MediaItem item = records.create(MediaItem.importing(workspaceId, url.toString(), request.metadata(), clock.instant()));
        if (request.background()) {
            return new MediaOutcome(records.continueInBackground(item.getId()), MediaOutcome.Disposition.ACCEPTED);
        }
        try (StagedFile staged = newStagedFile(settings.maxBytes())) {
            long started = System.nanoTime();
            MediaFetcher.Result result = fetcher.fetch(url, staged, settings.syncMaxBytes(), settings.maxBytes());
            LOG.fine(() -> "event=media_fetched item=" + item.getId() + " bytes=" + staged.size() + " ms=" + millisSince(started));
            if (result.deferred()) {
                return new MediaOutcome(records.continueInBackground(item.getId()), MediaOutcome.Disposition.ACCEPTED);
            }
            return complete(item.getId(), workspaceId, staged, true);
        } catch (RuntimeException e) {
            records.failIfInProgress(item.getId(), reasonOf(e));
            throw e;
        } catch (IOException e) {
            records.failIfInProgress(item.getId(), "Storage error: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The background half of an import (task {@code media.import}). Expected failures become
     * {@link TaskFailedException}s: retried while the cause may pass (timeouts, 5xx) and attempts remain,
     * otherwise the item is marked FAILED.
     *
     * @return a line for the task's result
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String runBackgroundImport(UUID itemId, boolean lastAttempt) throws TaskFailedException {
        Optional<MediaItem> found = records.find(itemId);
        if (found.isEmpty()) {
            return "item " + itemId + " was deleted before its import ran";
        }
        MediaItem item = found.get();
        if (item.getStatus() != MediaStatus.UPLOADING) {
            return "item " + itemId + " is already " + item.getStatus();
        }
        URI url = URI.create(item.getSourceUrl());
        try (StagedFile staged = newStagedFile(settings.maxBytes())) {
            fetcher.fetch(url, staged, Long.MAX_VALUE, settings.maxBytes());
            MediaOutcome outcome = complete(itemId, item.getWorkspaceId(), staged, false);
            return "item " + itemId + " ready" + (outcome.item().getDuplicateOf() != null
                    ? " as a duplicate of " + outcome.item().getDuplicateOf() : "");
        } catch (MediaRejectedException e) {
            if (e.isRetryable() && !lastAttempt) {
                records.attemptFailed(itemId, e.getMessage());
                throw TaskFailedException.transientFailure(e.getMessage());
            }
            records.failIfInProgress(itemId, e.getMessage());
            throw TaskFailedException.permanent(e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not a refusal: the item records that it failed, the task machinery logs and dead-letters.
            records.failIfInProgress(itemId, reasonOf(e));
            throw e;
        } catch (IOException e) {
            records.failIfInProgress(itemId, "Storage error: " + e.getMessage());
            throw TaskFailedException.permanent("Storage error: " + e.getMessage());
        }
    }

    /**
     * Takes a file another capability made on this server (a rendered video) into the library, like an upload:
     * copied into staging, sniffed, checksummed, de-duplicated, probed and stored. The source file stays where it
     * is; its owner decides when to delete it.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MediaOutcome registerLocalFile(UUID workspaceId, Path file, String filename, MediaItem.Metadata metadata) {
        MediaItem item = records.create(MediaItem.uploading(workspaceId, filename, metadata, clock.instant()));
        try (StagedFile staged = newStagedFile(settings.maxBytes()); InputStream content = Files.newInputStream(file)) {
            staged.writeAll(content);
            return complete(item.getId(), workspaceId, staged, true);
        } catch (RuntimeException e) {
            records.failIfInProgress(item.getId(), reasonOf(e));
            throw e;
        } catch (IOException e) {
            records.failIfInProgress(item.getId(), "Storage error: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    // ---- uploading -----------------------------------------------------------------------------------------

    /**
     * A {@code multipart/form-data} upload: one part named {@code file}, optional fields
     * {@code alt_text} (or {@code altText}), {@code tags} (comma-separated or repeated) and {@code folder_path}.
     * The file streams to the staging directory as it arrives.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MediaOutcome upload(UUID workspaceId, String contentType, long declaredLength, InputStream body) {
        if (declaredLength > settings.maxBytes() + MULTIPART_OVERHEAD) {
            throw new MediaRejectedException(Reason.TOO_LARGE, "The body declares " + declaredLength
                    + " bytes; files of at most " + settings.maxBytes() + " bytes are accepted");
        }
        FormUpload form = new FormUpload(workspaceId);
        try {
            MultipartForm.read(contentType, body, form);
            if (form.item == null) {
                throw new MediaRejectedException(Reason.BAD_UPLOAD, "The form has no file part named 'file'");
            }
            records.describe(form.item.getId(), form.metadata());
            return complete(form.item.getId(), workspaceId, form.staged, true);
        } catch (RuntimeException e) {
            form.failItem(reasonOf(e));
            throw e;
        } catch (IOException e) {
            form.failItem("The upload was interrupted: " + e.getMessage());
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "The upload was interrupted: " + e.getMessage());
        } finally {
            form.close();
        }
    }

    /** Issues an upload URL for one PUT of one file ({@code uploads/posts/sign}). */
    public SignedUpload createUploadUrl(UUID workspaceId, UploadUrlRequest request) {
        long maxBytes = settings.maxBytes();
        if (request.sizeBytes() != null) {
            if (request.sizeBytes() < 1 || request.sizeBytes() > maxBytes) {
                throw new MediaRejectedException(Reason.TOO_LARGE, "size must be between 1 and " + maxBytes + " bytes");
            }
            maxBytes = request.sizeBytes();
        }
        Duration ttl = settings.uploadUrlTtl();
        if (request.expiresInSeconds() != null) {
            if (request.expiresInSeconds() < 1 || request.expiresInSeconds() > ttl.toSeconds()) {
                throw new InvalidInputException("expires_in must be between 1 and " + ttl.toSeconds() + " seconds");
            }
            ttl = Duration.ofSeconds(request.expiresInSeconds());
        }
        Instant now = clock.instant();
        // Whole seconds: the expiry travels in the URL as epoch seconds and is signed as such.
        Instant expiresAt = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UploadGrant grant = new UploadGrant(workspaceId, expiresAt, maxBytes, request.filename(), request.metadata(), now);
        em.persist(grant);
        long expires = expiresAt.getEpochSecond();
        String path = "api/external/v1/uploads/" + grant.getId() + "?expires=" + expires
                + "&signature=" + signer.sign(grant.getId(), expires);
        return new SignedUpload(grant.getId(), path, expiresAt, maxBytes);
    }

    /**
     * The PUT of a signed upload URL. The signature proves the URL was issued here and its expiry untouched;
     * the grant row makes it single-use. A used grant stays used even if the upload then fails.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MediaOutcome receiveSignedUpload(UUID grantId, long expires, String signature, long declaredLength, InputStream body) {
        if (!signer.verify(grantId, expires, signature)) {
            throw new MediaRejectedException(Reason.BAD_SIGNATURE, "The upload URL's signature is not valid");
        }
        if (!Instant.ofEpochSecond(expires).isAfter(clock.instant())) {
            throw new MediaRejectedException(Reason.EXPIRED,
                    "This upload URL expired at " + Instant.ofEpochSecond(expires) + "; request a new one");
        }
        // A declared size over the limit is refused before the grant is spent, so the right file can still be sent.
        records.findGrant(grantId).filter(g -> declaredLength > Math.min(g.getMaxBytes(), settings.maxBytes())).ifPresent(g -> {
            throw new MediaRejectedException(Reason.TOO_LARGE, "The body declares " + declaredLength
                    + " bytes; this upload URL accepts at most " + Math.min(g.getMaxBytes(), settings.maxBytes()));
        });
        UploadGrant grant = records.claimGrant(grantId);
        MediaItem item = records.create(MediaItem.uploading(grant.getWorkspaceId(), grant.getFilename(), grant.metadata(), clock.instant()));
        try (StagedFile staged = newStagedFile(Math.min(grant.getMaxBytes(), settings.maxBytes()))) {
            try {
                staged.writeAll(body);
            } catch (IOException e) {
                throw new MediaRejectedException(Reason.BAD_UPLOAD, "The upload was interrupted: " + e.getMessage());
            }
            MediaOutcome outcome = complete(item.getId(), grant.getWorkspaceId(), staged, true);
            records.grantUsedFor(grantId, outcome.item().getId());
            return outcome;
        } catch (RuntimeException e) {
            records.failIfInProgress(item.getId(), reasonOf(e));
            throw e;
        } catch (IOException e) {
            records.failIfInProgress(item.getId(), "Storage error: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    // ---- the common end of every ingest --------------------------------------------------------------------

    /**
     * Bytes are fully staged: dedupe, probe, store atomically, mark ready. A synchronous caller gets the
     * existing item for bytes the workspace already has (its placeholder is dropped); a background import has
     * already handed out its item's id, so that item becomes a ready duplicate sharing the original's file.
     */
    private MediaOutcome complete(UUID itemId, UUID workspaceId, StagedFile staged, boolean synchronous) throws IOException {
        long started = System.nanoTime();
        StagedFile.Received received = staged.finish();
        long finished = System.nanoTime();
        Optional<MediaItem> original = records.findReadyByChecksum(workspaceId, received.sha256());
        if (original.isPresent()) {
            if (synchronous) {
                records.discard(itemId);
                return new MediaOutcome(original.get(), MediaOutcome.Disposition.EXISTING);
            }
            return new MediaOutcome(records.readyAsDuplicateOf(itemId, original.get().getId()), MediaOutcome.Disposition.CREATED);
        }
        String key = "library/" + workspaceId + "/" + received.sha256() + extension(received.mimeType());
        records.contentStored(itemId, new StoredContent(key, received.size(), received.sha256(), received.mimeType()));
        String thumbnailKey = null;
        Path thumbnail = null;
        try {
            ProbeFacts facts = prober.probe(received.path());
            if (MediaKind.ofMimeType(received.mimeType()) == MediaKind.VIDEO) {
                thumbnail = staged.path().resolveSibling(staged.path().getFileName() + ".thumb.jpg");
                if (prober.thumbnail(received.path(), facts.durationSeconds(), thumbnail)) {
                    thumbnailKey = "library/" + workspaceId + "/" + received.sha256() + ".thumb.jpg";
                    storage.store(thumbnail, thumbnailKey);
                }
            }
            long probed = System.nanoTime();
            received.awaitDurable();
            storage.store(received.path(), key);
            staged.release();
            MediaItem ready = records.ready(itemId, facts, thumbnailKey);
            LOG.info(() -> "event=media_stored item=" + itemId + " bytes=" + received.size() + " type=" + received.mimeType()
                    + " checksum_ms=" + (finished - started) / 1_000_000 + " probe_ms=" + (probed - finished) / 1_000_000
                    + " sync_store_ms=" + millisSince(probed));
            return new MediaOutcome(ready, MediaOutcome.Disposition.CREATED);
        } catch (IOException | RuntimeException e) {
            // The caller marks the item failed; a stored thumbnail nobody else shares goes with it.
            if (thumbnailKey != null && !records.pathInUse(workspaceId, thumbnailKey, itemId)) {
                deleteQuietly(thumbnailKey);
            }
            throw e;
        } finally {
            if (thumbnail != null) {
                Files.deleteIfExists(thumbnail);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The reason kept on a failed item: the refusal's own sentence, or the kind of an unexpected error. */
    private static String reasonOf(RuntimeException e) {
        return e instanceof MediaRejectedException ? e.getMessage() : "Internal error (" + e.getClass().getSimpleName() + ")";
    }

    private StagedFile newStagedFile(long maxBytes) {
        return new StagedFile(components.stagingDirectory(), maxBytes, settings.allowedTypes(), components.checksumExecutor());
    }

    private MediaItem requireReady(UUID workspaceId, UUID id) {
        MediaItem item = find(workspaceId, id);
        if (!item.isReady()) {
            throw new ConflictException("Media item " + id + " is " + item.getStatus().name().toLowerCase(Locale.ROOT)
                    + ", not ready");
        }
        return item;
    }

    private MediaContent served(String key, String mimeType, String fileName, String etag) {
        if (!storage.exists(key)) {
            throw new NotFoundException("The stored file of this item is missing");
        }
        try {
            return new MediaContent(mimeType, storage.size(key), fileName, etag, () -> storage.open(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            // The row is gone already; a leftover file wastes space but breaks nothing.
            LOG.log(Level.WARNING, "event=media_file_not_deleted key=" + key, e);
        }
    }

    private static String downloadName(MediaItem item) {
        String name = item.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return item.getId() + extension(item.getMimeType());
        }
        return name;
    }

    static String extension(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "video/quicktime" -> ".mov";
            default -> ".bin";
        };
    }

    private static URI parseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("source_url is required");
        }
        try {
            URI url = new URI(raw.strip());
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new InvalidInputException("source_url must be an absolute http(s) URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("source_url is not a valid URL: " + e.getReason());
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** Collects the form's fields and streams its file part into staging as the parts arrive. */
    private final class FormUpload implements MultipartForm.Visitor {

        private final UUID workspaceId;
        private String altText;
        private List<String> tags;
        private String folderPath;
        private MediaItem item;
        private StagedFile staged;

        FormUpload(UUID workspaceId) {
            this.workspaceId = workspaceId;
        }

        @Override
        public void field(String name, String value) {
            switch (name) {
                case "alt_text", "altText" -> altText = value;
                case "folder_path", "folderPath", "folder" -> folderPath = value;
                case "tags", "tag" -> {
                    List<String> more = Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
                    tags = tags == null ? new ArrayList<>(more) : concat(tags, more);
                }
                default -> LOG.fine(() -> "event=upload_field_ignored name=" + name);
            }
        }

        @Override
        public void file(String fieldName, String fileName, String declaredType, InputStream content) throws IOException {
            if (!"file".equals(fieldName)) {
                throw new MediaRejectedException(Reason.BAD_UPLOAD, "Unexpected file part '" + fieldName + "'; send the file as 'file'");
            }
            if (item != null) {
                throw new MediaRejectedException(Reason.BAD_UPLOAD, "One file per upload");
            }
            item = records.create(MediaItem.uploading(workspaceId, fileName, metadata(), clock.instant()));
            staged = newStagedFile(settings.maxBytes());
            staged.writeAll(content);
        }

        MediaItem.Metadata metadata() {
            return new MediaItem.Metadata(altText, tags, folderPath);
        }

        void failItem(String reason) {
            if (item != null) {
                records.failIfInProgress(item.getId(), reason);
            }
        }

        void close() {
            if (staged != null) {
                staged.close();
            }
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }
}
