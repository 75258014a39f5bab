package dev.syndicast.scheduling.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Finished tasks, as the housekeeping batch job sees them. */
public interface FinishedTasks {

    /** Ids of tasks finished before {@code cutoff}, ascending, strictly after {@code after} (null = from the start). */
    List<UUID> findFinishedBefore(Instant cutoff, UUID after, int limit);

    /** @return how many were deleted (a task already gone is not an error) */
    int delete(List<UUID> ids);
}
