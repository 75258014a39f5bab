package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.boundary.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostMedia;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** {@link JobItems} on the server: the media library's boundary and the results table, in the chunk's transaction. */
@ApplicationScoped
public class ServerJobItems implements JobItems {

    private static final Logger LOG = Logger.getLogger(ServerJobItems.class.getName());
    private static final String FOLDER_UPLOAD = "folder-upload";

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
                                  PostDraft draft, boolean dryRun) {
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
    public ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, Path video,
                                   String caption, List<String> platforms, List<String> accountIds, Instant scheduledAt) {
        BatchItemResult done = em.find(BatchItemResult.class, new BatchItemResult.Key(jobInstanceId, number));
        if (done != null && "ok".equals(done.getOutcome())) {
            return ItemOutcome.done(done.getReference(), done.getDetail());
        }
        String file = video.getFileName().toString();
        List<String> plan = platforms.stream().map(p -> "PLAN " + file + " -> " + p + " at " + scheduledAt).toList();
        LOG.info(String.join("\n", plan));
        List<String> results;
        ItemOutcome outcome;
        try {
            MediaItem item = media.registerLocalFile(workspaceId, video, file,
                    new MediaItem.Metadata(null, List.of(FOLDER_UPLOAD), "uploads")).item();
            ItemOutcome created = rows.createAndRecord(jobInstanceId, jobName, workspaceId, number, file,
                    folderPost(file, caption, item, platforms, accountIds, scheduledAt), false);
            results = platforms.stream().map(p -> "OK " + file + " -> " + p + " post " + created.reference()).toList();
            outcome = ItemOutcome.done(created.reference(), lines(plan, results));
        } catch (DomainException refused) {
            results = platforms.stream().map(p -> "ERR " + file + " -> " + p + ": " + refused.getMessage()).toList();
            outcome = ItemOutcome.failed(lines(plan, results));
        }
        rows.record(jobInstanceId, jobName, workspaceId, number, file, outcome);
        LOG.info(String.join("\n", results));
        return outcome;
    }

    /** One post for a folder video: the caption as text, the library item as media, a target per platform. */
    private static PostDraft folderPost(String file, String caption, MediaItem item, List<String> platforms, List<String> accountIds,
                                        Instant scheduledAt) {
        List<PostDraft.TargetDraft> targets = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
            String account = accountIds.isEmpty() ? null : accountIds.get(accountIds.size() == 1 ? 0 : i);
            targets.add(new PostDraft.TargetDraft(platforms.get(i), account, scheduledAt, null, null, null));
        }
        PostMedia media = new PostMedia(item.getStoragePath(), item.getId().toString(), item.getMimeType(), null);
        return new PostDraft(caption, null, Map.of(), List.of(), List.of(media), List.of(), List.of(FOLDER_UPLOAD), List.of(),
                null, null, null, "scheduled", scheduledAt, targets, file, FOLDER_UPLOAD, null);
    }

    private static String lines(List<String> plan, List<String> results) {
        List<String> all = new ArrayList<>(plan);
        all.addAll(results);
        return String.join("\n", all);
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        BatchItemResult.store(em, jobInstanceId, jobName, workspaceId, itemNumber, item, outcome, clock.instant());
    }
}
