package dev.syndicast.posts.batch;

import dev.syndicast.posts.control.PostImport;
import dev.syndicast.posts.control.PostImportItems;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Hands the chunk's drafts to the posts boundary, which writes them with their results in the chunk's transaction
 * (one statement per table): a failed chunk leaves nothing behind, and a restart skips rows already done, so no post
 * is created twice. In a dry run the drafts are only checked.
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
    PostImportItems items;

    private boolean restart;

    @Override
    public void open(Serializable checkpoint) {
        // A first run meets every row for the first time; only a restart has to look for rows done before.
        JobOperator operator = BatchRuntime.getJobOperator();
        restart = operator.getJobExecutions(operator.getJobInstance(job.getExecutionId())).size() > 1;
    }

    @Override
    public void writeItems(List<Object> chunk) {
        items.importPosts(job.getInstanceId(), job.getJobName(), UUID.fromString(workspaceId),
                chunk.stream().map(PostImport.class::cast).toList(), Boolean.parseBoolean(dryRun), restart);
    }
}
