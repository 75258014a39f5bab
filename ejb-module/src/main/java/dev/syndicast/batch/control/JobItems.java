package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.posts.control.PostDraft;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What batch artifacts call to do an item's work and to note its outcome. The server's implementation goes
 * through the capabilities' boundaries; the JBeret SE tests replace it with an in-memory one.
 */
public interface JobItems {

    /** Imports one URL into the workspace's media library; a refusal is an error outcome, not an exception. */
    ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags);

    /**
     * Creates the posts of a chunk of CSV rows (or, in a dry run, only validates them) together with their results,
     * in the caller's transaction: all of them or, if it rolls back, none. In a {@code restart}, rows already imported
     * by an earlier run of the job instance are left alone (a first run reads every row for the first time, so it
     * skips that lookup); a row that breaks a platform's or an account's rules gets an error outcome.
     *
     * @return one outcome per row, in order
     */
    List<ItemOutcome> importPosts(long jobInstanceId, String jobName, UUID workspaceId, List<PostImport> rows, boolean dryRun,
                                  boolean restart);

    /**
     * The folder upload of one video: imports it into the media library and creates one post for it with a
     * target per platform at {@code scheduledAt}; the outcome's detail holds the PLAN, OK and ERR lines. A video
     * already done by an earlier run of the job instance is left alone.
     */
    ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, Path video,
                            String caption, List<String> platforms, List<String> accountIds, Instant scheduledAt);

    /** Notes an item's outcome under its job instance (again for a restarted item: the later outcome wins). */
    void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome);
}
