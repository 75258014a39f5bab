package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.ItemOutcome;

import java.util.UUID;

/**
 * What every batch artifact calls to note an item's outcome under its job instance: the run's report, and what a
 * restart leaves alone. The work an item stands for goes through a port of the capability whose job it is
 * ({@code PostImportItems} of posts, {@code MediaImportItems} of media, {@code FolderUploadItems} of publishing):
 * batch sits below those capabilities and knows none of them. The server's implementation is {@link ServerJobItems};
 * the JBeret SE tests replace it and the ports with an in-memory one.
 */
public interface JobItems {

    /** Notes an item's outcome under its job instance (again for a restarted item: the later outcome wins). */
    void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome);
}
