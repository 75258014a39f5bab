package dev.syndicast.scheduling.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff documented = new Backoff(Duration.ofSeconds(1), 4, Duration.ofHours(1));

    @Test
    void givesTheDocumentedOneFourSixteenSeconds() {
        assertThat(documented.delayBefore(1)).isZero();
        assertThat(documented.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(documented.delayBefore(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(documented.delayBefore(4)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void neverExceedsTheCapEvenForHugeAttemptNumbers() {
        assertThat(documented.delayBefore(50)).isEqualTo(Duration.ofHours(1));
        assertThat(new Backoff(Duration.ofSeconds(10), 1, Duration.ofSeconds(10)).delayBefore(7)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), 2, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), 2, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
