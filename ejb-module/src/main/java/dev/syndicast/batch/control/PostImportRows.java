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
 * One folder video's own transaction: the post and the item's result commit together, so a crash leaves either both
 * or neither, and a restart that meets the video again sees it done.
 */
@ApplicationScoped
public class PostImportRows {

    @Inject
    Posts posts;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ItemOutcome createAndRecord(long jobInstanceId, String jobName, UUID workspaceId, long row, String summary,
                                       PostDraft draft) {
        Post post = posts.create(workspaceId, "batch:" + jobName + ":" + jobInstanceId, draft);
        ItemOutcome outcome = ItemOutcome.done(post.getId().toString(), post.getStatus().wire());
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
