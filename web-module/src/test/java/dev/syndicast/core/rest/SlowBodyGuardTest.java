package dev.syndicast.core.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Places place = new Places(1);
        byte[] json = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var body = new SlowBodyGuard.Deadline(new BytesIn(json), json.length, System.nanoTime(), TIMEOUT, RATE, place);
        assertThat(place.taken).as("nothing read yet: no place taken").isZero();
        assertThat(body.read(new byte[json.length - 1], 0, json.length - 1)).isEqualTo(json.length - 1);
        assertThat(place.taken).isEqualTo(1);
        assertThat(place.givenBack).as("one byte still to come").isZero();
        assertThat(body.read()).isEqualTo('}');
        assertThat(place.givenBack).as("the whole declared body is in").isEqualTo(1);
        assertThat(body.read()).isEqualTo(-1);
        body.release();
        assertThat(place.taken).as("taken once only").isEqualTo(1);
        assertThat(place.givenBack).as("given back once only").isEqualTo(1);
    }

    @Test
    void aRequestWhoseBodyIsNeverReadTakesNoPlace() {
        Places place = new Places(1);
        var body = new SlowBodyGuard.Deadline(new BytesIn(new byte[10]), 10, System.nanoTime(), TIMEOUT, RATE, place);
        body.release();
        assertThat(place.taken).isZero();
        assertThat(place.givenBack).isZero();
    }

    @Test
    void aBodyWithoutAPlaceIsRefusedWith503AtItsFirstReadAndAtEveryLaterOne() {
        Places place = new Places(0);
        var body = new SlowBodyGuard.Deadline(new BytesIn(new byte[10]), 10, System.nanoTime(), TIMEOUT, RATE, place);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(body::read).isInstanceOf(SlowBodyGuard.ReadersBusy.class)
                    .hasMessageContaining("retry in a second");
        }
        body.release();
        assertThat(place.givenBack).as("nothing taken, nothing given back").isZero();
    }

    /** Places counted: {@code free} of them, taken and given back. */
    private static final class Places implements SlowBodyGuard.Deadline.Place {
        private int free;
        int taken;
        int givenBack;

        Places(int free) {
            this.free = free;
        }

        @Override
        public boolean take() {
            if (free == 0) {
                return false;
            }
            free--;
            taken++;
            return true;
        }

        @Override
        public void giveBack() {
            free++;
            givenBack++;
        }
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
