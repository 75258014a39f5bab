package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.ErrorBody;
import jakarta.ws.rs.WebApplicationException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with 413 as soon as more than {@code max} bytes have been read. */
final class BoundedInputStream extends FilterInputStream {

    private final long max;
    private long count;

    BoundedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        count += n;
        if (count > max) {
            throw new WebApplicationException(ErrorBody.response(413, ErrorBody.errorName(413),
                    "Request body is larger than " + max + " bytes (syndicast.http.max-json-body-bytes)"));
        }
    }
}
