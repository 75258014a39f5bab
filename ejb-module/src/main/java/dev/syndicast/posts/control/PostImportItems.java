package dev.syndicast.posts.control;

import dev.syndicast.batch.entity.ItemOutcome;

import java.util.List;
import java.util.UUID;

/**
 * What the post-import job's writer calls to create the posts of a chunk of CSV rows. The server's implementation
 * goes through the posts boundary; the JBeret SE tests replace it with an in-memory one.
 */
public interface PostImportItems {

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
}
