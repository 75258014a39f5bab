package dev.syndicast.posts.batch;

import dev.syndicast.batch.control.JobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.UUID;

/** Notes every skipped row with its number and reason: the error report of the run. */
@Named
@Dependent
public class RowErrorListener implements SkipProcessListener {

    @Inject
    @BatchProperty
    String workspaceId;

    @Inject
    JobContext job;

    @Inject
    JobItems items;

    @Override
    public void onSkipProcessItem(Object item, Exception e) {
        long number = e instanceof RowRejectedException rejected ? rejected.row() : ((CsvRow) item).number();
        String excerpt = e instanceof RowRejectedException rejected ? rejected.excerpt() : "";
        items.record(job.getInstanceId(), job.getJobName(), UUID.fromString(workspaceId), number, excerpt, ItemOutcome.failed(e.getMessage()));
    }
}
