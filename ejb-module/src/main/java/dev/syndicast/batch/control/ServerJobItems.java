package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.control.BulkInsert;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.posts.boundary.Posts;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** {@link JobItems} on the server: the media library's and the posts' boundaries and the results table, in the chunk's transaction. */
@ApplicationScoped
public class ServerJobItems implements JobItems {

    private static final Logger LOG = Logger.getLogger(ServerJobItems.class.getName());
    private static final String FOLDER_UPLOAD = "folder-upload";

    @Inject
    MediaImports media;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags) {
        try {
            MediaOutcome outcome = media.importFromUrl(workspaceId, new MediaImports.ImportRequest(url,
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

    /** A chunk's results in one statement; an item a restarted run does again gets its new outcome. */
    private static final BulkInsert<BatchItemResult> RESULTS = BulkInsert.<BatchItemResult>into("batch_item_results")
            .integer("job_instance_id", r -> r.getKey().jobInstanceId())
            .integer("item_number", r -> r.getKey().itemNumber())
            .uuid("workspace_id", BatchItemResult::getWorkspaceId)
            .text("job_name", BatchItemResult::getJobName)
            .text("item", BatchItemResult::getItem)
            .text("outcome", BatchItemResult::getOutcome)
            .text("detail", BatchItemResult::getDetail)
            .text("reference", BatchItemResult::getReference)
            .timestamp("recorded_at", BatchItemResult::getRecordedAt)
            .onConflict("(job_instance_id, item_number) do update set item = excluded.item, outcome = excluded.outcome,"
                    + " detail = excluded.detail, reference = excluded.reference, recorded_at = excluded.recorded_at");

    @Inject
    PostImportRows rows;

    @Inject
    Posts posts;

    @Override
    public List<ItemOutcome> importPosts(long jobInstanceId, String jobName, UUID workspaceId, List<PostImport> chunk, boolean dryRun,
                                         boolean restart) {
        Map<Long, ItemOutcome> done = restart
                ? BatchItemResult.doneAmong(em, jobInstanceId, chunk.stream().map(PostImport::row).toList()) : Map.of();
        List<PostImport> todo = chunk.stream().filter(row -> !done.containsKey(row.row())).toList();
        List<Posts.Drafted> drafted = posts.createAll(workspaceId, "batch:" + jobName + ":" + jobInstanceId,
                todo.stream().map(PostImport::draft).toList(), dryRun);
        Instant now = clock.instant();
        Map<Long, ItemOutcome> outcomes = new HashMap<>(done);
        List<BatchItemResult> results = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            Posts.Drafted post = drafted.get(i);
            ItemOutcome outcome = !post.ok() ? ItemOutcome.failed(post.error())
                    : dryRun ? ItemOutcome.done(null, "valid (dry run: nothing written)")
                    : ItemOutcome.done(post.post().getId().toString(), post.post().getStatus().wire());
            PostImport row = todo.get(i);
            outcomes.put(row.row(), outcome);
            results.add(new BatchItemResult(jobInstanceId, row.row(), workspaceId, jobName, row.summary(), outcome, now));
        }
        RESULTS.write(em, results);
        return chunk.stream().map(row -> outcomes.get(row.row())).toList();
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
                    folderPost(file, caption, item, platforms, accountIds, scheduledAt));
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
