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
    public ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, java.nio.file.Path video,
                                   String caption, List<String> platforms, List<String> accountIds, java.time.Instant scheduledAt) {
        BatchItemResult done = em.find(BatchItemResult.class, new BatchItemResult.Key(jobInstanceId, number));
        if (done != null && "ok".equals(done.getOutcome())) {
            return ItemOutcome.done(done.getReference(), done.getDetail());
        }
        String file = video.getFileName().toString();
        StringBuilder log = new StringBuilder();
        for (String platform : platforms) {
            log.append("PLAN ").append(file).append(" -> ").append(platform).append(" at ").append(scheduledAt).append('\n');
        }
        java.util.logging.Logger lines = java.util.logging.Logger.getLogger(ServerJobItems.class.getName());
        lines.info(log.toString().strip());
        ItemOutcome outcome;
        try {
            MediaItem item = media.registerLocalFile(workspaceId, video, file,
                    new MediaItem.Metadata(null, List.of("folder-upload"), "uploads")).item();
            List<dev.syndicast.posts.control.PostDraft.TargetDraft> targets = new java.util.ArrayList<>();
            for (int i = 0; i < platforms.size(); i++) {
                String account = accountIds.isEmpty() ? null : accountIds.get(accountIds.size() == 1 ? 0 : i);
                targets.add(new dev.syndicast.posts.control.PostDraft.TargetDraft(platforms.get(i), account, scheduledAt, null, null, null));
            }
            dev.syndicast.posts.control.PostDraft draft = new dev.syndicast.posts.control.PostDraft(caption, null, java.util.Map.of(),
                    List.of(), List.of(new dev.syndicast.posts.control.PostMedia(item.getStoragePath(), item.getId().toString(),
                    item.getMimeType(), null)), List.of(), List.of("folder-upload"), List.of(), null, null, null, "scheduled",
                    scheduledAt, targets, file, "folder-upload", null);
            ItemOutcome created = rows.createAndRecord(jobInstanceId, jobName, workspaceId, number, file, draft, false);
            platforms.forEach(p -> log.append("OK ").append(file).append(" -> ").append(p).append(" post ").append(created.reference()).append('\n'));
            outcome = ItemOutcome.done(created.reference(), log.toString().strip());
        } catch (DomainException refused) {
            platforms.forEach(p -> log.append("ERR ").append(file).append(" -> ").append(p).append(": ").append(refused.getMessage()).append('\n'));
            outcome = ItemOutcome.failed(log.toString().strip());
        }
        rows.record(jobInstanceId, jobName, workspaceId, number, file, outcome);
        String plan = log.toString();
        lines.info(plan.substring(plan.indexOf(outcome.ok() ? "OK " : "ERR ")).strip());
        return outcome;
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        BatchItemResult.store(em, jobInstanceId, jobName, workspaceId, itemNumber, item, outcome, clock.instant());
    }
}
