package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A connector's step always completes with an outcome, never exceptionally (the Connector contract). */
class PlatformCallsTest {

    private final PlatformCalls calls = PlatformCalls.of(Clock.systemUTC(), null, null, Duration.ofSeconds(1), Duration.ofSeconds(1));

    @Test
    void aStepEndsWithWhatItReturns() throws Exception {
        PublishOutcome published = new PublishOutcome.Published("1", null);
        assertThat(calls.publishing(() -> published).get()).isEqualTo(published);
    }

    @Test
    void aStepStoppedEarlyEndsWithTheStopsOutcome() throws Exception {
        PublishOutcome limited = new PublishOutcome.RateLimited("slow down", Duration.ofSeconds(5));
        assertThat(calls.publishing(() -> {
            throw new Stop(limited);
        }).get()).isEqualTo(limited);
    }

    @Test
    void anInterruptedStepMayHaveActedSoItsOutcomeIsUnknown() throws Exception {
        assertThat(calls.publishing(() -> {
            throw new InterruptedException();
        }).get()).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept (and cleared here)").isTrue();
    }
}
