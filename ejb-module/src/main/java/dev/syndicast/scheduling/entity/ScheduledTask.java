package dev.syndicast.scheduling.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A unit of work due at {@code runAt}. The table is the source of truth for due times; timers and JMS
 * messages only carry the id, so a lost timer or message never loses the work.
 */
@Entity
@Table(name = "scheduled_tasks")
@NamedQuery(name = ScheduledTask.FIND_FINISHED_BEFORE,
        query = "select t.id from ScheduledTask t where t.status in :statuses and t.completedAt < :cutoff and t.id > :after order by t.id")
@NamedQuery(name = ScheduledTask.COUNT_BY_STATUS,
        query = "select t.status, count(t) from ScheduledTask t group by t.status")
public class ScheduledTask {

    public static final String FIND_FINISHED_BEFORE = "ScheduledTask.findFinishedBefore";
    public static final String COUNT_BY_STATUS = "ScheduledTask.countByStatus";
    static final int MAX_ERROR_LENGTH = 2000;

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String kind;

    @Column(columnDefinition = "text")
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskStatus status;

    @Column(name = "run_at", nullable = false)
    private Instant runAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;

    /** JMS deliveries of the current dispatch, as the broker counted them. */
    @Column(nullable = false)
    private int deliveries;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "last_error", columnDefinition = "text")
    private String lastError;

    @Column(columnDefinition = "text")
    private String result;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected ScheduledTask() {
        // JPA
    }

    public ScheduledTask(String kind, String payload, Instant runAt, int maxAttempts, Instant now) {
        if (kind == null || kind.isBlank() || kind.length() > 64) {
            throw new InvalidInputException("Task kind must be 1-64 characters");
        }
        if (maxAttempts < 1) {
            throw new InvalidInputException("max_attempts must be at least 1");
        }
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.payload = payload;
        this.runAt = Objects.requireNonNull(runAt, "runAt");
        this.maxAttempts = maxAttempts;
        this.status = TaskStatus.PENDING;
        this.createdAt = now;
    }

    /** The dispatcher claimed the task and is about to enqueue it. */
    public void dispatch(Instant now) {
        if (status != TaskStatus.PENDING && status != TaskStatus.DISPATCHED) {
            throw new IllegalTransitionException("Task", status, "be dispatched");
        }
        status = TaskStatus.DISPATCHED;
        dispatchedAt = now;
        deliveries = 0;
    }

    /** Whether a delivered message should run the handler now; duplicates and stale messages are ignored. */
    public boolean isRunnable() {
        return status == TaskStatus.DISPATCHED;
    }

    /** Records one JMS delivery of this dispatch (the broker's JMSXDeliveryCount). */
    public void delivered(int deliveryCount) {
        deliveries = Math.max(deliveries, deliveryCount);
    }

    public void complete(String result, Instant now) {
        requireDispatched("complete");
        attempts++;
        this.result = result;
        this.lastError = null;
        status = TaskStatus.DONE;
        completedAt = now;
    }

    /**
     * The handler reported a failure. A retryable failure is tried again after the back-off until
     * max_attempts is reached; a permanent one fails the task at once.
     *
     * @return true if another attempt is scheduled
     */
    public boolean fail(String error, boolean retryable, Instant now, Backoff backoff) {
        requireDispatched("fail");
        attempts++;
        lastError = truncate(error);
        if (!retryable || attempts >= maxAttempts) {
            status = TaskStatus.FAILED;
            completedAt = now;
            return false;
        }
        status = TaskStatus.PENDING;
        runAt = now.plus(backoff.delayBefore(attempts + 1));
        return true;
    }

    /** The broker gave up delivering the task (every delivery crashed); nothing retries it automatically. */
    public void deadLettered(String reason, Instant now) {
        if (status.isFinal()) {
            return;
        }
        lastError = truncate(reason);
        status = TaskStatus.FAILED;
        completedAt = now;
    }

    public void cancel(Instant now) {
        if (status.isFinal()) {
            throw new IllegalTransitionException("Task", status, "be cancelled");
        }
        status = TaskStatus.CANCELLED;
        completedAt = now;
    }

    /** A claim older than the lease whose message never arrived (lost before commit, purged queue) is claimed again. */
    public boolean leaseExpired(Instant now, Duration lease) {
        return status == TaskStatus.DISPATCHED && dispatchedAt != null && dispatchedAt.plus(lease).isBefore(now);
    }

    private void requireDispatched(String action) {
        if (status != TaskStatus.DISPATCHED) {
            throw new IllegalTransitionException("Task", status, action);
        }
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    public UUID getId() { return id; }
    public String getKind() { return kind; }
    public String getPayload() { return payload; }
    public TaskStatus getStatus() { return status; }
    public Instant getRunAt() { return runAt; }
    public int getAttempts() { return attempts; }
    public int getMaxAttempts() { return maxAttempts; }
    public int getDeliveries() { return deliveries; }
    public Instant getDispatchedAt() { return dispatchedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public String getLastError() { return lastError; }
    public String getResult() { return result; }
    public Instant getCreatedAt() { return createdAt; }
}
