package dev.syndicast.batch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** One item's outcome in a job instance. Written once per item: a restart that reaches it again overwrites it. */
@Entity
@Table(name = "batch_item_results")
@NamedQuery(name = BatchItemResult.LIST_FOR_INSTANCE,
        query = "select r from BatchItemResult r where r.key.jobInstanceId = :instance and r.workspaceId = :workspace"
                + " and (:errorsOnly = false or r.outcome = 'error') order by r.key.itemNumber")
@NamedQuery(name = BatchItemResult.COUNT_BY_OUTCOME,
        query = "select r.outcome, count(r) from BatchItemResult r where r.key.jobInstanceId = :instance group by r.outcome")
@NamedQuery(name = BatchItemResult.DONE_AMONG,
        query = "select r from BatchItemResult r where r.key.jobInstanceId = :instance and r.key.itemNumber in :numbers"
                + " and r.outcome = 'ok'")
public class BatchItemResult {

    public static final String LIST_FOR_INSTANCE = "BatchItemResult.listForInstance";
    public static final String COUNT_BY_OUTCOME = "BatchItemResult.countByOutcome";
    public static final String DONE_AMONG = "BatchItemResult.doneAmong";
    static final int MAX_ITEM_LENGTH = 1000;

    @EmbeddedId
    private Key key;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "job_name", nullable = false, length = 64)
    private String jobName;

    @Column(nullable = false, length = 1000)
    private String item;

    @Column(nullable = false, length = 8)
    private String outcome;

    @Column(columnDefinition = "text")
    private String detail;

    @Column(length = 200)
    private String reference;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected BatchItemResult() {
        // JPA
    }

    public BatchItemResult(long jobInstanceId, long itemNumber, UUID workspaceId, String jobName, String item,
                           ItemOutcome result, Instant now) {
        this.key = new Key(jobInstanceId, itemNumber);
        this.workspaceId = workspaceId;
        this.jobName = jobName;
        replace(item, result, now);
    }

    /** Notes an item's outcome in the current transaction; a later outcome for the same item replaces the earlier. */
    public static void store(EntityManager em, long jobInstanceId, String jobName, UUID workspaceId,
                             long itemNumber, String item, ItemOutcome outcome, Instant now) {
        BatchItemResult existing = em.find(BatchItemResult.class, new Key(jobInstanceId, itemNumber));
        if (existing == null) {
            em.persist(new BatchItemResult(jobInstanceId, itemNumber, workspaceId, jobName, item, outcome, now));
        } else {
            existing.replace(item, outcome, now);
        }
    }

    /** The items among {@code numbers} an earlier run of the job instance already did, with their outcomes. */
    public static Map<Long, ItemOutcome> doneAmong(EntityManager em, long jobInstanceId, List<Long> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery(DONE_AMONG, BatchItemResult.class).setParameter("instance", jobInstanceId)
                .setParameter("numbers", numbers).getResultStream()
                .collect(Collectors.toMap(r -> r.key.itemNumber(), r -> ItemOutcome.done(r.reference, r.detail)));
    }

    public void replace(String item, ItemOutcome result, Instant now) {
        String shown = item == null ? "" : item;
        this.item = shown.length() > MAX_ITEM_LENGTH ? shown.substring(0, MAX_ITEM_LENGTH - 1) + "…" : shown;
        this.outcome = result.ok() ? "ok" : "error";
        this.detail = result.detail();
        this.reference = result.reference();
        this.recordedAt = now;
    }

    public Key getKey() { return key; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getJobName() { return jobName; }
    public String getItem() { return item; }
    public String getOutcome() { return outcome; }
    public String getDetail() { return detail; }
    public String getReference() { return reference; }
    public Instant getRecordedAt() { return recordedAt; }

    @Embeddable
    public record Key(@Column(name = "job_instance_id") long jobInstanceId, @Column(name = "item_number") long itemNumber)
            implements Serializable {
    }
}
