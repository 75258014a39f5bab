package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagedFileTest {

    @TempDir
    Path staging;

    @Test
    void aTinyFileIsSniffedWhenFinished() throws Exception {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes("ISO-8859-1");
        try (StagedFile file = new StagedFile(staging, 1000, MediaFetcherTest.ALLOWED)) {
            file.writeAll(new ByteArrayInputStream(gif));
            StagedFile.Received received = file.finish();
            assertThat(received.mimeType()).isEqualTo("image/gif");
            assertThat(received.size()).isEqualTo(gif.length);
        }
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void aReleasedFileSurvivesClose() throws Exception {
        Path kept;
        try (StagedFile file = new StagedFile(staging, 1000, MediaFetcherTest.ALLOWED)) {
            file.writeAll(new ByteArrayInputStream(MediaFetcherTest.mp4(500)));
            kept = file.finish().path();
            file.release();
        }
        assertThat(kept).exists().hasSize(500);
    }

    @Test
    void aLargeFileWrittenBackInTheBackgroundOnABusyExecutorFinishesWhole() throws Exception {
        // One thread, taken by the checksum until the end: the background fsyncs queue behind it, and finish() must
        // neither wait for one that never started nor lose a byte.
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            byte[] body = MediaFetcherTest.mp4((int) (2 * StagedFile.WRITEBACK_STEP + 12_345));
            String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
            try (StagedFile file = new StagedFile(staging, body.length, MediaFetcherTest.ALLOWED, executor)) {
                file.writeAll(new ByteArrayInputStream(body));
                StagedFile.Received received = file.finish();
                // The final fsync runs on the same one thread, free again once the checksum is done.
                received.awaitDurable();
                assertThat(received.durable()).isCompleted();
                assertThat(received.sha256()).isEqualTo(expected);
                assertThat(Files.readAllBytes(received.path())).isEqualTo(body);
            }
            assertThat(staging).isEmptyDirectory();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theChecksumOnAnotherThreadMatchesTheInlineOne() throws Exception {
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            byte[] body = MediaFetcherTest.mp4(5 * 1024 * 1024 + 7);
            String inline;
            try (StagedFile file = new StagedFile(staging, 10_000_000, MediaFetcherTest.ALLOWED)) {
                file.writeAll(new ByteArrayInputStream(body));
                inline = file.finish().sha256();
            }
            try (StagedFile file = new StagedFile(staging, 10_000_000, MediaFetcherTest.ALLOWED, executor)) {
                file.writeAll(new ByteArrayInputStream(body));
                assertThat(file.finish().sha256()).isEqualTo(inline);
            }
            // An abandoned transfer releases its checksum thread.
            try (StagedFile file = new StagedFile(staging, 10_000_000, MediaFetcherTest.ALLOWED, executor)) {
                file.writeAll(new ByteArrayInputStream(body, 0, 1_000_000));
            }
            assertThat(executor.submit(() -> "free").get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("free");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void emptyAndOversizedFilesAreRefusedAndRemoved() throws Exception {
        try (StagedFile file = new StagedFile(staging, 1000, MediaFetcherTest.ALLOWED)) {
            assertThatThrownBy(file::finish).isInstanceOf(MediaRejectedException.class).hasMessageContaining("empty");
        }
        try (StagedFile file = new StagedFile(staging, 1000, MediaFetcherTest.ALLOWED)) {
            assertThatThrownBy(() -> file.writeAll(new ByteArrayInputStream(MediaFetcherTest.mp4(1001))))
                    .isInstanceOfSatisfying(MediaRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.TOO_LARGE));
        }
        try (var files = Files.list(staging)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shortReadsFillWholeChunksAndLentBuffersComeBackForReuse() throws Exception {
        // A socket hands over a few KB per read: chunks are still written and digested whole, and a body of many
        // more chunks than the checksum has buffers (8) goes through as its buffers come back from the digest.
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            byte[] body = MediaFetcherTest.mp4(3 * 1024 * 1024 + 5);
            String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
            java.io.InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(body)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    return super.read(b, off, Math.min(len, 777));
                }
            };
            java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
            try (StagedFile file = new StagedFile(staging, body.length, MediaFetcherTest.ALLOWED, executor)) {
                file.writeAll(trickle, 64 * 1024, chunks::incrementAndGet);
                StagedFile.Received received = file.finish();
                assertThat(received.sha256()).isEqualTo(expected);
                assertThat(Files.readAllBytes(received.path())).isEqualTo(body);
            }
            assertThat(chunks).hasValue((body.length + 64 * 1024 - 1) / (64 * 1024));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aStreamPastTheCapIsCutOffMidChunk() throws Exception {
        try (StagedFile file = new StagedFile(staging, 100_000, MediaFetcherTest.ALLOWED)) {
            java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
            assertThatThrownBy(() -> file.writeAll(new ByteArrayInputStream(MediaFetcherTest.mp4(100_001)), 1024 * 1024,
                    chunks::incrementAndGet))
                    .isInstanceOfSatisfying(MediaRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.TOO_LARGE));
            assertThat(chunks).hasValue(0);
        }
        try (var files = Files.list(staging)) {
            assertThat(files).isEmpty();
        }
    }
}
