package dev.syndicast.posts.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** The post on one account of one platform at one time, with its own status and the platform's answer. */
@Entity
@Table(name = "post_targets")
public class PostTarget {

    static final int MAX_ERROR_LENGTH = 2000;

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    private Post post;

    @Column(nullable = false)
    private int position;
    @Column(nullable = false, length = 32)
    private String platform;
    @Column(name = "account_id", nullable = false)
    private UUID accountId;
    @Column(name = "scheduled_at")
    private Instant scheduledAt;
    @Column(columnDefinition = "text")
    private String text;
    private String title;
    @Column(columnDefinition = "text")
    private String caption;
    /** The platform's settings for this target, a JSON object as checked against the platform's options; null: none. */
    @Column(columnDefinition = "text")
    private String options;

    @Convert(converter = StatusConverters.Target.class)
    @Column(nullable = false, length = 24)
    private TargetStatus status;

    @Column(name = "external_id")
    private String externalId;
    @Column(name = "external_url")
    private String externalUrl;
    @Column(name = "last_error", columnDefinition = "text")
    private String lastError;
    @Column(name = "published_at")
    private Instant publishedAt;

    @Version
    private long version;

    protected PostTarget() {
        // JPA
    }

    PostTarget(Post post, int position, String platform, UUID accountId, Instant scheduledAt, String text, String title,
               String caption, String options, TargetStatus status) {
        if (platform == null || platform.isBlank() || accountId == null) {
            throw new InvalidInputException("A target needs a platform and an account");
        }
        this.id = TimeOrderedIds.next();
        this.post = post;
        this.position = position;
        this.platform = platform;
        this.accountId = accountId;
        this.scheduledAt = scheduledAt;
        this.text = text;
        this.title = title;
        this.caption = caption;
        this.options = options;
        this.status = status;
        if (status == TargetStatus.SCHEDULED && scheduledAt == null) {
            throw new InvalidInputException("A scheduled target needs scheduled_at (" + platform + ")");
        }
    }

    void schedule() {
        if (status != TargetStatus.DRAFT && status != TargetStatus.FAILED && status != TargetStatus.SCHEDULED) {
            throw new IllegalTransitionException("Target", status.wire(), "be scheduled");
        }
        if (scheduledAt == null) {
            throw new InvalidInputException("Target " + platform + " needs scheduled_at to be scheduled");
        }
        status = TargetStatus.SCHEDULED;
        lastError = null;
    }

    void unschedule() {
        requireStatus(TargetStatus.SCHEDULED, "return to draft");
        status = TargetStatus.DRAFT;
    }

    void cancel() {
        if (status == TargetStatus.PUBLISHING || status == TargetStatus.PUBLISHED) {
            throw new IllegalTransitionException("Target", status.wire(), "be cancelled");
        }
        status = TargetStatus.CANCELLED;
    }

    /** Moves the target's time; only while it waits. */
    public void reschedule(Instant at) {
        if (status != TargetStatus.SCHEDULED && status != TargetStatus.DRAFT && status != TargetStatus.FAILED) {
            throw new IllegalTransitionException("Target", status.wire(), "be rescheduled");
        }
        if (at == null) {
            throw new InvalidInputException("scheduled_at is required");
        }
        scheduledAt = at;
        if (status == TargetStatus.FAILED) {
            status = TargetStatus.SCHEDULED;
            lastError = null;
        }
    }

    /** The first attempt begins (a retry keeps the target publishing). */
    public void startPublishing() {
        if (status == TargetStatus.PUBLISHING) {
            return;
        }
        requireStatus(TargetStatus.SCHEDULED, "start publishing");
        status = TargetStatus.PUBLISHING;
    }

    public void published(String externalId, String externalUrl, Instant now) {
        requireStatus(TargetStatus.PUBLISHING, "be marked published");
        this.externalId = externalId;
        this.externalUrl = externalUrl;
        this.lastError = null;
        this.publishedAt = now;
        status = TargetStatus.PUBLISHED;
    }

    /** Attempts exhausted or refused for good; a scheduled target can fail before it starts (account gone). */
    public void failed(String error) {
        if (status != TargetStatus.PUBLISHING && status != TargetStatus.SCHEDULED) {
            throw new IllegalTransitionException("Target", status.wire(), "fail");
        }
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH));
        status = TargetStatus.FAILED;
    }

    /** The last failure, kept while a retry waits. */
    public void attemptFailed(String error) {
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH));
    }

    private void requireStatus(TargetStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransitionException("Target", status.wire(), action);
        }
    }

    public UUID getId() { return id; }
    public Post getPost() { return post; }
    public int getPosition() { return position; }
    public String getPlatform() { return platform; }
    public UUID getAccountId() { return accountId; }
    public Instant getScheduledAt() { return scheduledAt; }
    public String getText() { return text; }
    public String getTitle() { return title; }
    public String getCaption() { return caption; }
    public String getOptions() { return options; }
    public TargetStatus getStatus() { return status; }
    public String getExternalId() { return externalId; }
    public String getExternalUrl() { return externalUrl; }
    public String getLastError() { return lastError; }
    public Instant getPublishedAt() { return publishedAt; }
}
