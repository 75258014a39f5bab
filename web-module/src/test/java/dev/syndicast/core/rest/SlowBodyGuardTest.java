package dev.syndicast.core.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowBodyGuardTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long TIMEOUT = 10 * SECOND;
    private static final long RATE = 16_384;

    @Test
    void aBodyIsNeverLateWithinTheTimeout() {
        assertThat(SlowBodyGuard.Deadline.isLate(9 * SECOND, 0, TIMEOUT, RATE)).isFalse();
    }

    @Test
    void aTrickleIsLateOnceTheTimeoutHasPassed() {
        assertThat(SlowBodyGuard.Deadline.isLate(11 * SECOND, 3, TIMEOUT, RATE)).isTrue();
    }

    @Test
    void aLargeBodyMayTakeLongerWhileItKeepsTheMinimumAverageRate() {
        long elapsed = 60 * SECOND;
        assertThat(SlowBodyGuard.Deadline.isLate(elapsed, 60 * RATE, TIMEOUT, RATE)).isFalse();
        assertThat(SlowBodyGuard.Deadline.isLate(elapsed, 60 * RATE - 1, TIMEOUT, RATE)).isTrue();
    }
}
