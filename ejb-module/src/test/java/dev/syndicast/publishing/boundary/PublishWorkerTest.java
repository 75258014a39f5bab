package dev.syndicast.publishing.boundary;

import dev.syndicast.publishing.control.CheckOutcome;
import dev.syndicast.publishing.control.PublishOutcome;
import dev.syndicast.publishing.control.PublishWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When a delivery dispatches the due jobs itself instead of leaving them to the dispatcher's next tick. */
class PublishWorkerTest {

    @Test
    void aStepThatAsksForTheNextOneAtOnceIsDispatchedWithoutWaitingForTheTick() {
        assertThat(PublishWorker.nextStepAtOnce(List.of(result(new PublishOutcome.Published("1", null)),
                result(new PublishOutcome.InProgress("{}", Duration.ZERO, "session opened"))))).isTrue();
    }

    @Test
    void stepsThatWaitAndFinishedOrUncalledAttemptsAreLeftToTheTick() {
        assertThat(PublishWorker.nextStepAtOnce(List.of(
                result(new PublishOutcome.InProgress("{}", Duration.ofSeconds(10), "processing")),
                result(new PublishOutcome.Published("1", null)),
                new PublishWork.Result(UUID.randomUUID(), 1, new CheckOutcome.NotFound(), null)))).isFalse();
    }

    private static PublishWork.Result result(PublishOutcome outcome) {
        return new PublishWork.Result(UUID.randomUUID(), 1, null, outcome);
    }
}
