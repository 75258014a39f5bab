package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Streams a remote file into a {@link StagedFile}. Redirects are followed here, not by the connection, so
 * the {@link UrlGuard} sees every hop. Timeouts: connecting, waiting for the response head, and a stall
 * (no byte for the read timeout) while the body arrives; plus an overall limit. A declared Content-Length
 * above the cap is refused before any byte is read; a body that grows past the cap is cut off there.
 *
 * <p>The JDK's blocking {@link HttpURLConnection}, read straight into the staged file's large chunks: on loopback it
 * moved 256 MiB three times faster than {@code java.net.http.HttpClient}, whose selector thread and buffer hand-offs
 * made the download, not the checksum or the disk, the slow part of an import (bench/media-import.sh).
 */
public class MediaFetcher {

    static final int DEFAULT_BUFFER_BYTES = 256 * 1024;

    private final UrlGuard guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration maxDuration;
    private final int maxRedirects;
    private final int bufferBytes;

    public MediaFetcher(UrlGuard guard, Duration connectTimeout, Duration readTimeout, Duration maxDuration, int maxRedirects) {
        this(guard, connectTimeout, readTimeout, maxDuration, maxRedirects, DEFAULT_BUFFER_BYTES);
    }

    public MediaFetcher(UrlGuard guard, Duration connectTimeout, Duration readTimeout, Duration maxDuration, int maxRedirects,
                        int bufferBytes) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxDuration = maxDuration;
        this.maxRedirects = maxRedirects;
        this.bufferBytes = Math.max(8 * 1024, bufferBytes);
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
            HttpURLConnection connection = open(current);
            try {
                int status = head(current, connection);
                if (status >= 300 && status < 400 && status != 304) {
                    if (hop >= maxRedirects) {
                        throw new MediaRejectedException(Reason.FETCH_FAILED, "Too many redirects (more than " + maxRedirects + ") from " + url);
                    }
                    current = redirectTarget(current, status, connection.getHeaderField("Location"));
                    continue;
                }
                long declared = connection.getContentLengthLong();
                OptionalLong contentLength = declared >= 0 ? OptionalLong.of(declared) : OptionalLong.empty();
                if (status >= 200 && status < 300 && declared > maxBytes) {
                    throw new MediaRejectedException(Reason.TOO_LARGE, "The source declares " + declared
                            + " bytes, more than the limit of " + maxBytes);
                }
                if (status < 200 || status >= 300) {
                    throw new MediaRejectedException(Reason.FETCH_FAILED,
                            "The source answered HTTP " + status + " for " + current, status >= 500 || status == 429);
                }
                if (declared > deferAbove) {
                    return new Result(current, true, contentLength);
                }
                body(current, connection, target, deadline);
                return new Result(current, false, contentLength);
            } finally {
                // One connection per fetch, closed rather than drained: a refused body may be endless.
                connection.disconnect();
            }
        }
    }

    private HttpURLConnection open(URI url) {
        try {
            // No proxy: the guard checked this host, not a proxy's.
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            connection.setUseCaches(false);
            connection.setRequestProperty("User-Agent", "Syndicast-media-import/1");
            connection.setRequestProperty("Accept", "image/*, video/*;q=0.9, */*;q=0.1");
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "Cannot fetch " + url + ": " + e.getMessage());
        }
    }

    /** Connects, then sends the request and reads the response head, each with its own timeout and message. */
    private int head(URI url, HttpURLConnection connection) {
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "Could not connect to " + url.getHost() + " in time", true);
        } catch (ConnectException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "Could not connect to " + url.getHost(), true);
        } catch (IOException e) {
            throw failed(url, e);
        }
        try {
            return connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED,
                    "The source did not answer within " + readTimeout.toSeconds() + " s: " + url, true);
        } catch (IOException e) {
            throw failed(url, e);
        }
    }

    /** Streams the body into the staged file; a blocked read ends after the read timeout (a stall). */
    private void body(URI url, HttpURLConnection connection, StagedFile target, long deadline) {
        target.touch();
        try (InputStream in = connection.getInputStream()) {
            target.writeAll(in, bufferBytes, () -> {
                if (System.nanoTime() > deadline) {
                    throw new MediaRejectedException(Reason.FETCH_FAILED, "The download took longer than " + maxDuration + ": " + url, true);
                }
            });
        } catch (SocketTimeoutException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED,
                    "The source sent no data for " + readTimeout.toSeconds() + " s: " + url, true);
        } catch (IOException e) {
            throw failed(url, e);
        }
    }

    private static MediaRejectedException failed(URI url, IOException e) {
        return new MediaRejectedException(Reason.FETCH_FAILED, "The download from " + url + " failed: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
    }

    private static URI redirectTarget(URI current, int status, String location) {
        if (location == null || location.isBlank()) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The source answered HTTP " + status + " without a Location");
        }
        try {
            return current.resolve(new URI(location.strip()));
        } catch (URISyntaxException e) {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The source redirected to a malformed URL: " + location);
        }
    }
}
