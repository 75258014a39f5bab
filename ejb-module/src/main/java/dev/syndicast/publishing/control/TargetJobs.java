package dev.syndicast.publishing.control;

import dev.syndicast.core.control.BulkInsert;
import dev.syndicast.posts.control.TargetPublishing;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.posts.entity.TargetStatus;
import dev.syndicast.publishing.entity.PublishJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps publish jobs in line with post targets: one open job per scheduled target, moved when its target moves and
 * cancelled when it is cancelled or returns to draft, so nothing publishes on an old schedule or for a cancelled
 * target. It runs in the transaction of the post change it follows (never one of its own), so the jobs commit, or
 * roll back, with that change. The post is locked by then and its jobs are locked here: posts first, then jobs, the
 * order every publishing path takes.
 */
@ApplicationScoped
public class TargetJobs implements TargetPublishing {

    /** The columns a new job has; the rest (attempts, results, version) take their defaults. */
    private static final BulkInsert<PublishJob> NEW_JOBS = BulkInsert.<PublishJob>into("publish_jobs")
            .uuid("id", PublishJob::getId)
            .uuid("workspace_id", PublishJob::getWorkspaceId)
            .uuid("post_id", PublishJob::getPostId)
            .uuid("target_id", PublishJob::getTargetId)
            .text("status", j -> j.getStatus().wire())
            .timestamp("run_at", PublishJob::getRunAt)
            .integer("max_attempts", PublishJob::getMaxAttempts)
            .text("idempotency_key", PublishJob::getIdempotencyKey)
            .timestamp("created_at", PublishJob::getCreatedAt);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PublishSettings settings;

    @Inject
    Connectors connectors;

    @Override
    public boolean canPublish(String platform, String serviceUrl) {
        return connectors.forAccount(platform, serviceUrl).isPresent();
    }

    @Override
    public boolean uploadsMediaFiles(String platform, String serviceUrl) {
        return connectors.forAccount(platform, serviceUrl).map(Connector::uploadsFiles).orElse(false);
    }

    @Override
    public boolean reachesThePlatform(String platform, String serviceUrl) {
        return connectors.forAccount(platform, serviceUrl).filter(c -> !(c instanceof SandboxConnector)).isPresent();
    }

    /** A job whose message is already on the queue gets a new generation when it moves, so that message is ignored. */
    @Override
    @Transactional(TxType.MANDATORY)
    public void targetsChanged(Post post) {
        follow(post, openJobs(post), settings.maxAttempts(), clock.instant()).forEach(em::persist);
    }

    /** One job per scheduled target, all in one statement. */
    @Override
    @Transactional(TxType.MANDATORY)
    public void postsCreated(List<Post> posts) {
        Instant now = clock.instant();
        List<PublishJob> created = new ArrayList<>();
        for (Post post : posts) {
            created.addAll(follow(post, Map.of(), settings.maxAttempts(), now));
        }
        NEW_JOBS.write(em, created);
    }

    /**
     * Brings the post's open jobs (by target id) in line with its targets: a job that waits follows its target's
     * time, a job whose target is back to draft or cancelled is cancelled, and a scheduled target without a job gets
     * one, which is returned to be stored.
     */
    static List<PublishJob> follow(Post post, Map<UUID, PublishJob> open, int maxAttempts, Instant now) {
        List<PublishJob> created = new ArrayList<>();
        for (PostTarget target : post.getTargets()) {
            PublishJob job = open.get(target.getId());
            if (target.getStatus() == TargetStatus.SCHEDULED) {
                if (job == null) {
                    created.add(new PublishJob(post.getWorkspaceId(), post.getId(), target.getId(), target.getScheduledAt(),
                            maxAttempts, now));
                } else {
                    job.followTarget(target.getScheduledAt());
                }
            } else if ((target.getStatus() == TargetStatus.DRAFT || target.getStatus() == TargetStatus.CANCELLED) && job != null) {
                job.cancel(now);
            }
        }
        return created;
    }

    private Map<UUID, PublishJob> openJobs(Post post) {
        List<UUID> targets = post.getTargets().stream().map(PostTarget::getId).toList();
        if (targets.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery(PublishJob.FIND_BY_TARGETS, PublishJob.class)
                .setParameter("targets", targets)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream()
                .filter(j -> !j.getStatus().isFinal())
                .collect(Collectors.toMap(PublishJob::getTargetId, Function.identity(), (a, b) -> a));
    }
}
