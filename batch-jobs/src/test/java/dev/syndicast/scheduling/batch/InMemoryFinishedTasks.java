package dev.syndicast.scheduling.batch;

import dev.syndicast.scheduling.control.FinishedTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the JPA store when the job runs in JBeret SE: finished tasks by id with their completion
 * time, and a switch that makes the n-th delete fail, to exercise restart from a checkpoint.
 */
@ApplicationScoped
public class InMemoryFinishedTasks implements FinishedTasks {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final Map<UUID, Instant> tasks = new ConcurrentSkipListMap<>();
    private final List<UUID> deleted = new ArrayList<>();
    private final AtomicInteger deleteCalls = new AtomicInteger();
    private volatile int failOnDeleteCall = -1;

    @Produces
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    void reset() {
        tasks.clear();
        deleted.clear();
        deleteCalls.set(0);
        failOnDeleteCall = -1;
    }

    void add(UUID id, Instant completedAt) {
        tasks.put(id, completedAt);
    }

    void failOnDeleteCall(int call) {
        failOnDeleteCall = call;
    }

    List<UUID> deleted() {
        return List.copyOf(deleted);
    }

    int remaining() {
        return tasks.size();
    }

    @Override
    public List<UUID> findFinishedBefore(Instant cutoff, UUID after, int limit) {
        return tasks.entrySet().stream()
                .filter(e -> after == null || e.getKey().compareTo(after) > 0)
                .filter(e -> e.getValue().isBefore(cutoff))
                .map(Map.Entry::getKey)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int delete(List<UUID> ids) {
        if (deleteCalls.incrementAndGet() == failOnDeleteCall) {
            throw new IllegalStateException("simulated database outage on delete call " + failOnDeleteCall);
        }
        int count = 0;
        for (UUID id : ids) {
            if (tasks.remove(id) != null) {
                deleted.add(id);
                count++;
            }
        }
        return count;
    }
}
