package dev.syndicast.media.batch;

import dev.syndicast.batch.control.JobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.media.control.MediaImportItems;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.UUID;

/** Imports each URL of a chunk into the workspace's library and notes the outcome; a refused URL does not stop the job. */
@Named
@Dependent
public class MediaImportWriter extends AbstractItemWriter {

    static final int MAX_URL_LENGTH = 2000;

    @Inject
    @BatchProperty
    String workspaceId;

    @Inject
    JobContext job;

    @Inject
    JobItems items;

    @Inject
    MediaImportItems library;

    @Override
    public void writeItems(List<Object> chunk) {
        UUID workspace = UUID.fromString(workspaceId);
        for (Object element : chunk) {
            UrlItem item = (UrlItem) element;
            ItemOutcome outcome = item.url().isBlank() ? ItemOutcome.failed("No URL in this row")
                    : item.url().length() > MAX_URL_LENGTH ? ItemOutcome.failed("URL longer than " + MAX_URL_LENGTH + " characters")
                    : library.importMedia(workspace, item.url(), item.folderPath(), item.tags());
            items.record(job.getInstanceId(), job.getJobName(), workspace, item.number(), item.url(), outcome);
        }
    }
}
