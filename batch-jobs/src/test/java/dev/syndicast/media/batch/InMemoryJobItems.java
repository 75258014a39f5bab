package dev.syndicast.media.batch;

import dev.syndicast.batch.control.JobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.media.control.MediaImportItems;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostImport;
import dev.syndicast.posts.control.PostImportItems;
import dev.syndicast.publishing.control.FolderUploadItems;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the results table and the ports of the jobs' capabilities (posts, media library, folder upload) in
 * JBeret SE: URLs containing "refused" are refused like a forbidden address, and a switch crashes the n-th import to
 * exercise restart.
 */
@ApplicationScoped
public class InMemoryJobItems implements JobItems, PostImportItems, MediaImportItems, FolderUploadItems {

    record Imported(UUID workspace, String url, String folderPath, List<String> tags) {
    }

    private final List<Imported> imports = new CopyOnWriteArrayList<>();
    private final Map<Long, PostDraft> posts = new ConcurrentHashMap<>();
    private final List<Long> postCreations = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile long crashOnPostRow = -1;
    private final Map<Long, ItemOutcome> results = new ConcurrentHashMap<>();
    private volatile int crashOnImport = -1;

    public void reset() {
        imports.clear();
        results.clear();
        posts.clear();
        uploads.clear();
        postCreations.clear();
        crashOnImport = -1;
        crashOnPostRow = -1;
    }

    /** The next import of this row crashes (once), like a database outage in the middle of a chunk. */
    public void crashOnPostRow(long row) {
        crashOnPostRow = row;
    }

    public Map<Long, PostDraft> posts() {
        return Map.copyOf(posts);
    }

    /** Every row a post was created for, in order, repeats included: a restart must not repeat any. */
    public List<Long> postCreations() {
        synchronized (postCreations) {
            return List.copyOf(postCreations);
        }
    }

    void crashOnImport(int n) {
        crashOnImport = n;
    }

    List<Imported> imports() {
        return List.copyOf(imports);
    }

    public Map<Long, ItemOutcome> results() {
        return Map.copyOf(results);
    }

    @Override
    public ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags) {
        if (imports.size() + 1 == crashOnImport) {
            crashOnImport = -1;
            throw new IllegalStateException("simulated crash while importing " + url);
        }
        if (url.contains("refused")) {
            return ItemOutcome.failed("Refusing to fetch " + url + ": it resolves to a non-public address");
        }
        imports.add(new Imported(workspaceId, url, folderPath, tags));
        return ItemOutcome.done(UUID.nameUUIDFromBytes(url.getBytes()).toString(), "imported");
    }

    /** Like the server: the whole chunk or, when a row of it crashes, nothing of it (its transaction rolls back). */
    @Override
    public List<ItemOutcome> importPosts(long jobInstanceId, String jobName, UUID workspaceId, List<PostImport> rows, boolean dryRun,
                                         boolean restart) {
        if (rows.stream().anyMatch(row -> row.row() == crashOnPostRow && !isDone(row.row()))) {
            long row = crashOnPostRow;
            crashOnPostRow = -1;
            throw new IllegalStateException("simulated outage while importing row " + row);
        }
        if (!restart && rows.stream().anyMatch(row -> results.containsKey(row.row()))) {
            throw new IllegalStateException("a first run met a row it had done already: " + rows);
        }
        return rows.stream().map(row -> importPost(row, dryRun)).toList();
    }

    private boolean isDone(long row) {
        ItemOutcome done = results.get(row);
        return done != null && done.ok();
    }

    private ItemOutcome importPost(PostImport row, boolean dryRun) {
        if (isDone(row.row())) {
            return results.get(row.row());
        }
        PostDraft draft = row.draft();
        ItemOutcome outcome;
        if (draft.targets().stream().anyMatch(t -> "unknown-account".equals(t.accountId()))) {
            outcome = ItemOutcome.failed("Account not found: unknown-account");
        } else if (dryRun) {
            outcome = ItemOutcome.done(null, "valid (dry run: nothing written)");
        } else {
            posts.put(row.row(), draft);
            postCreations.add(row.row());
            outcome = ItemOutcome.done("post-" + row.row(), draft.status());
        }
        results.put(row.row(), outcome);
        return outcome;
    }

    /** A video the folder upload had scheduled: its file name, platforms and time. */
    public record Upload(String file, String caption, List<String> platforms, java.time.Instant at) {
    }

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    @Override
    public ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, java.nio.file.Path video,
                                   String caption, List<String> platforms, List<String> accountIds, java.time.Instant scheduledAt) {
        uploads.add(new Upload(video.getFileName().toString(), caption, platforms, scheduledAt));
        ItemOutcome outcome = ItemOutcome.done("post-" + number, "OK " + video.getFileName());
        results.put(number, outcome);
        return outcome;
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        results.put(itemNumber, outcome);
    }
}
