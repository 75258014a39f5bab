package dev.syndicast.publishing.control;

import dev.syndicast.core.entity.TimeOrderedIds;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlueskyTidTest {

    @Test
    void theSameJobAlwaysGetsTheSameValidKey() {
        UUID job = TimeOrderedIds.next();
        String key = BlueskyTid.of(job, 0);

        assertThat(key).hasSize(13).isEqualTo(BlueskyTid.of(UUID.fromString(job.toString()), 0));
        assertThat(BlueskyTid.isValid(key)).isTrue();
    }

    @Test
    void theTimePartIsTheJobsCreationMillisecond() {
        long millis = 1_796_190_000_123L;
        UUID job = new UUID(millis << 16 | 0x7000L | 0xABCL, 0x8123_4567_89AB_CDEFL);

        long tid = decode(BlueskyTid.of(job, 0));
        long micros = tid >>> 10;

        assertThat(micros / 1000).isEqualTo(millis);
        assertThat(tid).isPositive();
    }

    @Test
    void threadPartsSortInOrderAndDiffer() {
        UUID job = TimeOrderedIds.next();
        String first = BlueskyTid.of(job, 0);
        String second = BlueskyTid.of(job, 1);
        String third = BlueskyTid.of(job, 2);

        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(decode(second) - decode(first)).isEqualTo(1L << 10);
    }

    @Test
    void jobsOfTheSameMillisecondGetDifferentKeys() {
        long millis = 1_796_190_000_123L;
        Set<String> keys = new HashSet<>();
        for (long r = 0; r < 200; r++) {
            UUID job = new UUID(millis << 16 | 0x7000L, 0x8000_0000_0000_0000L | (r * 0x9E37_79B9_7F4A_7C15L >>> 2));
            keys.add(BlueskyTid.of(job, 0));
        }
        assertThat(keys).hasSize(200);
    }

    @Test
    void anyUuidGivesAValidKey() {
        for (int i = 0; i < 1000; i++) {
            assertThat(BlueskyTid.isValid(BlueskyTid.of(UUID.randomUUID(), i % 5))).isTrue();
        }
        assertThatThrownBy(() -> BlueskyTid.of(UUID.randomUUID(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesTheSpecExample() {
        // atproto.com/specs/tid: the all-zero TID is "2222222222222".
        assertThat(BlueskyTid.encode(0)).isEqualTo("2222222222222");
        assertThat(BlueskyTid.isValid("3jzfcijpj2z2a")).isTrue();
        assertThat(BlueskyTid.isValid("zzzzzzzzzzzzz")).isFalse();
    }

    private static long decode(String tid) {
        long v = 0;
        for (char c : tid.toCharArray()) {
            v = v << 5 | BlueskyTid.ALPHABET.indexOf(c);
        }
        return v;
    }
}
