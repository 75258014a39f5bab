package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.entity.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * One CSV row's own transaction: the post and the row's result commit together, so a crash leaves either both or
 * neither, and a restart that meets the row again sees it done. A dry run goes through the same creation, then
 * rolls it back: everything the real import would check is checked, nothing stays.
 */
@ApplicationScoped
public class PostImportRows {

    @Inject
    Posts posts;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Thrown to roll a dry run's transaction back once the row has passed every check. */
    public static class ValidOnly extends RuntimeException {
        ValidOnly() {
            super("dry run", null, false, false);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ItemOutcome createAndRecord(long jobInstanceId, String jobName, UUID workspaceId, long row, String summary,
                                       PostDraft draft, boolean dryRun) {
        Post post = posts.create(workspaceId, "batch:" + jobName + ":" + jobInstanceId, draft);
        if (dryRun) {
            throw new ValidOnly();
        }
        ItemOutcome outcome = ItemOutcome.done(post.getId().toString(), post.getStatus().name().toLowerCase(java.util.Locale.ROOT));
        store(jobInstanceId, jobName, workspaceId, row, summary, outcome);
        return outcome;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long row, String summary, ItemOutcome outcome) {
        store(jobInstanceId, jobName, workspaceId, row, summary, outcome);
    }

    private void store(long jobInstanceId, String jobName, UUID workspaceId, long row, String summary, ItemOutcome outcome) {
        BatchItemResult.store(em, jobInstanceId, jobName, workspaceId, row, summary, outcome, clock.instant());
    }
}
