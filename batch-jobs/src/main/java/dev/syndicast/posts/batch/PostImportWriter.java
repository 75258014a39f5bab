package dev.syndicast.posts.batch;

import dev.syndicast.batch.control.JobItems;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.UUID;

/**
 * Hands each draft to the posts boundary (each row in a transaction of its own with its result, so a restart
 * skips rows already done and never creates a post twice), or only validates it in a dry run.
 */
@Named
@Dependent
public class PostImportWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String workspaceId;

    @Inject
    @BatchProperty
    String dryRun;

    @Inject
    JobContext job;

    @Inject
    JobItems items;

    @Override
    public void writeItems(List<Object> chunk) {
        UUID workspace = UUID.fromString(workspaceId);
        boolean validateOnly = Boolean.parseBoolean(dryRun);
        for (Object element : chunk) {
            PostRow row = (PostRow) element;
            items.importPost(job.getInstanceId(), job.getJobName(), workspace, row.number(), row.summary(), row.draft(), validateOnly);
        }
    }
}
