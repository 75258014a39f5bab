package dev.syndicast.publishing.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code left} bytes of a stream: one byte range of an upload (a LinkedIn video part, the rest of a Facebook
 * resumable upload), read from a channel its owner positions and closes.
 */
final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long left) {
        super(in);
        this.left = left;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public void close() {
        // the channel is closed by its owner
    }
}
