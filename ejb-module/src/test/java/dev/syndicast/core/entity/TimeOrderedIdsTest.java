package dev.syndicast.core.entity;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void isAVersion7UuidOfTheRfc9562Variant() {
        UUID id = TimeOrderedIds.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesItsMillisecondInTheTopFortyEightBits() {
        long millis = 1_795_000_000_123L;

        UUID id = TimeOrderedIds.of(millis, -1L, -1L);

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesTheWayPostgresqlComparesThem() {
        UUID earlier = TimeOrderedIds.of(1_000L, -1L, -1L);
        UUID later = TimeOrderedIds.of(1_001L, 0L, 0L);

        // PostgreSQL orders uuid by its bytes, unsigned: the text form compares the same way.
        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }
}
