package dev.syndicast.scheduling.batch;

import dev.syndicast.scheduling.control.FinishedTasks;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.UUID;

/** Deletes one chunk of finished tasks in the chunk's transaction. */
@Named
@Dependent
public class FinishedTaskWriter extends AbstractItemWriter {

    @Inject
    FinishedTasks finishedTasks;

    @Override
    public void writeItems(List<Object> items) {
        finishedTasks.delete(items.stream().map(UUID.class::cast).toList());
    }
}
