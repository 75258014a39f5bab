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
 * <li>at most {@code syndicast.http.max-body-readers} requests may be reading a body at once, and at most
 * {@code syndicast.http.max-body-readers-per-address} from one source address; a request that would be one more
 * gets 503 with Retry-After (connection closed) at its first read, so the remaining workers stay free for other
 * clients, for requests without a body and for work already received;</li>
 * <li>a body must arrive within {@code syndicast.http.body-timeout}, or, for larger bodies, at an average of at
 * least {@code syndicast.http.body-min-bytes-per-second} after that; otherwise the read fails and the request
 * is answered 408 or 400 (the reading route's mapper sees the refusal). The deadline is checked whenever a read
 * returns, so a reader waits at most the gap between two bytes beyond it.</li>
 * </ul>
 * A request holds a reader's place only while its body is being read: from its first read (not from its arrival:
 * authentication and routing come first, and ten parallel requests of one client must not count as ten slow bodies)
 * to the end of the stream, or to the last byte of its declared {@code Content-Length} (a JSON parser stops at the
 * closing brace and never reads the end), so work done after the body (a lock wait, a platform call) never counts.
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
        Deadline body = new Deadline(request.getInputStream(), request.getContentLengthLong(), System.nanoTime(),
                bodyTimeout.toNanos(), minBytesPerSecond, new Deadline.Place() {
                    @Override
                    public boolean take() {
                        return acquire(address, permits);
                    }

                    @Override
                    public void giveBack() {
                        release(address, permits);
                    }
                });
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

    /**
     * The body, taking a reader's place at its first read (503 when there is none) and failing with 408 once it falls
     * behind its deadline; the place goes back once the body is in, or at the end of the request.
     */
    static final class Deadline extends ServletInputStream {

        /** A reader's place: taken at the first read, given back once. */
        interface Place {
            boolean take();

            void giveBack();
        }

        private final ServletInputStream in;
        private final long declaredLength;
        private final long started;
        private final long timeoutNanos;
        private final long minBytesPerSecond;
        private final Place place;
        private long received;
        private boolean taken;
        private boolean refused;
        private boolean released;

        /** @param declaredLength the request's Content-Length, or -1 for a chunked body (released at its end) */
        Deadline(ServletInputStream in, long declaredLength, long started, long timeoutNanos, long minBytesPerSecond,
                Place place) {
            this.in = in;
            this.declaredLength = declaredLength;
            this.started = started;
            this.timeoutNanos = timeoutNanos;
            this.minBytesPerSecond = minBytesPerSecond;
            this.place = place;
        }

        @Override
        public int read() throws IOException {
            takePlace();
            check();
            int b = in.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            takePlace();
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

        /** Before the first read: a reader's place, or 503 at once (the rest of the body stays unread). */
        private synchronized void takePlace() {
            if (refused || (!taken && !released && !place.take())) {
                refused = true;
                released = true; // no place to give back
                throw new ReadersBusy();
            }
            taken = true;
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
                if (taken) {
                    place.giveBack();
                }
            }
        }
    }

    /**
     * No reader's place for this body: answered 503 with {@code Retry-After: 1} and the connection closed (so the rest
     * of the body is never read on a worker) by {@link ReadersBusyMapper}, also when a JSON reader or a bean that read
     * the body wrapped it. Unchecked, as the 408.
     */
    public static final class ReadersBusy extends RuntimeException {
        ReadersBusy() {
            super("Too many request bodies are being received at once; retry in a second", null, false, false);
        }

        /** The reply: the one error body, 503. */
        public Response response() {
            return Response.fromResponse(ErrorBody.response(503, ErrorBody.errorName(503), getMessage()))
                    .header("Retry-After", "1").header("Connection", "close").build();
        }
    }
}
