package dev.syndicast.publishing.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishJobTest {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private static PublishJob job(int maxAttempts) {
        return new PublishJob(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NOW, maxAttempts, NOW);
    }

    @Test
    void aDispatchedJobStartsOnceForItsGenerationOnly() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        int generation = job.getGeneration();
        assertThat(job.start(generation - 1, NOW)).as("stale message").isFalse();
        assertThat(job.start(generation, NOW)).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.PUBLISHING);
        assertThat(job.mustVerifyFirst()).isFalse();
        job.published("x1", "u", NOW);
        assertThat(job.start(generation, NOW)).as("duplicate delivery after success").isFalse();
        assertThat(job.getAttempts()).isEqualTo(1);
    }

    @Test
    void aRedeliveryFindingItPublishingAsksThePlatformFirst() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        // The instance died mid-call; the broker redelivers the same message.
        assertThat(job.start(job.getGeneration(), NOW)).isTrue();
        assertThat(job.mustVerifyFirst()).isTrue();
        job.confirmed("x1", "u", NOW);
        assertThat(job.getStatus()).isEqualTo(JobStatus.PUBLISHED);
    }

    @Test
    void aLeaseRedispatchOfAPublishingJobAlsoAsksFirst() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.dispatch(NOW.plusSeconds(300));
        assertThat(job.mustVerifyFirst()).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.DISPATCHED);
    }

    @Test
    void callsThePlatformDidNotProcessAreRepeatedUntilTheAttemptsAreUsedUp() {
        PublishJob job = job(2);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.notProcessed("HTTP 429", NOW.plusSeconds(1), NOW)).isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(job.getRunAt()).isEqualTo(NOW.plusSeconds(1));
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.mustVerifyFirst()).as("nothing reached the platform: no lookup needed").isFalse();
        assertThat(job.notProcessed("HTTP 429", NOW.plusSeconds(4), NOW)).isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.getAttempts()).isEqualTo(2);
    }

    @Test
    void anUnknownOutcomeWaitsForACheckAndCountsOneAttempt() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.outcomeUnknown("timeout", true, NOW.plusSeconds(1), NOW)).isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);
        assertThat(job.getAttempts()).isEqualTo(1);
        job.dispatch(NOW.plusSeconds(1));
        assertThat(job.mustVerifyFirst()).isTrue();
        job.start(job.getGeneration(), NOW);
        assertThatThrownBy(() -> job.cancel(NOW)).as("a call may be under way").isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void reschedulingInvalidatesTheMessageOnItsWayAndCancellingStopsIt() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        int old = job.getGeneration();
        job.reschedule(NOW.plusSeconds(60));
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(job.start(old, NOW)).isFalse();
        job.dispatch(NOW);
        int next = job.getGeneration();
        job.cancel(NOW);
        assertThat(job.start(next, NOW)).isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> job.dispatch(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aPostNotReadyYetWaitsWithoutUsingAnAttempt() {
        PublishJob job = job(1);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.postpone("Media still importing", NOW.plusSeconds(5));
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(job.getAttempts()).isZero();
        assertThat(job.getRunAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(job.getLastError()).isEqualTo("Media still importing");
    }

    @Test
    void aPermanentRefusalFailsAtOnce() {
        PublishJob job = job(4);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.failed("HTTP 400", NOW);
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.getAttempts()).isEqualTo(1);
        assertThat(job.getIdempotencyKey()).isEqualTo("syn-" + job.getId());
    }

    @Test
    void aJobWhosePostMayExistNeverFailsItKeepsAskingAndRaisesTheAlarmOnce() {
        PublishJob job = job(2);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.outcomeUnknown("HTTP 504", true, NOW.plusSeconds(1), NOW)).isFalse();
        boolean alarmed = false;
        for (int check = 0; check < 20; check++) {
            job.dispatch(NOW);
            job.start(job.getGeneration(), NOW);
            assertThat(job.mustVerifyFirst()).isTrue();
            boolean alarm = job.outcomeUnknown("cannot ask", false, NOW.plusSeconds(60), NOW);
            assertThat(alarm && alarmed).as("the alarm is raised once").isFalse();
            alarmed |= alarm;
            assertThat(job.getStatus()).isEqualTo(JobStatus.OUTCOME_UNKNOWN);
        }
        assertThat(alarmed).isTrue();
        assertThat(job.getAttempts()).as("lookups are not attempts").isEqualTo(1);
        assertThatThrownBy(() -> job.cancel(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aJobFailsAfterItsLastAttemptOnlyOnceTheLookupShowsNoPost() {
        PublishJob job = job(1);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.outcomeUnknown("HTTP 502", true, NOW.plusSeconds(1), NOW);
        assertThat(job.hasAttemptsLeft()).isFalse();
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.abandoned("Not published after 1 attempt(s); the platform has no such post", NOW);
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.getAttempts()).isEqualTo(1);
    }

    @Test
    void aJobFollowsItsTargetOnlyUntilItIsFirstTried() {
        PublishJob waiting = job(4);
        waiting.followTarget(NOW.plusSeconds(60));
        assertThat(waiting.getRunAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(waiting.getStatus()).isEqualTo(JobStatus.PENDING);

        PublishJob dispatched = job(4);
        dispatched.dispatch(NOW);
        int onItsWay = dispatched.getGeneration();
        dispatched.followTarget(NOW);
        assertThat(dispatched.getGeneration()).as("the same time keeps the message on its way valid").isEqualTo(onItsWay);
        dispatched.followTarget(NOW.plusSeconds(60));
        assertThat(dispatched.getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(dispatched.start(onItsWay, NOW)).as("the message for the old time is ignored").isFalse();
        assertThat(dispatched.getRunAt()).isEqualTo(NOW.plusSeconds(60));

        PublishJob retrying = job(4);
        retrying.dispatch(NOW);
        retrying.start(retrying.getGeneration(), NOW);
        retrying.notProcessed("HTTP 429", NOW.plusSeconds(5), NOW);
        retrying.followTarget(NOW.plusSeconds(60));
        assertThat(retrying.getRunAt()).as("a retry keeps its back-off time").isEqualTo(NOW.plusSeconds(5));

        PublishJob publishing = job(4);
        publishing.dispatch(NOW);
        publishing.start(publishing.getGeneration(), NOW);
        publishing.followTarget(NOW.plusSeconds(60));
        assertThat(publishing.getStatus()).as("a call under way is left alone").isEqualTo(JobStatus.PUBLISHING);
        assertThat(publishing.getRunAt()).isEqualTo(NOW);
    }

    // ---- multi-step publishes -----------------------------------------------------------------------------------

    private static PublishJob publishing(int maxAttempts) {
        PublishJob job = job(maxAttempts);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        return job;
    }

    @Test
    void aFinishedStepIsStoredAndTheJobWaitsForTheNextWithoutUsingAnAttempt() {
        PublishJob job = publishing(4);
        Instant later = NOW.plusSeconds(5);
        job.stepDone("{\"media\":[\"m1\"]}", "media m1 is processing", later);
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(job.getRunAt()).isEqualTo(later);
        assertThat(job.getAttempts()).isZero();
        assertThat(job.getPlatformState()).isEqualTo("{\"media\":[\"m1\"]}");
        assertThat(job.mustVerifyFirst()).isFalse();

        job.dispatch(later);
        assertThat(job.start(job.getGeneration(), later)).isTrue();
        assertThat(job.getPlatformState()).as("the next attempt resumes from the stored step").isEqualTo("{\"media\":[\"m1\"]}");
        job.stepDone("{\"media\":[\"m1\"],\"ready\":true}", null, later);
        job.dispatch(later);
        job.start(job.getGeneration(), later);
        job.published("s1", "https://example.social/@a/s1", later);
        assertThat(job.getAttempts()).isEqualTo(1);
        assertThat(job.getPlatformState()).as("nothing left to resume").isNull();
    }

    @Test
    void aCrashAfterAStoredStepResumesFromItAndAsksFirst() {
        PublishJob job = publishing(4);
        job.stepDone("{\"media\":[\"m1\"]}", null, NOW);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        // The instance dies mid-call; the lease runs out and the dispatcher claims the job again.
        job.dispatch(NOW.plusSeconds(120));
        assertThat(job.start(job.getGeneration(), NOW.plusSeconds(120))).isTrue();
        assertThat(job.mustVerifyFirst()).as("the final call may have gone out").isTrue();
        assertThat(job.getPlatformState()).isEqualTo("{\"media\":[\"m1\"]}");
    }

    @Test
    void aStepIsRecordedOnlyWhilePublishing() {
        PublishJob job = job(4);
        assertThatThrownBy(() -> job.stepDone("{}", null, NOW)).isInstanceOf(IllegalTransitionException.class);
        PublishJob running = publishing(4);
        assertThatThrownBy(() -> running.stepDone(null, null, NOW)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void startingOverDropsTheStepsAndCountsAnAttempt() {
        PublishJob job = publishing(2);
        job.stepDone("{\"media\":[\"m1\"]}", null, NOW);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.startOver("media m1 failed to process", NOW.plusSeconds(4), NOW)).isTrue();
        assertThat(job.getPlatformState()).isNull();
        assertThat(job.getAttempts()).isEqualTo(1);
        assertThat(job.getStatus()).isEqualTo(JobStatus.PENDING);

        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        assertThat(job.startOver("media m2 failed to process", NOW.plusSeconds(16), NOW))
                .as("no attempt left; nothing visible was created, so failing is safe").isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void waitingOutARateLimitOrAnUnknownOutcomeKeepsTheSteps() {
        PublishJob job = publishing(4);
        job.stepDone("{\"media\":[\"m1\"]}", null, NOW);
        job.dispatch(NOW);
        job.start(job.getGeneration(), NOW);
        job.postpone("HTTP 429", NOW.plusSeconds(300));
        assertThat(job.getAttempts()).isZero();
        assertThat(job.getPlatformState()).isNotNull();

        job.dispatch(NOW.plusSeconds(300));
        job.start(job.getGeneration(), NOW.plusSeconds(300));
        job.outcomeUnknown("HTTP 502", true, NOW.plusSeconds(301), NOW.plusSeconds(300));
        assertThat(job.getPlatformState()).as("the lookup and any resend need the media ids").isNotNull();
        job.dispatch(NOW.plusSeconds(301));
        job.start(job.getGeneration(), NOW.plusSeconds(301));
        job.confirmed("s1", "u", NOW.plusSeconds(301));
        assertThat(job.getPlatformState()).isNull();
    }
}
