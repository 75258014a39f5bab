package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.ConflictException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.media.control.MediaRecords;
import dev.syndicast.media.control.MediaStorage;
import dev.syndicast.media.control.MediaUsage;
import dev.syndicast.media.control.MimeSniffer;
import dev.syndicast.media.entity.FolderPath;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaKind;
import dev.syndicast.media.entity.MediaStatus;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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
 * The media library's items as a workspace sees them: found, listed, served, organised and deleted. Every method
 * takes the caller's workspace and touches only its items; another workspace's item is "not found". Items come in
 * through {@link MediaImports} and {@link SignedUploads}.
 */
@Stateless
public class MediaLibrary {

    private static final Logger LOG = Logger.getLogger(MediaLibrary.class.getName());
    /** The largest page of media items. */
    public static final int MAX_LIMIT = 100;
    public static final int MAX_BULK_IDS = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MediaRecords records;

    @Inject
    MediaStorage storage;

    @Inject
    Instance<MediaUsage> usages;

    @Resource
    TransactionSynchronizationRegistry transactions;

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
     * The ready item a post's {@code media_url} names (the {@code storage_path} of a library item, as the external
     * API v1 hands it out), for capabilities that must check media before scheduling it (missing content).
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
        Optional<String> use = blockingUse(workspaceId, item);
        if (use.isPresent()) {
            throw new ConflictException("Media item " + id + " is in use: " + use.get());
        }
        remove(workspaceId, item);
    }

    /**
     * Deletes the item as {@link #delete} does unless something uses it (a post that found the same bytes meanwhile),
     * for an importer that no longer wants an item it made; answers whether the item is gone. Refusing is no error here,
     * so the caller's transaction goes on.
     */
    public boolean deleteIfUnused(UUID workspaceId, UUID id) {
        Optional<MediaItem> item = lookup(workspaceId, id);
        if (item.isEmpty()) {
            return true;
        }
        Optional<String> use = blockingUse(workspaceId, item.get());
        if (use.isPresent()) {
            LOG.info(() -> "event=media_kept item=" + id + " reason=\"in use: " + use.get() + "\"");
            return false;
        }
        remove(workspaceId, item.get());
        return true;
    }

    private Optional<String> blockingUse(UUID workspaceId, MediaItem item) {
        for (MediaUsage usage : usages) {
            Optional<String> use = usage.blockingUse(workspaceId, item.getId(), item.getStoragePath());
            if (use.isPresent()) {
                return use;
            }
        }
        return Optional.empty();
    }

    private void remove(UUID workspaceId, MediaItem item) {
        UUID id = item.getId();
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

    static String downloadName(MediaItem item) {
        String name = item.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return item.getId() + MimeSniffer.extension(item.getMimeType());
        }
        return name;
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
}
