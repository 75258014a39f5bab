package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.boundary.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** {@link JobItems} on the server: the media library's boundary and the results table, in the chunk's transaction. */
@ApplicationScoped
public class ServerJobItems implements JobItems {

    @Inject
    MediaLibrary media;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags) {
        try {
            MediaOutcome outcome = media.importFromUrl(workspaceId, new MediaLibrary.ImportRequest(url,
                    new MediaItem.Metadata(null, tags, folderPath), false));
            String what = switch (outcome.disposition()) {
                case CREATED -> "imported";
                case EXISTING -> "already in the library";
                case ACCEPTED -> "importing in the background";
            };
            return ItemOutcome.done(outcome.item().getId().toString(), what);
        } catch (DomainException refused) {
            // The library refused this URL (forbidden address, too large, wrong type, unreachable): the item's
            // outcome, while the job goes on with the next URL.
            return ItemOutcome.failed(refused.getMessage());
        }
    }

    @Inject
    PostImportRows rows;

    @Override
    public ItemOutcome importPost(long jobInstanceId, String jobName, UUID workspaceId, long row, String summary,
                                  dev.syndicast.posts.control.PostDraft draft, boolean dryRun) {
        BatchItemResult done = em.find(BatchItemResult.class, new BatchItemResult.Key(jobInstanceId, row));
        if (done != null && "ok".equals(done.getOutcome())) {
            return ItemOutcome.done(done.getReference(), done.getDetail());
        }
        try {
            return rows.createAndRecord(jobInstanceId, jobName, workspaceId, row, summary, draft, dryRun);
        } catch (PostImportRows.ValidOnly valid) {
            ItemOutcome outcome = ItemOutcome.done(null, "valid (dry run: nothing written)");
            rows.record(jobInstanceId, jobName, workspaceId, row, summary, outcome);
            return outcome;
        } catch (DomainException refused) {
            ItemOutcome outcome = ItemOutcome.failed(refused.getMessage());
            rows.record(jobInstanceId, jobName, workspaceId, row, summary, outcome);
            return outcome;
        }
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        BatchItemResult.store(em, jobInstanceId, jobName, workspaceId, itemNumber, item, outcome, clock.instant());
    }
}
