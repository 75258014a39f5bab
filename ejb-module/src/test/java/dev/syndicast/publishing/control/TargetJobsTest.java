package dev.syndicast.publishing.control;

import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostContent;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.publishing.entity.JobStatus;
import dev.syndicast.publishing.entity.PublishJob;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TargetJobsTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private static Post post() {
        return new Post(UUID.randomUUID(), new PostContent("hello", null, null, null, null, null, null, null, null, null, null),
                null, null, null, "tester", NOW);
    }

    private static PublishJob jobOf(Post post, PostTarget target) {
        return new PublishJob(post.getWorkspaceId(), post.getId(), target.getId(), target.getScheduledAt(), 4, NOW);
    }

    @Test
    void aScheduledTargetWithoutAJobGetsOneAtItsTime() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        PostTarget b = post.addTarget("twitter", UUID.randomUUID(), LATER.plusSeconds(60), null, null, null);
        post.schedule(NOW);

        List<PublishJob> created = TargetJobs.follow(post, Map.of(), 5, NOW);

        assertThat(created).extracting(PublishJob::getTargetId).containsExactly(a.getId(), b.getId());
        assertThat(created).extracting(PublishJob::getRunAt).containsExactly(LATER, LATER.plusSeconds(60));
        assertThat(created).allSatisfy(job -> {
            assertThat(job.getPostId()).isEqualTo(post.getId());
            assertThat(job.getWorkspaceId()).isEqualTo(post.getWorkspaceId());
            assertThat(job.getMaxAttempts()).isEqualTo(5);
            assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        });
    }

    @Test
    void draftTargetsGetNoJob() {
        Post post = post();
        post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        assertThat(TargetJobs.follow(post, Map.of(), 4, NOW)).isEmpty();
    }

    @Test
    void openJobsFollowTheirTargetsAndNoSecondJobIsMade() {
        Post post = post();
        PostTarget moved = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        PostTarget kept = post.addTarget("twitter", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        PublishJob movedJob = jobOf(post, moved);
        PublishJob keptJob = jobOf(post, kept);
        keptJob.dispatch(NOW);
        int onItsWay = keptJob.getGeneration();
        post.rescheduleOpenTargets(LATER.plusSeconds(600));
        kept.reschedule(LATER);

        List<PublishJob> created = TargetJobs.follow(post, Map.of(moved.getId(), movedJob, kept.getId(), keptJob), 4, NOW);

        assertThat(created).isEmpty();
        assertThat(movedJob.getRunAt()).isEqualTo(LATER.plusSeconds(600));
        assertThat(keptJob.getGeneration()).as("same time: the message on its way stays valid").isEqualTo(onItsWay);
    }

    @Test
    void jobsOfTargetsBackToDraftOrCancelledAreCancelled() {
        Post draft = post();
        PostTarget unscheduled = draft.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        draft.schedule(NOW);
        PublishJob unscheduledJob = jobOf(draft, unscheduled);
        draft.unschedule(NOW);

        Post cancelled = post();
        PostTarget gone = cancelled.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        cancelled.schedule(NOW);
        PublishJob goneJob = jobOf(cancelled, gone);
        cancelled.cancel(NOW);

        assertThat(TargetJobs.follow(draft, Map.of(unscheduled.getId(), unscheduledJob), 4, NOW)).isEmpty();
        assertThat(TargetJobs.follow(cancelled, Map.of(gone.getId(), goneJob), 4, NOW)).isEmpty();
        assertThat(unscheduledJob.getStatus()).isEqualTo(JobStatus.CANCELLED);
        assertThat(goneJob.getStatus()).isEqualTo(JobStatus.CANCELLED);
    }
}
