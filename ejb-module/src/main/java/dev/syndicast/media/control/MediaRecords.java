package dev.syndicast.media.control;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.ProbeFacts;
import dev.syndicast.media.entity.StoredContent;
import dev.syndicast.media.entity.UploadGrant;
import dev.syndicast.scheduling.boundary.Tasks;
import dev.syndicast.scheduling.entity.ScheduledTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Each step of an ingest, committed on its own. Transfers take minutes and must not hold a transaction
 * open, and a failure must leave the item marked FAILED even though the caller's request fails.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class MediaRecords {

    public static final String IMPORT_TASK_KIND = "media.import";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tasks tasks;

    public MediaItem create(MediaItem item) {
        em.persist(item);
        return item;
    }

    /** Hands the import to a background task in the same transaction that records it on the item. */
    public MediaItem continueInBackground(UUID itemId) {
        MediaItem item = load(itemId);
        ScheduledTask task = tasks.schedule(IMPORT_TASK_KIND, itemId.toString(), clock.instant());
        item.continueInBackground(task.getId(), clock.instant());
        return item;
    }

    public Optional<MediaItem> find(UUID itemId) {
        return Optional.ofNullable(em.find(MediaItem.class, itemId));
    }

    public Optional<MediaItem> findReadyByChecksum(UUID workspaceId, String sha256) {
        return em.createNamedQuery(MediaItem.FIND_READY_BY_CHECKSUM, MediaItem.class)
                .setParameter("workspace", workspaceId)
                .setParameter("checksum", sha256)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    public MediaItem describe(UUID itemId, MediaItem.Metadata metadata) {
        MediaItem item = load(itemId);
        item.describe(metadata, clock.instant());
        return item;
    }

    public MediaItem contentStored(UUID itemId, StoredContent content) {
        MediaItem item = load(itemId);
        item.contentStored(content, clock.instant());
        return item;
    }

    public MediaItem ready(UUID itemId, ProbeFacts facts, String thumbnailPath) {
        MediaItem item = load(itemId);
        item.ready(facts, thumbnailPath, clock.instant());
        return item;
    }

    public MediaItem readyAsDuplicateOf(UUID itemId, UUID originalId) {
        MediaItem item = load(itemId);
        item.readyAsDuplicateOf(load(originalId), clock.instant());
        return item;
    }

    public MediaItem fail(UUID itemId, String reason) {
        MediaItem item = load(itemId);
        item.fail(reason, clock.instant());
        return item;
    }

    /** Fails the item unless it already reached a final state (or is gone); for cleanup paths. */
    public void failIfInProgress(UUID itemId, String reason) {
        MediaItem item = em.find(MediaItem.class, itemId);
        if (item != null && !item.getStatus().isFinal()) {
            item.fail(reason, clock.instant());
        }
    }

    public void attemptFailed(UUID itemId, String reason) {
        load(itemId).attemptFailed(reason, clock.instant());
    }

    /** Drops an item that never held content of its own (a synchronous import of a duplicate). */
    public void discard(UUID itemId) {
        find(itemId).ifPresent(em::remove);
    }

    /** Whether any item of the workspace other than {@code exceptItemId} still uses a stored file. */
    public boolean pathInUse(UUID workspaceId, String storagePath, UUID exceptItemId) {
        return em.createNamedQuery(MediaItem.COUNT_USERS_OF_PATH, Long.class)
                .setParameter("workspace", workspaceId)
                .setParameter("path", storagePath)
                .setParameter("except", exceptItemId)
                .getSingleResult() > 0;
    }

    /**
     * Marks the grant used, in the database, exactly once: of two PUTs with the same URL only one updates the row.
     */
    public UploadGrant claimGrant(UUID grantId) {
        int claimed = em.createNamedQuery(UploadGrant.CLAIM)
                .setParameter("id", grantId)
                .setParameter("now", clock.instant())
                .executeUpdate();
        UploadGrant grant = em.find(UploadGrant.class, grantId);
        if (grant == null) {
            throw new NotFoundException("Upload URL not found: it was never issued or has been purged");
        }
        if (claimed == 0) {
            throw grant.whyUnclaimable(clock.instant());
        }
        return grant;
    }

    public Optional<UploadGrant> findGrant(UUID grantId) {
        return Optional.ofNullable(em.find(UploadGrant.class, grantId));
    }

    public void grantUsedFor(UUID grantId, UUID itemId) {
        em.find(UploadGrant.class, grantId).usedFor(itemId);
    }

    private MediaItem load(UUID itemId) {
        MediaItem item = em.find(MediaItem.class, itemId);
        if (item == null) {
            throw new NotFoundException("Media item not found: " + itemId);
        }
        return item;
    }
}
