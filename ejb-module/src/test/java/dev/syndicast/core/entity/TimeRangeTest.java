package dev.syndicast.core.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    @Test
    void timesOutsideTheRangeAre422NamingTheField() {
        assertThat(TimeRange.require(Instant.parse("2030-01-01T00:00:00Z"), "scheduled_at")).isNotNull();
        assertThat(TimeRange.require(null, "scheduled_at")).isNull();
        assertThatThrownBy(() -> TimeRange.require(Instant.parse("+294277-01-01T00:00:00Z"), "scheduled_at"))
                .isInstanceOf(FieldRejectedException.class)
                .hasMessage("scheduled_at: must be between 2000-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertThatThrownBy(() -> TimeRange.require(Instant.parse("1970-01-01T00:00:00Z"), "run_at"))
                .isInstanceOf(FieldRejectedException.class);
    }
}
