package dev.syndicast.publishing.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.TimeOrderedIds;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Publishing one post target: when, how often it was tried, and what the platform answered. The row is the source
 * of truth; messages carry only the id and the dispatch generation, so a stale or duplicate message changes nothing.
 */
@Entity
@Table(name = "publish_jobs")
@NamedQuery(name = PublishJob.LOCK_BY_IDS, query = "select j from PublishJob j where j.id in :ids order by j.id")
@NamedQuery(name = PublishJob.FIND_BY_TARGETS, query = "select j from PublishJob j where j.targetId in :targets")
@NamedQuery(name = PublishJob.FIND_IN_WORKSPACE, query = "select j from PublishJob j where j.id = :id and j.workspaceId = :workspace")
@NamedQuery(name = PublishJob.LIST_IN_WORKSPACE,
        query = "select j from PublishJob j where j.workspaceId = :workspace and (:status is null or j.status = :status) order by j.runAt")
@NamedQuery(name = PublishJob.COUNT_BY_STATUS,
        query = "select j.status, count(j) from PublishJob j where j.workspaceId = :workspace group by j.status")
@NamedQuery(name = PublishJob.CLEAR_ATTEMPTS,
        query = "delete from PublishJob j where j.workspaceId = :workspace and j.status in :statuses")
public class PublishJob {

    public static final String LOCK_BY_IDS = "PublishJob.lockByIds";
    public static final String FIND_BY_TARGETS = "PublishJob.findByTargets";
    public static final String FIND_IN_WORKSPACE = "PublishJob.findInWorkspace";
    public static final String LIST_IN_WORKSPACE = "PublishJob.listInWorkspace";
    public static final String COUNT_BY_STATUS = "PublishJob.countByStatus";
    public static final String CLEAR_ATTEMPTS = "PublishJob.clearAttempts";
    static final int MAX_ERROR_LENGTH = 2000;

    @Id
    private UUID id;
    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;
    @Column(name = "post_id", nullable = false)
    private UUID postId;
    @Column(name = "target_id", nullable = false)
    private UUID targetId;

    @Convert(converter = StatusConverter.class)
    @Column(nullable = false, length = 24)
    private JobStatus status;

    @Column(name = "run_at", nullable = false)
    private Instant runAt;
    @Column(nullable = false)
    private int generation;
    @Column(name = "verify_first", nullable = false)
    private boolean verifyFirst;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "max_attempts", nullable = false)
    private int maxAttempts;
    @Column(nullable = false)
    private int checks;
    @Column(name = "idempotency_key", nullable = false, unique = true)
    private String idempotencyKey;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "last_error", columnDefinition = "text")
    private String lastError;
    @Column(name = "external_id")
    private String externalId;
    @Column(name = "external_url")
    private String externalUrl;
    /** The connector's note of a multi-step publish's finished steps (see {@link #stepDone}); null before the first. */
    @Column(name = "platform_state", columnDefinition = "text")
    private String platformState;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected PublishJob() {
        // JPA
    }

    public PublishJob(UUID workspaceId, UUID postId, UUID targetId, Instant runAt, int maxAttempts, Instant now) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.id = TimeOrderedIds.next();
        this.workspaceId = Objects.requireNonNull(workspaceId);
        this.postId = Objects.requireNonNull(postId);
        this.targetId = Objects.requireNonNull(targetId);
        this.runAt = Objects.requireNonNull(runAt);
        this.maxAttempts = maxAttempts;
        // One key for every attempt of this job: the platform (or our check) recognises a repeat by it.
        this.idempotencyKey = "syn-" + id;
        this.status = JobStatus.PENDING;
        this.createdAt = now;
    }

    /**
     * A dispatcher claimed the job. Claiming one that was left publishing (its instance died) or whose outcome is
     * unknown means the platform is asked first.
     */
    public void dispatch(Instant now) {
        switch (status) {
            case PENDING, DISPATCHED -> { }
            case PUBLISHING, OUTCOME_UNKNOWN -> verifyFirst = true;
            default -> throw new IllegalTransitionException("Publish job", status.wire(), "be dispatched");
        }
        status = JobStatus.DISPATCHED;
        generation++;
        dispatchedAt = now;
    }

    /**
     * The message of dispatch {@code generation} arrived. Returns false for a stale or duplicate message. A
     * redelivery finding the job still publishing (the instance died mid-call) starts again, asking first.
     */
    public boolean start(int generation, Instant now) {
        if (generation != this.generation) {
            return false;
        }
        if (status == JobStatus.PUBLISHING) {
            verifyFirst = true;
        } else if (status != JobStatus.DISPATCHED) {
            return false;
        }
        status = JobStatus.PUBLISHING;
        startedAt = now;
        return true;
    }

    /** Whether this attempt must ask the platform before publishing (a previous one may have gone through). */
    public boolean mustVerifyFirst() {
        return verifyFirst;
    }

    public void published(String externalId, String externalUrl, Instant now) {
        requirePublishing("be marked published");
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        this.lastError = null;
        this.verifyFirst = false;
        this.platformState = null;
        attempts++;
        status = JobStatus.PUBLISHED;
        completedAt = now;
    }

    /** Found on the platform by its idempotency key: a previous attempt went through. */
    public void confirmed(String externalId, String externalUrl, Instant now) {
        requirePublishing("be confirmed");
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        this.lastError = null;
        this.verifyFirst = false;
        this.platformState = null;
        status = JobStatus.PUBLISHED;
        completedAt = now;
    }

    /**
     * The platform provably did not act on the call (nothing was sent, 429, 408, or a code it documents as "not
     * processed"), so it may be repeated without asking first. Returns true when another attempt is scheduled at
     * {@code retryAt}, false when the attempts are used up and the job failed.
     */
    public boolean notProcessed(String error, Instant retryAt, Instant now) {
        requirePublishing("record an attempt that was not processed");
        attempts++;
        verifyFirst = false;
        lastError = truncate(error);
        if (attempts >= maxAttempts) {
            status = JobStatus.FAILED;
            completedAt = now;
            return false;
        }
        status = JobStatus.PENDING;
        runAt = retryAt;
        return true;
    }

    /**
     * Nothing was sent, and through no fault of the call: the post is not ready (its media is still importing) or the
     * platform's rate limit is spent until {@code at}. Back to waiting, without using up an attempt; the steps done so
     * far are kept.
     */
    public void postpone(String reason, Instant at) {
        requirePublishing("be postponed");
        waitUntil(reason, at);
    }

    /**
     * One step of a multi-step publish is done on the platform and nothing visible exists yet (media uploaded, still
     * being processed): {@code state} records where it stands and is stored before the next call, so the next
     * attempt, here or after a restart, resumes from it. The job waits until {@code at}, through the dispatcher like
     * any other, and no attempt is used up: a step is progress, not a failure. The connector bounds how long it waits
     * for a step and answers "start over" when one can no longer succeed.
     */
    public void stepDone(String state, String note, Instant at) {
        requirePublishing("record a publishing step");
        platformState = Objects.requireNonNull(state, "a step's state");
        waitUntil(note, at);
    }

    /** Back to waiting without a call in doubt and without using up an attempt. */
    private void waitUntil(String reason, Instant at) {
        lastError = truncate(reason);
        verifyFirst = false;
        status = JobStatus.PENDING;
        runAt = Objects.requireNonNull(at);
    }

    /**
     * A stored step can no longer succeed (processing failed, an upload expired) and nothing visible was created:
     * the steps are forgotten and the job starts from the first one, as one more attempt. Returns true when it is
     * scheduled at {@code retryAt}, false when the attempts are used up and the job failed (safe: no post exists).
     */
    public boolean startOver(String error, Instant retryAt, Instant now) {
        requirePublishing("start its steps over");
        platformState = null;
        return notProcessed(error, retryAt, now);
    }

    /** The platform refused the call for good (a 4xx other than 408 and 429): one attempt, and the job failed. */
    public void failed(String error, Instant now) {
        requirePublishing("fail");
        attempts++;
        finishFailed(error, now);
    }

    /**
     * Failed without a call in this attempt: nothing can be published (account gone, no connector, media failed), or
     * the platform confirmed that no earlier attempt created the post and none is left.
     */
    public void abandoned(String error, Instant now) {
        if (status != JobStatus.PUBLISHING && status != JobStatus.PENDING) {
            throw new IllegalTransitionException("Publish job", status.wire(), "fail");
        }
        finishFailed(error, now);
    }

    private void finishFailed(String error, Instant now) {
        lastError = truncate(error);
        platformState = null;
        verifyFirst = false;
        status = JobStatus.FAILED;
        completedAt = now;
    }

    /** Whether an attempt is left once a check has shown that no earlier one created the post. */
    public boolean hasAttemptsLeft() {
        return attempts < maxAttempts;
    }

    /**
     * The call may have reached the platform (5xx, timeout or broken connection after sending, an unreadable answer),
     * or the platform could not be asked whether it did. Nothing is sent again until a check at {@code checkAt} has
     * looked the post up, and the job never fails while its post may exist: it keeps asking, with back-off.
     *
     * @param called whether a publish call went out in this attempt (it counts as an attempt)
     * @return true exactly once, when the outcome has been unknown {@code maxAttempts} times, so the
     *         owner can be told that a post needs a look
     */
    public boolean outcomeUnknown(String error, boolean called, Instant checkAt, Instant now) {
        requirePublishing("have an unknown outcome");
        if (called) {
            attempts++;
        }
        checks++;
        lastError = truncate(error);
        verifyFirst = true;
        status = JobStatus.OUTCOME_UNKNOWN;
        runAt = Objects.requireNonNull(checkAt);
        return checks == maxAttempts;
    }

    /** The owner cancelled the post or the target; refused while a call may be under way. */
    public void cancel(Instant now) {
        if (status == JobStatus.PUBLISHING || status == JobStatus.OUTCOME_UNKNOWN || status == JobStatus.PUBLISHED) {
            throw new IllegalTransitionException("Publish job", status.wire(), "be cancelled");
        }
        if (status == JobStatus.CANCELLED) {
            return;
        }
        status = JobStatus.CANCELLED;
        platformState = null;
        generation++;
        completedAt = now;
    }

    /** Moves the job's time; a message already on its way for the old time is ignored (new generation). */
    public void reschedule(Instant at) {
        if (status != JobStatus.PENDING && status != JobStatus.DISPATCHED && status != JobStatus.FAILED) {
            throw new IllegalTransitionException("Publish job", status.wire(), "be rescheduled");
        }
        if (status == JobStatus.FAILED) {
            attempts = 0;
            checks = 0;
            completedAt = null;
        }
        status = JobStatus.PENDING;
        generation++;
        runAt = Objects.requireNonNull(at);
    }

    /**
     * The job's target moved to {@code at}. A job not tried yet moves with it; one that has been tried keeps the
     * time its retry or check was given, and one under way or done is left alone. The same time changes nothing,
     * so a message already on its way stays valid.
     */
    public void followTarget(Instant at) {
        if ((status == JobStatus.PENDING || status == JobStatus.DISPATCHED) && attempts == 0 && !runAt.equals(at)) {
            reschedule(at);
        }
    }

    private void requirePublishing(String action) {
        if (status != JobStatus.PUBLISHING) {
            throw new IllegalTransitionException("Publish job", status.wire(), action);
        }
    }

    private static String truncate(String error) {
        return error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH));
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public UUID getPostId() { return postId; }
    public UUID getTargetId() { return targetId; }
    public JobStatus getStatus() { return status; }
    public Instant getRunAt() { return runAt; }
    public int getGeneration() { return generation; }
    public int getAttempts() { return attempts; }
    public int getMaxAttempts() { return maxAttempts; }
    public int getChecks() { return checks; }
    public String getIdempotencyKey() { return idempotencyKey; }
    public Instant getDispatchedAt() { return dispatchedAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public String getLastError() { return lastError; }
    public String getExternalId() { return externalId; }
    public String getExternalUrl() { return externalUrl; }
    public Instant getCreatedAt() { return createdAt; }
    public String getPlatformState() { return platformState; }

    @Converter
    public static class StatusConverter implements AttributeConverter<JobStatus, String> {
        @Override
        public String convertToDatabaseColumn(JobStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public JobStatus convertToEntityAttribute(String value) {
            return value == null ? null : JobStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
