package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams a remote file into a {@link StagedFile}. Redirects are followed here, not by the HTTP client, so
 * the {@link UrlGuard} sees every hop. Timeouts: connecting, waiting for the response head, and a stall
 * (no byte for the read timeout) while the body arrives; plus an overall limit. A declared Content-Length
 * above the cap is refused before any byte is read; a body that grows past the cap is cut off there.
 */
public class MediaFetcher {

    private static final long POLL_MILLIS = 100;

    private final HttpClient client;
    private final UrlGuard guard;
    private final Duration readTimeout;
    private final Duration maxDuration;
    private final int maxRedirects;

    public MediaFetcher(UrlGuard guard, Duration connectTimeout, Duration readTimeout, Duration maxDuration, int maxRedirects) {
        this.guard = guard;
        this.readTimeout = readTimeout;
        this.maxDuration = maxDuration;
        this.maxRedirects = maxRedirects;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // No h2c upgrade dance on plain http; one predictable connection per fetch.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** What a fetch did: either the body is in the staged file, or it was left for a background import. */
    public record Result(URI finalUrl, boolean deferred, OptionalLong contentLength) {
    }

    /**
     * Fetches {@code url} into {@code target}. If the response declares a length above {@code deferAbove},
     * no body is read and the result says "deferred" (a background import fetches it again).
     *
     * @throws MediaRejectedException for refused addresses, sizes and types, and for failed fetches
     */
    public Result fetch(URI url, StagedFile target, long deferAbove, long maxBytes) {
        URI current = url;
        long deadline = System.nanoTime() + maxDuration.toNanos();
        for (int hop = 0; ; hop++) {
            guard.check(current);
            HttpRequest request = HttpRequest.newBuilder(current)
                    .timeout(readTimeout)
                    .header("User-Agent", "Syndicast-media-import/1")
                    .header("Accept", "image/*, video/*;q=0.9, */*;q=0.1")
                    .GET()
                    .build();
            Exchange exchange = new Exchange(target, deferAbove, maxBytes);
            HttpResponse<Void> response = await(current, client.sendAsync(request, exchange), exchange, target, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                if (hop >= maxRedirects) {
                    throw new MediaRejectedException(Reason.FETCH_FAILED, "Too many redirects (more than " + maxRedirects + ") from " + url);
                }
                current = redirectTarget(current, response);
                continue;
            }
            if (exchange.rejection != null) {
                throw exchange.rejection;
            }
            if (status < 200 || status >= 300) {
                throw new MediaRejectedException(Reason.FETCH_FAILED,
                        "The source answered HTTP " + status + " for " + current, status >= 500 || status == 429);
            }
            return new Result(current, exchange.deferred, exchange.contentLength);
        }
    }

    private HttpResponse<Void> await(URI url, CompletableFuture<HttpResponse<Void>> pending, Exchange exchange,
                                     StagedFile target, long deadline) {
        target.touch();
        try {
            while (true) {
                try {
                    return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (target.idleNanos() > readTimeout.toNanos()) {
                        exchange.abort();
                        pending.cancel(true);
                        throw new MediaRejectedException(Reason.FETCH_FAILED,
                                "The source sent no data for " + readTimeout.toSeconds() + " s: " + url, true);
                    }
                    if (System.nanoTime() > deadline) {
                        exchange.abort();
                        pending.cancel(true);
                        throw new MediaRejectedException(Reason.FETCH_FAILED,
                                "The download took longer than " + maxDuration + ": " + url, true);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.abort();
            pending.cancel(true);
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The download was interrupted", true);
        } catch (ExecutionException | CancellationException e) {
            throw translate(url, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private MediaRejectedException translate(URI url, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof MediaRejectedException rejected) {
            return rejected;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new MediaRejectedException(Reason.FETCH_FAILED, "Could not connect to " + url.getHost() + " in time", true);
        }
        if (cause instanceof HttpTimeoutException) {
            return new MediaRejectedException(Reason.FETCH_FAILED,
                    "The source did not answer within " + readTimeout.toSeconds() + " s: " + url, true);
        }
        if (cause instanceof ConnectException) {
            return new MediaRejectedException(Reason.FETCH_FAILED, "Could not connect to " + url.getHost(), true);
        }
        if (cause instanceof IOException || cause instanceof CancellationException) {
            return new MediaRejectedException(Reason.FETCH_FAILED,
                    "The download from " + url + " failed: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()), true);
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException("Unexpected failure fetching " + url, cause);
    }

    private static URI redirectTarget(URI current, HttpResponse<?> response) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty() || location.get().isBlank()) {
            throw new MediaRejectedException(Reason.FETCH_FAILED,
                    "The source answered HTTP " + response.statusCode() + " without a Location");
        }
        try {
            return current.resolve(new URI(location.get().strip()));
        } catch (URISyntaxException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The source redirected to a malformed URL: " + location.get());
        }
    }

    /** Decides per response what happens to its body, and streams a 2xx body into the staged file. */
    private static final class Exchange implements HttpResponse.BodyHandler<Void> {

        private final StagedFile target;
        private final long deferAbove;
        private final long maxBytes;
        private volatile Sink sink;
        private volatile boolean deferred;
        private volatile MediaRejectedException rejection;
        private volatile OptionalLong contentLength = OptionalLong.empty();

        Exchange(StagedFile target, long deferAbove, long maxBytes) {
            this.target = target;
            this.deferAbove = deferAbove;
            this.maxBytes = maxBytes;
        }

        @Override
        public BodySubscriber<Void> apply(ResponseInfo info) {
            int status = info.statusCode();
            if (status < 200 || status >= 300) {
                return new Sink(null);
            }
            contentLength = info.headers().firstValueAsLong("Content-Length");
            if (contentLength.isPresent() && contentLength.getAsLong() > maxBytes) {
                rejection = new MediaRejectedException(Reason.TOO_LARGE, "The source declares " + contentLength.getAsLong()
                        + " bytes, more than the limit of " + maxBytes);
                return new Sink(null);
            }
            if (contentLength.isPresent() && contentLength.getAsLong() > deferAbove) {
                deferred = true;
                return new Sink(null);
            }
            Sink body = new Sink(target);
            sink = body;
            return body;
        }

        void abort() {
            Sink s = sink;
            if (s != null) {
                s.abort(new CancellationException("stalled"));
            }
        }
    }

    /** Writes each buffer to the staged file; without a target it cancels at once (bodies we do not want). */
    private static final class Sink implements BodySubscriber<Void> {

        private final StagedFile target;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Sink(StagedFile target) {
            this.target = target;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (target == null) {
                // Closing instead of draining: a redirect or error page may be endless.
                s.cancel();
                done.complete(null);
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done.isDone()) {
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    target.write(buffer);
                }
                subscription.request(1);
            } catch (IOException | RuntimeException e) {
                // Too large, wrong type or a disk error: stop the transfer and hand the reason to the waiting caller.
                subscription.cancel();
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        void abort(Throwable reason) {
            done.completeExceptionally(reason);
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
