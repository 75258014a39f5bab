package dev.syndicast.scheduling.batch;

import dev.syndicast.scheduling.control.FinishedTasks;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Reads the ids of finished tasks older than the cut-off, a page at a time, in id order.
 * The checkpoint is the last id handed out, so a restart continues after it instead of from the start.
 */
@Named
@Dependent
public class FinishedTaskReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String olderThanDays;

    @Inject
    @BatchProperty
    String pageSize;

    @Inject
    FinishedTasks finishedTasks;

    @Inject
    Clock clock;

    private final Deque<UUID> page = new ArrayDeque<>();
    private Instant cutoff;
    private UUID last;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        int days = Integer.parseInt(olderThanDays.strip());
        if (days < 0) {
            throw new IllegalArgumentException("olderThanDays must not be negative: " + days);
        }
        cutoff = clock.instant().minus(Duration.ofDays(days));
        last = (UUID) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            int size = Integer.parseInt(pageSize.strip());
            var ids = finishedTasks.findFinishedBefore(cutoff, last, size);
            page.addAll(ids);
            exhausted = ids.size() < size;
        }
        UUID next = page.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
