package dev.syndicast.batch.control;

import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.control.BulkInsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link JobItems} on the server, and the results table for the capabilities that do the items' work: everything in
 * the caller's transaction (a chunk's, or one item's own), so an item's outcome commits with what the item made.
 */
@ApplicationScoped
public class ServerJobItems implements JobItems {

    /** A chunk's results in one statement; an item a restarted run does again gets its new outcome. */
    private static final BulkInsert<BatchItemResult> RESULTS = BulkInsert.<BatchItemResult>into("batch_item_results")
            .integer("job_instance_id", r -> r.getKey().jobInstanceId())
            .integer("item_number", r -> r.getKey().itemNumber())
            .uuid("workspace_id", BatchItemResult::getWorkspaceId)
            .text("job_name", BatchItemResult::getJobName)
            .text("item", BatchItemResult::getItem)
            .text("outcome", BatchItemResult::getOutcome)
            .text("detail", BatchItemResult::getDetail)
            .text("reference", BatchItemResult::getReference)
            .timestamp("recorded_at", BatchItemResult::getRecordedAt)
            .onConflict("(job_instance_id, item_number) do update set item = excluded.item, outcome = excluded.outcome,"
                    + " detail = excluded.detail, reference = excluded.reference, recorded_at = excluded.recorded_at");

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** One item of a chunk: its number, what the report shows of it, and its outcome. */
    public record Item(long number, String summary, ItemOutcome outcome) {
    }

    @Override
    public void record(long jobInstanceId, String jobName, UUID workspaceId, long itemNumber, String item, ItemOutcome outcome) {
        BatchItemResult.store(em, jobInstanceId, jobName, workspaceId, itemNumber, item, outcome, clock.instant());
    }

    /** The outcomes of a chunk's items, in one statement. */
    public void recordAll(long jobInstanceId, String jobName, UUID workspaceId, List<Item> items) {
        Instant now = clock.instant();
        RESULTS.write(em, items.stream()
                .map(i -> new BatchItemResult(jobInstanceId, i.number(), workspaceId, jobName, i.summary(), i.outcome(), now))
                .toList());
    }

    /** The items among {@code numbers} an earlier run of the job instance already did, with their outcomes. */
    public Map<Long, ItemOutcome> doneAmong(long jobInstanceId, List<Long> numbers) {
        return BatchItemResult.doneAmong(em, jobInstanceId, numbers);
    }

    /** The outcome of one item, if an earlier run of the job instance did it. */
    public Optional<ItemOutcome> done(long jobInstanceId, long itemNumber) {
        BatchItemResult done = em.find(BatchItemResult.class, new BatchItemResult.Key(jobInstanceId, itemNumber));
        return done != null && "ok".equals(done.getOutcome())
                ? Optional.of(ItemOutcome.done(done.getReference(), done.getDetail())) : Optional.empty();
    }
}
