package dev.syndicast.tenancy.rest;

import dev.syndicast.core.control.LimitedInputStream;
import dev.syndicast.core.rest.ErrorBody;
import jakarta.ws.rs.WebApplicationException;

import java.io.InputStream;

/** Fails with 413 as soon as more than {@code max} bytes have been read. */
final class BoundedInputStream extends LimitedInputStream {

    BoundedInputStream(InputStream in, long max) {
        super(in, max);
    }

    @Override
    protected void exceeded(long max) {
        throw new WebApplicationException(ErrorBody.response(413, ErrorBody.errorName(413),
                "Request body is larger than " + max + " bytes (syndicast.http.max-json-body-bytes)"));
    }
}
