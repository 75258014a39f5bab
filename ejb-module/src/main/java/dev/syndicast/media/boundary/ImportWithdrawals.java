package dev.syndicast.media.boundary;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.scheduling.boundary.Tasks;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Takes back an item an import made for a request that then failed (the external scheduling API imports a video
 * before it writes the post, and a post refused after that must leave no video behind). An item whose bytes arrived
 * goes at once, with its files (as {@link MediaLibrary#delete}); an item a background import is still filling is
 * withdrawn by a task ({@value #TASK_KIND}) that cancels the import, or waits for a running one to end, and then
 * deletes it. An item something else uses by then (a request that found the same bytes) stays.
 */
@Stateless
public class ImportWithdrawals {

    /** The task that withdraws an item whose background import had not finished; the payload is the item id. */
    public static final String TASK_KIND = "media.withdraw-import";

    private static final Logger LOG = Logger.getLogger(ImportWithdrawals.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    MediaLibrary library;

    @EJB
    Tasks tasks;

    @Inject
    Clock clock;

    /** Deletes the workspace's item now, or hands it to the withdrawal task while its background import is unfinished. */
    public void withdraw(UUID workspaceId, UUID itemId) {
        Optional<MediaItem> item = library.lookup(workspaceId, itemId);
        if (item.isEmpty()) {
            return;
        }
        if (item.get().getImportTaskId() != null && !item.get().getStatus().isFinal()) {
            tasks.schedule(TASK_KIND, itemId.toString(), clock.instant());
            LOG.info(() -> "event=media_withdrawal_scheduled item=" + itemId);
            return;
        }
        library.deleteIfUnused(workspaceId, itemId);
    }

    /**
     * The withdrawal task's work: stops the item's import (a running one is waited for: it holds its task's lock), then
     * deletes the item as it is by then.
     *
     * @return a line for the task's result
     */
    public String finish(UUID itemId) {
        MediaItem item = em.find(MediaItem.class, itemId);
        if (item == null) {
            return "item " + itemId + " is gone already";
        }
        UUID workspaceId = item.getWorkspaceId();
        if (item.getImportTaskId() != null) {
            tasks.cancelUnlessFinished(item.getImportTaskId());
            // The import may have changed the item while this waited for its lock.
            em.refresh(item);
        }
        return library.deleteIfUnused(workspaceId, itemId) ? "item " + itemId + " withdrawn"
                : "item " + itemId + " kept: another post uses it";
    }
}
