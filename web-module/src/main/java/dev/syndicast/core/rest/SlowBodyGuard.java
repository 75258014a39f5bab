package dev.syndicast.core.rest;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Keeps clients that trickle a request body from holding the server's worker threads (a byte every few seconds
 * from a few hundred connections used to stall every request). A body is read on a worker thread, so:
 * <ul>
 * <li>at most {@code syndicast.http.max-body-readers} requests may be receiving a body at once, and at most
 * {@code syndicast.http.max-body-readers-per-address} from one source address; the others get 503 with
 * Retry-After at once, so the remaining workers stay free for other clients, for requests without a body and
 * for work already received;</li>
 * <li>a body must arrive within {@code syndicast.http.body-timeout}, or, for larger bodies, at an average of at
 * least {@code syndicast.http.body-min-bytes-per-second} after that; otherwise the read fails and the request
 * is answered 408 or 400 (the reading route's mapper sees the refusal). The deadline is checked whenever a read
 * returns, so a reader waits at most the gap between two bytes beyond it.</li>
 * </ul>
 * A request gives its reader's place back as soon as its body is in: at the end of the stream, or once the declared
 * {@code Content-Length} has arrived (a JSON parser stops at the closing brace and never reads the end), so work done
 * after the body (a lock wait, a platform call) never counts against the limit.
 * Registered by {@link EdgeFilters}.
 */
public class SlowBodyGuard extends HttpFilter {

    @Inject
    @ConfigProperty(name = "syndicast.http.max-body-readers", defaultValue = "24")
    int maxBodyReaders;

    @Inject
    @ConfigProperty(name = "syndicast.http.max-body-readers-per-address", defaultValue = "8")
    int maxBodyReadersPerAddress;

    @Inject
    @ConfigProperty(name = "syndicast.http.body-timeout", defaultValue = "PT10S")
    Duration bodyTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.http.body-min-bytes-per-second", defaultValue = "16384")
    long minBytesPerSecond;

    private volatile Semaphore readers;
    private final ConcurrentMap<String, Integer> readersByAddress = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Semaphore permits = readers();
        if (!acquire(address, permits)) {
            response.setHeader("Retry-After", "1");
            // Closing the connection leaves the rest of the body unread instead of swallowing it on a worker.
            response.setHeader("Connection", "close");
            ServletErrors.write(response, 503, "Too many request bodies are being received at once; retry in a second");
            return;
        }
        Deadline body = new Deadline(request.getInputStream(), request.getContentLengthLong(), System.nanoTime(),
                bodyTimeout.toNanos(), minBytesPerSecond, () -> release(address, permits));
        try {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() {
                    return body;
                }
            }, response);
        } finally {
            body.release();
        }
    }

    /** One reader's place for the address (counted atomically per address) and in all; both or neither. */
    private boolean acquire(String address, Semaphore permits) {
        int perAddress = Math.max(1, maxBodyReadersPerAddress);
        boolean[] placed = {false};
        readersByAddress.compute(address, (a, n) -> {
            int current = n == null ? 0 : n;
            placed[0] = current < perAddress;
            return placed[0] ? current + 1 : n;
        });
        if (!placed[0]) {
            return false;
        }
        if (!permits.tryAcquire()) {
            leave(address);
            return false;
        }
        return true;
    }

    private void release(String address, Semaphore permits) {
        permits.release();
        leave(address);
    }

    private void leave(String address) {
        readersByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1); // idle addresses leave the map
    }

    private Semaphore readers() {
        Semaphore s = readers;
        if (s == null) {
            synchronized (this) {
                if (readers == null) {
                    readers = new Semaphore(Math.max(1, maxBodyReaders));
                }
                s = readers;
            }
        }
        return s;
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The body, failing with 408 once it falls behind its deadline; the reader's permit goes back at its end. */
    static final class Deadline extends ServletInputStream {

        private final ServletInputStream in;
        private final long declaredLength;
        private final long started;
        private final long timeoutNanos;
        private final long minBytesPerSecond;
        private final Runnable releasePermit;
        private long received;
        private boolean released;

        /** @param declaredLength the request's Content-Length, or -1 for a chunked body (released at its end) */
        Deadline(ServletInputStream in, long declaredLength, long started, long timeoutNanos, long minBytesPerSecond,
                Runnable releasePermit) {
            this.in = in;
            this.declaredLength = declaredLength;
            this.started = started;
            this.timeoutNanos = timeoutNanos;
            this.minBytesPerSecond = minBytesPerSecond;
            this.releasePermit = releasePermit;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        private void count(int n) throws IOException {
            if (n < 0) {
                release(); // the whole body is in: the rest of the request no longer needs a reader's permit
                return;
            }
            received += n;
            if (isComplete(received, declaredLength)) {
                release();
                return;
            }
            check();
        }

        /** Complete: every byte the request declared has arrived. */
        static boolean isComplete(long received, long declaredLength) {
            return declaredLength >= 0 && received >= declaredLength;
        }

        private void check() throws IOException {
            if (released) {
                return;
            }
            long elapsed = System.nanoTime() - started;
            if (isLate(elapsed, received, timeoutNanos, minBytesPerSecond)) {
                release();
                // Unchecked, as the size limit's 413: the JSON parsers would wrap an IOException into "malformed".
                throw new WebApplicationException(Response.fromResponse(ErrorBody.response(408, ErrorBody.errorName(408),
                        "The request body arrived too slowly: it must be complete within "
                                + Duration.ofNanos(timeoutNanos).toSeconds() + " s, or arrive at " + minBytesPerSecond
                                + " bytes per second on average (syndicast.http.body-timeout)"))
                        .header("Connection", "close").build());
            }
        }

        /** Late: past the timeout and below the minimum average rate since the request began. */
        static boolean isLate(long elapsedNanos, long received, long timeoutNanos, long minBytesPerSecond) {
            return elapsedNanos > timeoutNanos && received < minBytesPerSecond * (elapsedNanos / 1_000_000_000.0);
        }

        synchronized void release() {
            if (!released) {
                released = true;
                releasePermit.run();
            }
        }
    }
}
