package dev.syndicast.scheduling.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduledTaskTest {

    private static final Instant NOW = Instant.parse("2026-01-31T15:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), 4, Duration.ofHours(1));

    private ScheduledTask dispatched(int maxAttempts) {
        ScheduledTask task = new ScheduledTask("selftest", "p", NOW, maxAttempts, NOW);
        task.dispatch(NOW);
        return task;
    }

    @Test
    void aNewTaskIsPendingAndNotRunnableUntilDispatched() {
        ScheduledTask task = new ScheduledTask("selftest", null, NOW, 4, NOW);
        assertThat(task.getStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.isRunnable()).isFalse();
        task.dispatch(NOW);
        assertThat(task.isRunnable()).isTrue();
        assertThat(task.getDispatchedAt()).isEqualTo(NOW);
    }

    @Test
    void completingCountsTheAttemptAndEndsTheTask() {
        ScheduledTask task = dispatched(4);
        task.delivered(2);
        task.complete("ok", NOW.plusSeconds(1));
        assertThat(task.getStatus()).isEqualTo(TaskStatus.DONE);
        assertThat(task.getAttempts()).isEqualTo(1);
        assertThat(task.getDeliveries()).isEqualTo(2);
        assertThat(task.isRunnable()).as("a duplicate delivery must be ignored").isFalse();
        assertThatThrownBy(() -> task.complete("again", NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aRetryableFailureGoesBackToPendingAfterTheBackoffUntilAttemptsRunOut() {
        ScheduledTask task = dispatched(3);

        assertThat(task.fail("503", true, NOW, BACKOFF)).isTrue();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.getRunAt()).isEqualTo(NOW.plusSeconds(1));

        task.dispatch(NOW.plusSeconds(1));
        assertThat(task.fail("503", true, NOW.plusSeconds(1), BACKOFF)).isTrue();
        assertThat(task.getRunAt()).isEqualTo(NOW.plusSeconds(5));

        task.dispatch(NOW.plusSeconds(5));
        assertThat(task.fail("503", true, NOW.plusSeconds(5), BACKOFF)).isFalse();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.getAttempts()).isEqualTo(3);
        assertThat(task.getLastError()).isEqualTo("503");
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        ScheduledTask task = dispatched(4);
        assertThat(task.fail("400 bad request", false, NOW, BACKOFF)).isFalse();
        assertThat(task.getStatus()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void errorsAreTruncatedSoAHugeMessageCannotBloatTheRow() {
        ScheduledTask task = dispatched(1);
        task.fail("x".repeat(10_000), false, NOW, BACKOFF);
        assertThat(task.getLastError()).hasSize(ScheduledTask.MAX_ERROR_LENGTH);
    }

    @Test
    void cancellingIsOnlyPossibleBeforeTheEnd() {
        ScheduledTask pending = new ScheduledTask("selftest", null, NOW, 4, NOW);
        pending.cancel(NOW);
        assertThat(pending.getStatus()).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> pending.cancel(NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> pending.dispatch(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void deadLetteringFailsAnUnfinishedTaskAndLeavesAFinishedOneAlone() {
        ScheduledTask task = dispatched(4);
        task.deadLettered("gave up", NOW);
        assertThat(task.getStatus()).isEqualTo(TaskStatus.FAILED);

        ScheduledTask done = dispatched(4);
        done.complete("ok", NOW);
        done.deadLettered("late duplicate", NOW);
        assertThat(done.getStatus()).isEqualTo(TaskStatus.DONE);
    }

    @Test
    void aClaimWhoseMessageNeverArrivedExpiresAfterTheLease() {
        ScheduledTask task = dispatched(4);
        assertThat(task.leaseExpired(NOW.plus(Duration.ofMinutes(4)), Duration.ofMinutes(5))).isFalse();
        assertThat(task.leaseExpired(NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void refusesInvalidConstruction() {
        assertThatThrownBy(() -> new ScheduledTask(" ", null, NOW, 4, NOW)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ScheduledTask("k", null, NOW, 0, NOW)).isInstanceOf(InvalidInputException.class);
    }
}
