package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fetches from a loopback server that the allow-list permits by name ("127.0.0.1"); every other loopback
 * spelling stays forbidden, which is what the redirect tests aim at. No request leaves the machine.
 */
class MediaFetcherTest {

    static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/quicktime");
    static final byte[] MP4_HEAD = MimeSnifferTest.ftyp("isom");

    @TempDir
    Path staging;

    LocalFileServer server;
    MediaFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new LocalFileServer();
        UrlGuard guard = UrlGuard.withSystemResolver(List.of("127.0.0.1"), List.of());
        fetcher = new MediaFetcher(guard, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20), 3);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] mp4(int size) {
        byte[] body = new byte[size];
        new Random(42).nextBytes(body);
        System.arraycopy(MP4_HEAD, 0, body, 0, MP4_HEAD.length);
        return body;
    }

    private StagedFile staged(long max) {
        return new StagedFile(staging, max, ALLOWED);
    }

    private List<Path> stagingFiles() {
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void streamsTheBodyAndComputesItsChecksum() throws Exception {
        byte[] body = mp4(3 * 1024 * 1024 + 17);
        server.route("/clip.mp4", LocalFileServer.bytes("application/octet-stream", body));
        try (StagedFile file = staged(10_000_000)) {
            MediaFetcher.Result result = fetcher.fetch(server.url("/clip.mp4"), file, Long.MAX_VALUE, 10_000_000);
            StagedFile.Received received = file.finish();
            assertThat(result.deferred()).isFalse();
            assertThat(received.size()).isEqualTo(body.length);
            assertThat(received.mimeType()).isEqualTo("video/mp4");
            assertThat(received.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            assertThat(Files.readAllBytes(received.path())).isEqualTo(body);
        }
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void followsRedirectsThatStayAllowed() {
        server.route("/old", LocalFileServer.redirect(301, "/new"))
              .route("/new", LocalFileServer.redirect(307, server.url("/clip.mp4").toString()))
              .route("/clip.mp4", LocalFileServer.bytes("video/mp4", mp4(1000)));
        try (StagedFile file = staged(10_000)) {
            MediaFetcher.Result result = fetcher.fetch(server.url("/old"), file, Long.MAX_VALUE, 10_000);
            assertThat(result.finalUrl()).isEqualTo(server.url("/clip.mp4"));
            assertThat(file.size()).isEqualTo(1000);
        }
    }

    @Test
    void refusesARedirectToAForbiddenAddress() {
        // localhost and [::1] are loopback too, but only the name "127.0.0.1" is allowed.
        server.route("/to-localhost", LocalFileServer.redirect(302, "http://localhost:" + server.port() + "/clip.mp4"))
              .route("/to-v6", LocalFileServer.redirect(302, "http://[::1]:" + server.port() + "/clip.mp4"))
              .route("/to-metadata", LocalFileServer.redirect(302, "http://169.254.169.254/latest/meta-data/"))
              .route("/clip.mp4", LocalFileServer.bytes("video/mp4", mp4(1000)));
        for (String path : List.of("/to-localhost", "/to-v6", "/to-metadata")) {
            try (StagedFile file = staged(10_000)) {
                assertRejected(() -> fetcher.fetch(server.url(path), file, Long.MAX_VALUE, 10_000), Reason.FORBIDDEN_ADDRESS);
                assertThat(file.size()).isZero();
            }
        }
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void stopsAfterTooManyRedirects() {
        server.route("/loop", LocalFileServer.redirect(302, "/loop"));
        try (StagedFile file = staged(10_000)) {
            assertRejected(() -> fetcher.fetch(server.url("/loop"), file, Long.MAX_VALUE, 10_000), Reason.FETCH_FAILED);
        }
    }

    @Test
    void aLyingContentTypeDoesNotGetHtmlIn() {
        byte[] page = "<!DOCTYPE html><html><body>Not an image</body></html>".getBytes();
        server.route("/photo.png", LocalFileServer.bytes("image/png", page));
        try (StagedFile file = staged(10_000)) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/photo.png"), file, Long.MAX_VALUE, 10_000))
                    .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
                        assertThat(e.getMessage()).contains("text/html");
                    });
        }
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void aLargeBodyOfTheWrongTypeIsCutOffAtItsFirstBytes() {
        byte[] body = new byte[4 * 1024 * 1024];
        System.arraycopy("%PDF-1.7 lorem ipsum dolor sit amet".getBytes(), 0, body, 0, 35);
        server.route("/doc", LocalFileServer.bytes("video/mp4", body));
        try (StagedFile file = staged(100_000_000)) {
            assertRejected(() -> fetcher.fetch(server.url("/doc"), file, Long.MAX_VALUE, 100_000_000), Reason.UNSUPPORTED_TYPE);
            assertThat(file.size()).isLessThan(body.length);
        }
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBody() {
        server.route("/big.mp4", LocalFileServer.bytes("video/mp4", mp4(200_000)));
        try (StagedFile file = staged(100_000)) {
            assertRejected(() -> fetcher.fetch(server.url("/big.mp4"), file, Long.MAX_VALUE, 100_000), Reason.TOO_LARGE);
            assertThat(file.size()).isZero();
        }
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void anUndeclaredBodyOverTheCapIsCutOffAtTheCap() {
        server.route("/endless.mp4", LocalFileServer.chunked(MP4_HEAD, 50_000_000));
        try (StagedFile file = staged(1_000_000)) {
            assertRejected(() -> fetcher.fetch(server.url("/endless.mp4"), file, Long.MAX_VALUE, 1_000_000), Reason.TOO_LARGE);
            assertThat(file.size()).isLessThanOrEqualTo(1_000_000 + 64 * 1024);
        }
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void aServerThatStallsTimesOut() {
        server.route("/stall.mp4", server.stallAfter(MP4_HEAD, 10_000_000));
        long started = System.nanoTime();
        try (StagedFile file = staged(100_000_000)) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/stall.mp4"), file, Long.MAX_VALUE, 100_000_000))
                    .isInstanceOfSatisfying(MediaRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.FETCH_FAILED);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("no data");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(stagingFiles()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.route("/silent", exchange -> {
            try {
                server.release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try (StagedFile file = staged(1000)) {
            assertRejected(() -> fetcher.fetch(server.url("/silent"), file, Long.MAX_VALUE, 1000), Reason.FETCH_FAILED);
        }
    }

    @Test
    void errorStatusesAreReportedAndServerErrorsRetried() {
        server.route("/missing", exchange -> LocalFileServer.respond(exchange, 404))
              .route("/broken", exchange -> LocalFileServer.respond(exchange, 503));
        try (StagedFile file = staged(1000)) {
            assertThatThrownBy(() -> fetcher.fetch(server.url("/missing"), file, Long.MAX_VALUE, 1000))
                    .isInstanceOfSatisfying(MediaRejectedException.class, e -> assertThat(e.isRetryable()).isFalse())
                    .hasMessageContaining("404");
            assertThatThrownBy(() -> fetcher.fetch(server.url("/broken"), file, Long.MAX_VALUE, 1000))
                    .isInstanceOfSatisfying(MediaRejectedException.class, e -> assertThat(e.isRetryable()).isTrue());
        }
    }

    @Test
    void aDeclaredLengthAboveTheSynchronousLimitIsDeferred() {
        server.route("/large.mp4", LocalFileServer.bytes("video/mp4", mp4(50_000)));
        try (StagedFile file = staged(1_000_000)) {
            MediaFetcher.Result result = fetcher.fetch(server.url("/large.mp4"), file, 10_000, 1_000_000);
            assertThat(result.deferred()).isTrue();
            assertThat(result.contentLength()).hasValue(50_000);
            assertThat(file.size()).isZero();
        }
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MediaRejectedException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }
}
