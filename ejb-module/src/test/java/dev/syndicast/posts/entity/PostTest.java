package dev.syndicast.posts.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private static Post post() {
        return new Post(UUID.randomUUID(), new PostContent("hello", null, null, null, null, null, null, null, null, null, null),
                null, null, null, "tester", NOW);
    }

    @Test
    void aNewPostIsADraftAndSchedulingNeedsTargetsWithTimes() {
        Post post = post();
        assertThat(post.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThatThrownBy(() -> post.schedule(NOW)).isInstanceOf(InvalidInputException.class);
        post.addTarget("sandbox", UUID.randomUUID(), null, null, null, null);
        assertThatThrownBy(() -> post.schedule(NOW)).hasMessageContaining("scheduled_at");
    }

    @Test
    void allTargetsPublishedMakeThePostPublishedSomeFailedPartially() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        PostTarget b = post.addTarget("twitter", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        assertThat(a.getStatus()).isEqualTo(TargetStatus.SCHEDULED);

        a.startPublishing();
        post.settle(NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.PUBLISHING);
        assertThat(post.isEditable()).isFalse();
        assertThatThrownBy(() -> post.edit(post.content(), NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> post.cancel(NOW)).isInstanceOf(IllegalTransitionException.class);

        a.published("x1", "https://sandbox/p/x1", NOW);
        post.settle(NOW);
        assertThat(post.getStatus()).as("b still waits").isEqualTo(PostStatus.SCHEDULED);
        b.startPublishing();
        b.failed("HTTP 400: bad");
        post.settle(NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.PARTIALLY_PUBLISHED);
        assertThat(post.getPublishedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> post.schedule(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void everyTargetFailedMakesThePostFailedAndItCanBeScheduledAgain() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        a.startPublishing();
        a.failed("gone");
        post.settle(NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.FAILED);
        post.schedule(NOW);
        assertThat(a.getStatus()).isEqualTo(TargetStatus.SCHEDULED);
        assertThat(a.getLastError()).isNull();
    }

    @Test
    void cancellingCancelsWaitingTargetsButNotPublishedOnes() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        post.cancel(NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.CANCELLED);
        assertThat(a.getStatus()).isEqualTo(TargetStatus.CANCELLED);
        assertThatThrownBy(() -> post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null))
                .isInstanceOf(IllegalTransitionException.class);
        post.cancel(NOW);
        assertThat(post.getStatus()).as("cancelling twice is harmless").isEqualTo(PostStatus.CANCELLED);
    }

    @Test
    void targetsRefuseIllegalMoves() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        assertThatThrownBy(a::startPublishing).as("a draft target is not queued").isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> a.published("x", null, NOW)).isInstanceOf(IllegalTransitionException.class);
        post.schedule(NOW);
        a.startPublishing();
        assertThatThrownBy(() -> a.reschedule(LATER)).isInstanceOf(IllegalTransitionException.class);
        a.published("x", null, NOW);
        assertThatThrownBy(() -> a.failed("late")).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void unschedulingReturnsToDraft() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        post.unschedule(NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(a.getStatus()).isEqualTo(TargetStatus.DRAFT);
    }

    @Test
    void reschedulingMovesTheTargetsThatCanStillBePublished() {
        Post post = post();
        PostTarget waiting = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        PostTarget published = post.addTarget("twitter", UUID.randomUUID(), LATER, null, null, null);
        PostTarget failed = post.addTarget("bluesky", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        published.startPublishing();
        published.published("x1", null, NOW);
        failed.startPublishing();
        failed.failed("HTTP 400");
        post.settle(NOW);
        Instant moved = LATER.plusSeconds(600);

        post.rescheduleOpenTargets(moved);

        assertThat(waiting.getScheduledAt()).isEqualTo(moved);
        assertThat(published.getScheduledAt()).as("published stays where it was").isEqualTo(LATER);
        assertThat(failed.getScheduledAt()).isEqualTo(moved);
        assertThat(failed.getStatus()).as("a failed target is tried again").isEqualTo(TargetStatus.SCHEDULED);
        assertThat(failed.getLastError()).isNull();
        post.cancel(NOW);
        assertThatThrownBy(() -> post.rescheduleOpenTargets(moved)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("be rescheduled");
    }

    @Test
    void publishingNowQueuesEveryWaitingOrFailedTargetForNow() {
        Post draft = post();
        PostTarget undated = draft.addTarget("sandbox", UUID.randomUUID(), null, null, null, null);
        draft.publishNow(NOW);
        assertThat(draft.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(undated.getStatus()).isEqualTo(TargetStatus.SCHEDULED);
        assertThat(undated.getScheduledAt()).isEqualTo(NOW);

        Post failedPost = post();
        PostTarget failed = failedPost.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        failedPost.schedule(NOW);
        failed.startPublishing();
        failed.failed("gone");
        failedPost.settle(NOW);
        assertThat(failedPost.getStatus()).isEqualTo(PostStatus.FAILED);
        failedPost.publishNow(NOW);
        assertThat(failedPost.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(failed.getStatus()).isEqualTo(TargetStatus.SCHEDULED);
        assertThat(failed.getScheduledAt()).isEqualTo(NOW);

        failed.startPublishing();
        failedPost.settle(NOW);
        assertThatThrownBy(() -> failedPost.publishNow(NOW)).as("publishing has begun").isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("be published now");
        assertThatThrownBy(() -> post().publishNow(NOW)).as("no target").isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aCampaignsRunSchedulesADraftWholeAtTheTimesPlannedForItsTargets() {
        Post post = post();
        PostTarget a = post.addTarget("sandbox", UUID.randomUUID(), null, null, null, null);
        PostTarget b = post.addTarget("twitter", UUID.randomUUID(), LATER, null, null, null);
        Instant later = LATER.plusSeconds(600);

        assertThatThrownBy(() -> post.scheduleAt(Map.of(a.getId(), LATER), NOW)).as("b has no planned time")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twitter");
        assertThat(post.getStatus()).isEqualTo(PostStatus.DRAFT);

        post.scheduleAt(Map.of(a.getId(), LATER, b.getId(), later), NOW);
        assertThat(post.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(a.getStatus()).isEqualTo(TargetStatus.SCHEDULED);
        assertThat(a.getScheduledAt()).isEqualTo(LATER);
        assertThat(b.getScheduledAt()).isEqualTo(later);
        assertThatThrownBy(() -> post.scheduleAt(Map.of(a.getId(), LATER, b.getId(), later), NOW)).as("only drafts")
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aPostJoinsAndLeavesACampaignOnlyWhileItCanBeEdited() {
        Post post = post();
        UUID campaign = UUID.randomUUID();
        post.linkToCampaign(campaign, LATER);
        assertThat(post.getCampaignId()).isEqualTo(campaign);
        assertThat(post.getUpdatedAt()).isEqualTo(LATER);

        PostTarget target = post.addTarget("sandbox", UUID.randomUUID(), LATER, null, null, null);
        post.schedule(NOW);
        target.startPublishing();
        post.settle(NOW);
        post.linkToCampaign(campaign, NOW);
        assertThatThrownBy(() -> post.linkToCampaign(null, NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThat(post.getCampaignId()).isEqualTo(campaign);
    }
}
