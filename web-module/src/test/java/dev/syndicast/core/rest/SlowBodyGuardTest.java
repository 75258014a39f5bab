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

    @Test
    void aBodyIsCompleteOnceItsDeclaredLengthHasArrivedEvenIfTheReaderNeverSeesTheEnd() {
        assertThat(SlowBodyGuard.Deadline.isComplete(511, 512)).isFalse();
        assertThat(SlowBodyGuard.Deadline.isComplete(512, 512)).isTrue();
    }

    @Test
    void aChunkedBodyIsCompleteOnlyAtItsEnd() {
        assertThat(SlowBodyGuard.Deadline.isComplete(1 << 20, -1)).isFalse();
    }

    @Test
    void theReadersPlaceGoesBackWhenTheDeclaredLengthIsReadNotAtTheEndOfTheRequest() throws Exception {
        int[] released = {0};
        byte[] json = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var body = new SlowBodyGuard.Deadline(new BytesIn(json), json.length, System.nanoTime(), TIMEOUT, RATE,
                () -> released[0]++);
        assertThat(body.read(new byte[json.length - 1], 0, json.length - 1)).isEqualTo(json.length - 1);
        assertThat(released[0]).as("one byte still to come").isZero();
        assertThat(body.read()).isEqualTo('}');
        assertThat(released[0]).as("the whole declared body is in").isEqualTo(1);
        body.release();
        assertThat(released[0]).as("released once only").isEqualTo(1);
    }

    /** A servlet stream over bytes, as the container hands the filter. */
    private static final class BytesIn extends jakarta.servlet.ServletInputStream {
        private final java.io.ByteArrayInputStream in;

        BytesIn(byte[] bytes) {
            in = new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
