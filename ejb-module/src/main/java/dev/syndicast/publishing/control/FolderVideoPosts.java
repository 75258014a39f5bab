package dev.syndicast.publishing.control;

import dev.syndicast.batch.control.ServerJobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.entity.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * One folder video's own transaction: the post and the item's result commit together, so a crash leaves either both
 * or neither, and a restart that meets the video again sees it done.
 */
@ApplicationScoped
public class FolderVideoPosts {

    @Inject
    Posts posts;

    @Inject
    ServerJobItems results;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ItemOutcome createAndRecord(long jobInstanceId, String jobName, UUID workspaceId, long number, String summary,
                                       PostDraft draft) {
        Post post = posts.create(workspaceId, "batch:" + jobName + ":" + jobInstanceId, draft);
        ItemOutcome outcome = ItemOutcome.done(post.getId().toString(), post.getStatus().wire());
        results.record(jobInstanceId, jobName, workspaceId, number, summary, outcome);
        return outcome;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long number, String summary, ItemOutcome outcome) {
        results.record(jobInstanceId, jobName, workspaceId, number, summary, outcome);
    }
}
