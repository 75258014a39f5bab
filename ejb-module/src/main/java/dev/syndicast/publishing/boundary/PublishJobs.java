package dev.syndicast.publishing.boundary;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Accounts.PublishCredentials;
import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.engagement.boundary.Notifications;
import dev.syndicast.engagement.entity.Notification;
import dev.syndicast.media.boundary.MediaFiles;
import dev.syndicast.media.boundary.MediaFiles.MediaFile;
import dev.syndicast.media.boundary.MediaFiles.Readiness;
import dev.syndicast.posts.control.ContentOverride;
import dev.syndicast.posts.control.PostJson;
import dev.syndicast.posts.control.MediaReferences;
import dev.syndicast.posts.control.PostMedia;
import dev.syndicast.posts.control.RenderedPost;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.publishing.control.CheckOutcome;
import dev.syndicast.publishing.control.Connector;
import dev.syndicast.publishing.control.Connectors;
import dev.syndicast.publishing.control.PublishDispatch;
import dev.syndicast.publishing.control.PublishDispatch.JobTicket;
import dev.syndicast.publishing.control.PublishMedia;
import dev.syndicast.publishing.control.PublishOutcome;
import dev.syndicast.publishing.control.PublishRequest;
import dev.syndicast.publishing.control.PublishSettings;
import dev.syndicast.publishing.control.PublishWork;
import dev.syndicast.publishing.control.RetryPolicy;
import dev.syndicast.publishing.entity.JobStatus;
import dev.syndicast.publishing.entity.PublishJob;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The facade of publish jobs: claims due ones for the publish queue, starts and records publish calls, and serves the
 * schedule routes ({@link dev.syndicast.publishing.control.TargetJobs} keeps the jobs in line with post targets).
 * Locks are always taken posts first, then jobs, both in id order, so edits, starts and results never deadlock; the
 * dispatcher skips locked jobs instead of waiting. Accounts and media are asked through their boundaries.
 */
@Stateless
public class PublishJobs {

    private static final Logger LOG = Logger.getLogger(PublishJobs.class.getName());
    /** Jobs due within this span share one message (the message is delivered at the latest of them). */
    private static final Duration MESSAGE_SPAN = Duration.ofMillis(100);
    /** How often a job whose media is still importing looks again. */
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(5);
    /** A reschedule a moment in the past (a clock a little behind ours) is due at once, not refused. */
    static final Duration RESCHEDULE_GRACE = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PublishSettings settings;

    @Inject
    PublishDispatch dispatch;

    @Inject
    Connectors connectors;

    @EJB
    Accounts accounts;

    @EJB
    MediaFiles mediaFiles;

    @Inject
    MediaReferences mediaReferences;

    @EJB
    Notifications notifications;

    // ---- dispatching -----------------------------------------------------------------------------------------

    /**
     * Claims one batch of jobs due now or within the dispatch look-ahead (plus claims whose lease ran out) and sends
     * them to the publish queue, delivered at their due time. Claim and messages commit together.
     *
     * @return how many jobs were claimed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int dispatchDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from publish_jobs
                         where (status in ('pending', 'outcome_unknown') and run_at <= ?1)
                            or (status in ('dispatched', 'publishing') and dispatched_at < ?2)
                         order by run_at
                         limit ?3
                         for update skip locked""", UUID.class)
                .setParameter(1, now.plus(settings.dispatchAhead()))
                .setParameter(2, now.minus(settings.dispatchLease()))
                .setParameter(3, settings.dispatchBatch())
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<PublishJob> jobs = em.createNamedQuery(PublishJob.LOCK_BY_IDS, PublishJob.class).setParameter("ids", ids).getResultList();
        jobs.sort(Comparator.comparing(PublishJob::getRunAt));
        List<JobTicket> group = new ArrayList<>();
        Instant groupStart = null;
        Instant groupEnd = null;
        for (PublishJob job : jobs) {
            if (job.getStatus() == JobStatus.DISPATCHED || job.getStatus() == JobStatus.PUBLISHING) {
                LOG.warning(() -> "event=publish_job_redispatched id=" + job.getId() + " status=" + job.getStatus().wire()
                        + " reason=lease_expired");
            }
            job.dispatch(now);
            if (!group.isEmpty() && (group.size() >= settings.jobsPerMessage()
                    || job.getRunAt().isAfter(groupStart.plus(MESSAGE_SPAN)))) {
                dispatch.enqueue(group, groupEnd);
                group = new ArrayList<>();
            }
            if (group.isEmpty()) {
                groupStart = job.getRunAt();
            }
            groupEnd = job.getRunAt();
            group.add(new JobTicket(job.getId(), job.getGeneration()));
        }
        dispatch.enqueue(group, groupEnd);
        return ids.size();
    }

    // ---- one delivery: start, then record ---------------------------------------------------------------------

    /**
     * Starts the jobs of one message and gathers what their calls need. Stale tickets (rescheduled, cancelled, already
     * done) are skipped; jobs that cannot be published (account gone, no connector, media failed) fail here.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<PublishWork.Started> begin(List<JobTicket> tickets) {
        Instant now = clock.instant();
        Map<UUID, Integer> generations = tickets.stream().collect(Collectors.toMap(JobTicket::jobId, JobTicket::generation, (a, b) -> b));
        Locked locked = lock(generations.keySet());
        List<PublishWork.Started> started = new ArrayList<>();
        // Jobs of one message mostly share an account: read it and decrypt its token once.
        Map<UUID, Optional<PublishCredentials>> byAccount = new HashMap<>();
        for (PublishJob job : locked.jobs()) {
            if (!job.start(generations.get(job.getId()), now)) {
                LOG.fine(() -> "event=publish_ticket_stale id=" + job.getId() + " status=" + job.getStatus().wire());
                continue;
            }
            Post post = locked.posts().get(job.getPostId());
            PostTarget target = post.target(job.getTargetId());
            Optional<PublishCredentials> account = byAccount.computeIfAbsent(target.getAccountId(),
                    id -> accounts.publishCredentials(post.getWorkspaceId(), id));
            boolean usable = account.isPresent();
            Optional<Connector> connector = usable ? connectors.forAccount(target.getPlatform(), account.get().serviceUrl()) : Optional.empty();
            if (connector.isEmpty()) {
                String reason = usable ? "No publishing connector for " + target.getPlatform() + " yet" : "account not found or inactive";
                if (job.mustVerifyFirst()) {
                    // An earlier attempt may have created the post, and nobody can ask the platform now: keep asking later.
                    target.startPublishing();
                    outcomeUnknown(job, post, target, "Outcome unknown, the platform cannot be asked: " + reason, false,
                            settings.retryPolicy(), now);
                    post.settle(now);
                } else {
                    failNow(job, post, target, reason, now);
                }
                continue;
            }
            RenderedPost rendered = RenderedPost.of(post.content(), target.getPlatform(),
                    new ContentOverride(target.getText(), target.getTitle(), target.getCaption()));
            Optional<MediaProblem> mediaProblem = mediaProblem(post.getWorkspaceId(), rendered.media());
            boolean mayCall = job.hasAttemptsLeft();
            if (mediaProblem.isPresent() && job.getPlatformState() != null) {
                // Midway through a multi-step publish (a thread's first status may already exist): the connector's
                // steps say whether the media is still needed, so the job is not failed here.
                LOG.fine(() -> "event=publish_media_problem_midway id=" + job.getId());
            } else if (mediaProblem.isPresent() && job.mustVerifyFirst()) {
                // Look the post up all the same; without its media it is not sent again, and fails only if it is not there.
                mayCall = false;
            } else if (mediaProblem.isPresent() && mediaProblem.get().waitForIt()) {
                // The target stays scheduled (and editable) while its video is still being imported.
                job.postpone(mediaProblem.get().reason(), now.plus(MEDIA_WAIT));
                continue;
            } else if (mediaProblem.isPresent()) {
                failNow(job, post, target, mediaProblem.get().reason(), now);
                continue;
            }
            target.startPublishing();
            post.settle(now);
            List<String> mediaUrls = rendered.media().stream()
                    .map(m -> m.url() != null ? m.url() : "media:" + m.mediaId()).toList();
            PublishCredentials credentials = account.get();
            started.add(new PublishWork.Started(new PublishRequest(job.getId(), job.getGeneration(), job.getIdempotencyKey(),
                    job.mustVerifyFirst(), mayCall, target.getPlatform(), credentials.accountId(), credentials.platformAccountId(),
                    credentials.serviceUrl(), credentials.accessToken(), rendered.text(), rendered.title(), rendered.threadParts(),
                    mediaUrls, uploadable(post.getWorkspaceId(), rendered.media()), job.getPlatformState(), post.content().language(),
                    PostJson.object(target.getOptions())), connector.get()));
        }
        return started;
    }

    /**
     * Records what the lookups and calls of one message came to: published, found by a lookup, retry later, look up
     * later, or failed. A job fails only when the platform refused it, or confirmed that no attempt created the post
     * and none is left; while its post may exist it keeps being looked up.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(List<PublishWork.Result> results) {
        Instant now = clock.instant();
        RetryPolicy policy = settings.retryPolicy();
        Map<UUID, PublishWork.Result> byJob = results.stream()
                .collect(Collectors.toMap(PublishWork.Result::jobId, Function.identity(), (a, b) -> b));
        Locked locked = lock(byJob.keySet());
        for (PublishJob job : locked.jobs()) {
            PublishWork.Result result = byJob.get(job.getId());
            if (job.getStatus() != JobStatus.PUBLISHING || job.getGeneration() != result.generation()) {
                LOG.warning(() -> "event=publish_result_stale id=" + job.getId() + " status=" + job.getStatus().wire());
                continue;
            }
            Post post = locked.posts().get(job.getPostId());
            PostTarget target = post.target(job.getTargetId());
            if (result.called()) {
                recordCall(result.outcome(), job, post, target, policy, now);
            } else {
                recordCheck(result.check(), job, post, target, policy, now);
            }
            post.settle(now);
            LOG.fine(() -> "event=publish_recorded id=" + job.getId() + " status=" + job.getStatus().wire() + " attempts=" + job.getAttempts());
        }
    }

    private void recordCall(PublishOutcome outcome, PublishJob job, Post post, PostTarget target, RetryPolicy policy, Instant now) {
        if (outcome instanceof PublishOutcome.Published p) {
            job.published(p.externalId(), p.url(), now);
            target.published(p.externalId(), p.url(), now);
        } else if (outcome instanceof PublishOutcome.PublishedInPart p) {
            job.published(p.externalId(), p.url(), now);
            target.published(p.externalId(), p.url(), now);
            notifications.raise(post.getWorkspaceId(), "publish_incomplete", Notification.Severity.warning,
                    "Published to " + target.getPlatform() + " in part", p.reason(), "post", post.getId().toString());
        } else if (outcome instanceof PublishOutcome.NotProcessed n) {
            if (job.notProcessed(n.reason(), policy.nextAttemptAt(job.getAttempts() + 1, n.retryAfter(), now), now)) {
                target.attemptFailed(n.reason());
            } else {
                targetFailed(post, target, job, n.reason());
            }
        } else if (outcome instanceof PublishOutcome.Permanent p) {
            job.failed(p.reason(), now);
            targetFailed(post, target, job, p.reason());
        } else if (outcome instanceof PublishOutcome.TokenRefused t) {
            job.failed(t.reason(), now);
            targetFailed(post, target, job, t.reason());
            accounts.tokenRefused(post.getWorkspaceId(), target.getAccountId(), t.reason());
        } else if (outcome instanceof PublishOutcome.Unknown u) {
            outcomeUnknown(job, post, target, "Outcome unknown, the platform will be asked before any retry: " + u.reason(),
                    true, policy, now);
        } else if (outcome instanceof PublishOutcome.RateLimited r) {
            job.postpone(r.reason(), policy.afterRateLimit(r, job.getAttempts(), now));
            target.attemptFailed(r.reason());
        } else if (outcome instanceof PublishOutcome.InProgress step) {
            // The target stays "publishing": its post is on its way, one platform-side step at a time.
            job.stepDone(step.state(), step.note(), now.plus(step.checkAgainIn()));
        } else if (outcome instanceof PublishOutcome.StartOver o) {
            String reason = "Starting over: " + o.reason();
            if (job.startOver(reason, policy.nextAttemptAt(job.getAttempts() + 1, null, now), now)) {
                target.attemptFailed(reason);
            } else {
                targetFailed(post, target, job, reason);
            }
        }
    }

    private void recordCheck(CheckOutcome check, PublishJob job, Post post, PostTarget target, RetryPolicy policy, Instant now) {
        if (check instanceof CheckOutcome.Found found) {
            job.confirmed(found.externalId(), found.url(), now);
            target.published(found.externalId(), found.url(), now);
        } else if (check instanceof CheckOutcome.FoundInPart part) {
            // Part of the post exists: it is never failed from here; the rest is sent from the recorded parts.
            job.stepDone(part.state(), part.note(), now);
        } else if (check instanceof CheckOutcome.NotFound) {
            // The platform has no post from any attempt, and it cannot be sent again: failed for the reasons it gave.
            String why = job.hasAttemptsLeft() ? "its media is no longer available to send it again"
                    : "no attempt is left after " + job.getAttempts();
            String reason = "Not published: the platform has no such post and " + why + ". Last answer: " + job.getLastError();
            job.abandoned(reason, now);
            targetFailed(post, target, job, reason);
        } else {
            String cannotTell = check instanceof CheckOutcome.CannotTell c ? c.reason() : "no answer";
            outcomeUnknown(job, post, target, "Outcome unknown, the platform could not be asked (" + cannotTell
                    + "); asking again later", false, policy, now);
        }
    }

    private void outcomeUnknown(PublishJob job, Post post, PostTarget target, String reason, boolean called, RetryPolicy policy,
                                Instant now) {
        if (job.outcomeUnknown(reason, called, policy.nextAttemptAt(job.getChecks() + 1, null, now), now)) {
            notifications.raise(post.getWorkspaceId(), "publish_outcome_unknown", Notification.Severity.warning,
                    "Publishing to " + target.getPlatform() + " is not confirmed yet",
                    "The platform has not told whether the post exists after " + job.getChecks()
                            + " tries; Syndicast keeps asking it and never sends the post again before it knows. " + reason,
                    "post", post.getId().toString());
        }
        target.attemptFailed(reason);
    }

    private record Locked(Map<UUID, Post> posts, List<PublishJob> jobs) {
    }

    private Locked lock(Set<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return new Locked(Map.of(), List.of());
        }
        List<UUID> postIds = em.createQuery("select distinct j.postId from PublishJob j where j.id in :ids", UUID.class)
                .setParameter("ids", jobIds).getResultList();
        Map<UUID, Post> posts = new HashMap<>();
        if (!postIds.isEmpty()) {
            em.createNamedQuery(Post.LOCK_BY_IDS, Post.class).setParameter("ids", postIds)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().forEach(p -> posts.put(p.getId(), p));
        }
        List<PublishJob> jobs = em.createNamedQuery(PublishJob.LOCK_BY_IDS, PublishJob.class).setParameter("ids", jobIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return new Locked(posts, jobs);
    }

    private void failNow(PublishJob job, Post post, PostTarget target, String reason, Instant now) {
        target.startPublishing();
        job.abandoned(reason, now);
        targetFailed(post, target, job, reason);
        post.settle(now);
    }

    private void targetFailed(Post post, PostTarget target, PublishJob job, String reason) {
        target.failed(reason);
        notifications.raise(post.getWorkspaceId(), "publish_failed", Notification.Severity.error,
                "Publishing to " + target.getPlatform() + " failed", reason + " (after " + job.getAttempts() + " attempt(s))",
                "post", post.getId().toString());
        LOG.warning(() -> "event=publish_failed job=" + job.getId() + " post=" + post.getId() + " platform=" + target.getPlatform()
                + " attempts=" + job.getAttempts() + " reason=\"" + reason + "\"");
    }

    /**
     * The post's media as uploading connectors read it: library items with a way to open their bytes (opened only
     * during the call, outside this transaction); a URL outside the library has no opener.
     */
    private List<PublishMedia> uploadable(UUID workspaceId, List<PostMedia> media) {
        List<PublishMedia> found = new ArrayList<>(media.size());
        for (PostMedia m : media) {
            if (m.mediaId() == null) {
                found.add(new PublishMedia(m.url(), m.type(), -1, null, null, null));
                continue;
            }
            MediaFile file = mediaFiles.file(workspaceId, UUID.fromString(m.mediaId()));
            found.add(new PublishMedia(m.mediaId(), file.mimeType(), file.size(), file.fileName(), file.altText(), file.opener(),
                    file.durationSeconds(), file.thumbnail()));
        }
        return found;
    }

    /** Why a post's media cannot be published now; {@code waitForIt} while an import is still running. */
    private record MediaProblem(String reason, boolean waitForIt) {
    }

    private Optional<MediaProblem> mediaProblem(UUID workspaceId, List<PostMedia> media) {
        for (PostMedia m : media) {
            // Posts are checked when written; this holds posts stored before that check (or whose item is gone) too,
            // so no library file of another workspace ever reaches a platform.
            if (m.url() != null && !MediaReferences.check(List.of(new PostMedia(m.url(), null, null, null)),
                    mediaReferences.lookup(workspaceId)).isEmpty()) {
                return Optional.of(new MediaProblem("A media url names no ready item of this workspace's media library", false));
            }
            if (m.mediaId() == null) {
                continue;
            }
            MediaFile file = mediaFiles.file(workspaceId, UUID.fromString(m.mediaId()));
            if (file.readiness() == Readiness.UNAVAILABLE) {
                return Optional.of(new MediaProblem("Media " + m.mediaId() + " is missing or failed to import"
                        + (file.error() != null ? ": " + file.error() : ""), false));
            }
            if (file.readiness() == Readiness.IMPORTING) {
                return Optional.of(new MediaProblem("Media " + m.mediaId() + " is still importing", true));
            }
        }
        return Optional.empty();
    }

    // ---- schedule routes --------------------------------------------------------------------------------------

    public record Page(List<PublishJob> items, long total, Map<JobStatus, Long> counts) {
    }

    public Page list(UUID workspaceId, JobStatus status, PageRequest page) {
        List<PublishJob> items = em.createNamedQuery(PublishJob.LIST_IN_WORKSPACE, PublishJob.class)
                .setParameter("workspace", workspaceId).setParameter("status", status)
                .setFirstResult(page.firstResult()).setMaxResults(page.limit()).getResultList();
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        em.createNamedQuery(PublishJob.COUNT_BY_STATUS, Object[].class).setParameter("workspace", workspaceId).getResultList()
                .forEach(row -> counts.put((JobStatus) row[0], (Long) row[1]));
        long total = status == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(status);
        return new Page(items, total, counts);
    }

    public PublishJob find(UUID workspaceId, UUID id) {
        return em.createNamedQuery(PublishJob.FIND_IN_WORKSPACE, PublishJob.class).setParameter("id", id)
                .setParameter("workspace", workspaceId).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("Publish job not found: " + id));
    }

    /** Moves one queued (or failed) job and its target to {@code at}; a failed one is tried again from scratch. */
    public PublishJob reschedule(UUID workspaceId, UUID id, Instant at) {
        TimeRange.require(at, "scheduled_at");
        Instant now = clock.instant();
        if (at.isBefore(now.minus(RESCHEDULE_GRACE))) {
            // Moving a job into the past would publish it at once; that is what publish-now is for, so say so.
            throw new FieldRejectedException("scheduled_at", "must not be in the past (now is "
                    + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "); use publish-now to publish at once");
        }
        PublishJob peek = find(workspaceId, id);
        Locked locked = lock(Set.of(peek.getId()));
        PublishJob job = locked.jobs().get(0);
        Post post = locked.posts().get(job.getPostId());
        PostTarget target = post.target(job.getTargetId());
        job.reschedule(at);
        target.reschedule(at);
        post.settle(clock.instant());
        return job;
    }

    /** Clears recent attempts (failed, or failed and published); cancelled rows stay as history. */
    public int clearAttempts(UUID workspaceId, boolean all) {
        List<JobStatus> statuses = all ? List.of(JobStatus.FAILED, JobStatus.PUBLISHED) : List.of(JobStatus.FAILED);
        return em.createNamedQuery(PublishJob.CLEAR_ATTEMPTS).setParameter("workspace", workspaceId)
                .setParameter("statuses", statuses).executeUpdate();
    }

    public record MissingContent(PublishJob job, String reason) {
    }

    /** Queued jobs whose post has nothing to publish or whose media is not (or no longer) in the library. */
    public List<MissingContent> missingContent(UUID workspaceId) {
        List<PublishJob> queued = em.createQuery("select j from PublishJob j where j.workspaceId = :workspace"
                        + " and j.status in :statuses order by j.runAt", PublishJob.class)
                .setParameter("workspace", workspaceId)
                .setParameter("statuses", List.of(JobStatus.PENDING, JobStatus.DISPATCHED, JobStatus.OUTCOME_UNKNOWN))
                .getResultList();
        Set<UUID> postIds = new LinkedHashSet<>(queued.stream().map(PublishJob::getPostId).toList());
        Map<UUID, Optional<String>> problems = new HashMap<>();
        for (UUID postId : postIds) {
            Post post = em.find(Post.class, postId);
            List<PostMedia> media = PostJson.media(post.content().mediaJson());
            String text = post.content().text();
            if (media.isEmpty() && (text == null || text.isBlank())) {
                problems.put(postId, Optional.of("The post has neither text nor media"));
            } else {
                problems.put(postId, mediaProblem(workspaceId, media).map(MediaProblem::reason));
            }
        }
        return queued.stream().filter(j -> problems.get(j.getPostId()).isPresent())
                .map(j -> new MissingContent(j, problems.get(j.getPostId()).get())).toList();
    }

    /** The jobs of one post, for its view. */
    public List<PublishJob> ofPost(Post post) {
        List<UUID> targets = post.getTargets().stream().map(PostTarget::getId).toList();
        if (targets.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(PublishJob.FIND_BY_TARGETS, PublishJob.class).setParameter("targets", targets).getResultList();
    }
}
