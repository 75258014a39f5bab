package dev.syndicast.core.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code max} bytes of a stream; one byte more fails, so an oversized body is never stored whole. */
public class LimitedInputStream extends FilterInputStream {

    private final long max;
    private long count;

    public LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > max) {
            exceeded(max);
        }
    }

    /** What going past the limit does; a subclass may answer with the exception its callers expect. */
    protected void exceeded(long max) throws IOException {
        throw new LimitExceededException(max);
    }

    /** The stream went past its limit. */
    public static class LimitExceededException extends IOException {
        public LimitExceededException(long max) {
            super("More than " + max + " bytes");
        }
    }
}
