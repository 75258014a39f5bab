package dev.syndicast.posts.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.TimeOrderedIds;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import org.hibernate.annotations.BatchSize;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A post of one workspace and the targets it goes to. Its status changes only through the methods below, which
 * refuse what the status machine does not allow; once publishing has begun, the content is frozen.
 */
@Entity
@Table(name = "posts")
@NamedQuery(name = Post.FIND_IN_WORKSPACE, query = "select p from Post p where p.id = :id and p.workspaceId = :workspace")
@NamedQuery(name = Post.FIND_BY_SOURCE,
        query = "select p from Post p where p.workspaceId = :workspace and p.sourceId = :sourceId order by p.createdAt")
@NamedQuery(name = Post.LOCK_BY_IDS, query = "select p from Post p where p.id in :ids order by p.id")
public class Post {

    public static final String FIND_IN_WORKSPACE = "Post.findInWorkspace";
    public static final String FIND_BY_SOURCE = "Post.findBySource";
    public static final String LOCK_BY_IDS = "Post.lockByIds";

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Convert(converter = StatusConverters.Post.class)
    @Column(nullable = false, length = 24)
    private PostStatus status;

    @Column(columnDefinition = "text")
    private String text;
    private String title;
    @Column(name = "platform_overrides", columnDefinition = "text")
    private String platformOverrides;
    @Column(name = "thread_parts", columnDefinition = "text")
    private String threadParts;
    @Column(columnDefinition = "text")
    private String media;
    @Column(columnDefinition = "text")
    private String hashtags;
    @Column(columnDefinition = "text")
    private String tags;
    @Column(columnDefinition = "text")
    private String labels;
    private String category;
    @Column(name = "folder_path")
    private String folderPath;
    private String campaign;
    /** The campaign the post belongs to (campaigns.entity.Campaign), or null; {@link #campaign} is a free-text label. */
    @Column(name = "campaign_id")
    private UUID campaignId;
    @Column(length = 35)
    private String language;
    @Column(name = "source_id")
    private String sourceId;
    @Column(name = "source_system")
    private String sourceSystem;
    @Column(name = "video_id")
    private String videoId;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "published_at")
    private Instant publishedAt;

    // Eager: every use of a post (views outside the transaction, publishing, validation) needs its targets; batch
    // fetching loads the targets of a page of posts in one query.
    @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @OrderBy("position")
    private List<PostTarget> targets = new ArrayList<>();

    @Version
    private long version;

    protected Post() {
        // JPA
    }

    public Post(UUID workspaceId, PostContent content, String sourceId, String sourceSystem, String videoId, String createdBy,
                Instant now) {
        this.id = TimeOrderedIds.next();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.status = PostStatus.DRAFT;
        this.sourceId = sourceId;
        this.sourceSystem = sourceSystem;
        this.videoId = videoId;
        this.createdBy = createdBy;
        this.createdAt = now;
        apply(content, now);
    }

    public PostTarget addTarget(String platform, UUID accountId, Instant scheduledAt, String text, String title, String caption) {
        return addTarget(platform, accountId, scheduledAt, text, title, caption, null);
    }

    /** A new target with the platform's settings for it ({@code options}: a JSON object, or null for none). */
    public PostTarget addTarget(String platform, UUID accountId, Instant scheduledAt, String text, String title, String caption,
                                String options) {
        requireEditable("get a new target");
        PostTarget target = new PostTarget(this, targets.size(), platform, accountId, scheduledAt, text, title, caption,
                options, status == PostStatus.SCHEDULED ? TargetStatus.SCHEDULED : TargetStatus.DRAFT);
        targets.add(target);
        return target;
    }

    /** Replaces the targets that have not been published yet (an edit of the target list). */
    public void clearOpenTargets() {
        requireEditable("change its targets");
        targets.removeIf(t -> !t.getStatus().isFinal());
    }

    public void edit(PostContent content, Instant now) {
        requireEditable("be edited");
        apply(content, now);
    }

    /** Queues the post: every draft target (and every failed one, tried again) becomes scheduled. */
    public void schedule(Instant now) {
        if (status != PostStatus.DRAFT && status != PostStatus.SCHEDULED && status != PostStatus.FAILED) {
            throw new IllegalTransitionException("Post", status.wire(), "be scheduled");
        }
        if (targets.isEmpty()) {
            throw new InvalidInputException("A post needs at least one target (platform and account) to be scheduled");
        }
        for (PostTarget target : targets) {
            if (target.getStatus() == TargetStatus.DRAFT || target.getStatus() == TargetStatus.FAILED) {
                target.schedule();
            }
        }
        status = PostStatus.SCHEDULED;
        updatedAt = now;
    }

    /**
     * Moves every target that can still be published to {@code at}: waiting ones, and failed ones, which are tried
     * again. Published and cancelled targets keep their time.
     */
    public void rescheduleOpenTargets(Instant at) {
        requireEditable("be rescheduled");
        targets.stream().filter(t -> t.getStatus() != TargetStatus.PUBLISHED && t.getStatus() != TargetStatus.CANCELLED)
                .forEach(t -> t.reschedule(at));
    }

    /**
     * Links the post to a campaign of its workspace ({@code null}: to none); the caller has checked that the campaign
     * takes posts. Only while the post can be edited.
     */
    public void linkToCampaign(UUID campaign, Instant now) {
        if (Objects.equals(campaign, campaignId)) {
            return;
        }
        requireEditable("move to another campaign");
        campaignId = campaign;
        updatedAt = now;
    }

    /**
     * Queues a draft post with a time for each of its draft targets ({@code times} by target id, as a campaign's run
     * planned them): the post is scheduled whole, so a draft target without a time refuses the lot.
     */
    public void scheduleAt(Map<UUID, Instant> times, Instant now) {
        if (status != PostStatus.DRAFT) {
            throw new IllegalTransitionException("Post", status.wire(), "be scheduled by its campaign (only drafts are)");
        }
        List<PostTarget> drafts = targets.stream().filter(t -> t.getStatus() == TargetStatus.DRAFT).toList();
        for (PostTarget target : drafts) {
            if (times.get(target.getId()) == null) {
                throw new InvalidInputException("Target " + target.getPlatform() + " of post " + id + " has no planned time");
            }
        }
        drafts.forEach(t -> t.reschedule(times.get(t.getId())));
        schedule(now);
    }

    /** Moves every waiting (or failed) target to {@code now} and queues the post, so its targets are due at once. */
    public void publishNow(Instant now) {
        requireEditable("be published now");
        targets.stream().filter(t -> t.getStatus() == TargetStatus.DRAFT || t.getStatus() == TargetStatus.SCHEDULED
                || t.getStatus() == TargetStatus.FAILED).forEach(t -> t.reschedule(now));
        schedule(now);
        settle(now);
    }

    /** Back to draft: nothing is queued any more. */
    public void unschedule(Instant now) {
        if (status != PostStatus.SCHEDULED && status != PostStatus.DRAFT) {
            throw new IllegalTransitionException("Post", status.wire(), "return to draft");
        }
        targets.stream().filter(t -> t.getStatus() == TargetStatus.SCHEDULED).forEach(PostTarget::unschedule);
        status = PostStatus.DRAFT;
        updatedAt = now;
    }

    /** Deleting a post cancels it (the record stays); refused while a target is being published. */
    public void cancel(Instant now) {
        if (status == PostStatus.CANCELLED) {
            return;
        }
        if (status == PostStatus.PUBLISHING || status == PostStatus.PUBLISHED || status == PostStatus.PARTIALLY_PUBLISHED) {
            throw new IllegalTransitionException("Post", status.wire(), "be cancelled");
        }
        targets.stream().filter(t -> !t.getStatus().isFinal()).forEach(PostTarget::cancel);
        status = PostStatus.CANCELLED;
        updatedAt = now;
    }

    /**
     * Derives the post's status from its targets after one of them moved: publishing while any target is being
     * published, then published, partially published (some failed) or failed once every target is settled.
     */
    public void settle(Instant now) {
        if (status == PostStatus.DRAFT || status == PostStatus.CANCELLED) {
            return;
        }
        long publishing = count(TargetStatus.PUBLISHING);
        long scheduled = count(TargetStatus.SCHEDULED) + count(TargetStatus.DRAFT);
        long published = count(TargetStatus.PUBLISHED);
        long failed = count(TargetStatus.FAILED);
        PostStatus next;
        if (publishing > 0) {
            next = PostStatus.PUBLISHING;
        } else if (scheduled > 0) {
            next = PostStatus.SCHEDULED;
        } else if (published > 0) {
            next = failed > 0 ? PostStatus.PARTIALLY_PUBLISHED : PostStatus.PUBLISHED;
        } else {
            next = failed > 0 ? PostStatus.FAILED : PostStatus.CANCELLED;
        }
        if (next == PostStatus.PUBLISHED || next == PostStatus.PARTIALLY_PUBLISHED) {
            publishedAt = publishedAt == null ? now : publishedAt;
        }
        if (next != status) {
            status = next;
            updatedAt = now;
        }
    }

    public PostTarget target(UUID targetId) {
        return targets.stream().filter(t -> t.getId().equals(targetId)).findFirst()
                .orElseThrow(() -> new InvalidInputException("No target " + targetId + " on post " + id));
    }

    /** Content and targets may change only before publishing begins (and after a failure, to try again). */
    public boolean isEditable() {
        return status == PostStatus.DRAFT || status == PostStatus.SCHEDULED || status == PostStatus.FAILED;
    }

    private void requireEditable(String action) {
        if (!isEditable()) {
            throw new IllegalTransitionException("Post", status.wire(), action);
        }
    }

    private long count(TargetStatus s) {
        return targets.stream().filter(t -> t.getStatus() == s).count();
    }

    private void apply(PostContent c, Instant now) {
        text = c.text();
        title = c.title();
        platformOverrides = c.platformOverridesJson();
        threadParts = c.threadPartsJson();
        media = c.mediaJson();
        hashtags = c.hashtagsJson();
        tags = c.tagsJson();
        labels = c.labelsJson();
        category = c.category();
        folderPath = c.folderPath();
        campaign = c.campaign();
        language = c.language();
        updatedAt = now;
    }

    public PostContent content() {
        return new PostContent(text, title, platformOverrides, threadParts, media, hashtags, tags, labels, category, folderPath,
                campaign, language);
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public UUID getCampaignId() { return campaignId; }
    public PostStatus getStatus() { return status; }
    public String getSourceId() { return sourceId; }
    public String getSourceSystem() { return sourceSystem; }
    public String getVideoId() { return videoId; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getPublishedAt() { return publishedAt; }
    public List<PostTarget> getTargets() { return Collections.unmodifiableList(targets); }
}
