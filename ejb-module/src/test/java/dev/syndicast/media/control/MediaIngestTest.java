package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import dev.syndicast.media.entity.MediaStatus;
import dev.syndicast.scheduling.control.TaskFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one flow of every way in, with the item records in memory, storage in a temporary directory and no ffmpeg. */
class MediaIngestTest {

    private static final UUID WORKSPACE = UUID.fromString("0190a3c2-0000-7000-8000-00000000000a");
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path dir;

    private InMemoryMediaRecords records;
    private LocalMediaStorage storage;
    private MediaIngest ingest;

    @BeforeEach
    void setUp() {
        records = new InMemoryMediaRecords();
        storage = new LocalMediaStorage(dir.resolve("media"));
        MediaSettings settings = new MediaSettings();
        settings.allowedTypes = String.join(",", MediaFetcherTest.ALLOWED);
        settings.maxBytes = LIMIT;
        ingest = new MediaIngest();
        ingest.records = records;
        ingest.settings = settings;
        ingest.storage = storage;
        ingest.prober = new MediaProber(FfmpegTools.of(Optional.empty(), Optional.empty()), Duration.ofSeconds(5));
        ingest.components = new MediaComponents() {
            @Override
            public Path stagingDirectory() {
                return dir.resolve("staging");
            }

            @Override
            public Executor checksumExecutor() {
                return null;
            }
        };
    }

    private MediaItem newItem() {
        return records.create(MediaItem.uploading(WORKSPACE, "clip.mp4", MediaItem.Metadata.NONE, InMemoryMediaRecords.NOW));
    }

    private static MediaIngest.Transfer writing(byte[] bytes) {
        return staging -> {
            staging.file().writeAll(new ByteArrayInputStream(bytes));
            return true;
        };
    }

    private MediaOutcome inRequest(UUID itemId, MediaIngest.Transfer transfer) {
        return ingest.ingest(WORKSPACE, itemId, LIMIT, IngestMode.IN_REQUEST, transfer);
    }

    /** Storage that refuses every file, like a full or read-only disk. */
    private MediaStorage failingStorage(String message) {
        return new LocalMediaStorage(dir.resolve("media")) {
            @Override
            public void store(Path staged, String key) throws IOException {
                throw new IOException(message);
            }
        };
    }

    private void assertStagingEmpty() throws IOException {
        Path staging = dir.resolve("staging");
        if (Files.exists(staging)) {
            assertThat(staging).isEmptyDirectory();
        }
    }

    @Test
    void newBytesAreStoredUnderTheirChecksumAndTheItemIsReady() throws IOException {
        MediaItem item = newItem();

        MediaOutcome outcome = inRequest(item.getId(), writing(MediaFetcherTest.mp4(10_000)));

        assertThat(outcome.disposition()).isEqualTo(MediaOutcome.Disposition.CREATED);
        assertThat(outcome.item().getId()).isEqualTo(item.getId());
        assertThat(outcome.item().getStatus()).isEqualTo(MediaStatus.READY);
        assertThat(outcome.item().getMimeType()).isEqualTo("video/mp4");
        assertThat(outcome.item().getSizeBytes()).isEqualTo(10_000);
        assertThat(outcome.item().getStoragePath())
                .isEqualTo("library/" + WORKSPACE + "/" + outcome.item().getChecksumSha256() + ".mp4");
        assertThat(storage.exists(outcome.item().getStoragePath())).isTrue();
        assertThat(storage.size(outcome.item().getStoragePath())).isEqualTo(10_000);
        assertStagingEmpty();
    }

    @Test
    void aCallerWhoWaitsGetsTheItemTheWorkspaceAlreadyHasAndThePlaceholderGoes() throws IOException {
        MediaItem original = inRequest(newItem().getId(), writing(MediaFetcherTest.mp4(5_000))).item();
        MediaItem placeholder = newItem();

        MediaOutcome again = inRequest(placeholder.getId(), writing(MediaFetcherTest.mp4(5_000)));

        assertThat(again.disposition()).isEqualTo(MediaOutcome.Disposition.EXISTING);
        assertThat(again.item().getId()).isEqualTo(original.getId());
        assertThat(records.items).doesNotContainKey(placeholder.getId());
        assertStagingEmpty();
    }

    @Test
    void aBackgroundImportOfKnownBytesBecomesAReadyDuplicateSharingTheFile() throws Exception {
        MediaItem original = inRequest(newItem().getId(), writing(MediaFetcherTest.mp4(5_000))).item();
        MediaItem polled = newItem();

        MediaOutcome outcome = ingest.ingest(WORKSPACE, polled.getId(), LIMIT, IngestMode.background(false),
                writing(MediaFetcherTest.mp4(5_000)));

        assertThat(outcome.disposition()).isEqualTo(MediaOutcome.Disposition.CREATED);
        assertThat(outcome.item().getId()).isEqualTo(polled.getId());
        assertThat(outcome.item().getDuplicateOf()).isEqualTo(original.getId());
        assertThat(outcome.item().getStoragePath()).isEqualTo(original.getStoragePath());
        assertThat(outcome.item().getStatus()).isEqualTo(MediaStatus.READY);
    }

    @Test
    void aTransferThatDefersContinuesInTheBackgroundAndLeavesNoStagedFile() throws IOException {
        MediaItem item = newItem();

        MediaOutcome outcome = inRequest(item.getId(), staging -> {
            staging.file().writeAll(new ByteArrayInputStream(MediaFetcherTest.mp4(1_000)));
            return false;
        });

        assertThat(outcome.disposition()).isEqualTo(MediaOutcome.Disposition.ACCEPTED);
        assertThat(outcome.item().getImportTaskId()).isNotNull();
        assertThat(outcome.item().getStatus()).isEqualTo(MediaStatus.UPLOADING);
        assertStagingEmpty();
    }

    @Test
    void aRefusalInARequestFailsTheItemWithItsOwnSentenceAndReachesTheCallerUnchanged() throws IOException {
        MediaItem item = newItem();

        assertThatThrownBy(() -> inRequest(item.getId(), writing(MediaFetcherTest.mp4(LIMIT + 1))))
                .isInstanceOf(MediaRejectedException.class)
                .satisfies(e -> assertThat(((MediaRejectedException) e).reason()).isEqualTo(Reason.TOO_LARGE));

        assertThat(item.getStatus()).isEqualTo(MediaStatus.FAILED);
        assertThat(item.getError()).isEqualTo("The file is larger than the limit of " + LIMIT + " bytes");
        assertStagingEmpty();
    }

    @Test
    void aBugFailsTheItemByTheErrorsKindAndReachesTheCallerUnchanged() {
        MediaItem item = newItem();
        IllegalStateException bug = new IllegalStateException("oops");

        assertThatThrownBy(() -> inRequest(item.getId(), staging -> {
            throw bug;
        })).isSameAs(bug);

        assertThat(item.getError()).isEqualTo("Internal error (IllegalStateException)");
    }

    @Test
    void aStorageErrorInARequestFailsTheItemAsSuchAndReachesTheCallerUnchecked() {
        ingest.storage = failingStorage("disk full");
        MediaItem item = newItem();

        assertThatThrownBy(() -> inRequest(item.getId(), writing(MediaFetcherTest.mp4(2_000))))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full");

        assertThat(item.getStatus()).isEqualTo(MediaStatus.FAILED);
        assertThat(item.getError()).isEqualTo("Storage error: disk full");
    }

    @Test
    void aFormUploadWhoseBodyBreaksOffIsTheUploadsFault() {
        MediaItem item = newItem();

        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, item.getId(), LIMIT, IngestMode.FORM_UPLOAD, staging -> {
            staging.file().writeAll(new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw new IOException("connection reset");
                }
            });
            return true;
        })).isInstanceOf(MediaRejectedException.class)
                .hasMessage("The upload was interrupted: connection reset")
                .satisfies(e -> assertThat(((MediaRejectedException) e).reason()).isEqualTo(Reason.BAD_UPLOAD));

        assertThat(item.getError()).isEqualTo("The upload was interrupted: connection reset");
    }

    @Test
    void anItemTheTransferCreatesIsFailedOnlyOnceItExists() {
        MediaRejectedException early = new MediaRejectedException(Reason.BAD_UPLOAD, "Expected a multipart/form-data body");
        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, null, LIMIT, IngestMode.FORM_UPLOAD, staging -> {
            throw early;
        })).isSameAs(early);
        assertThat(records.items).isEmpty();

        MediaItem[] created = new MediaItem[1];
        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, null, LIMIT, IngestMode.FORM_UPLOAD, staging -> {
            created[0] = staging.create(MediaItem.uploading(WORKSPACE, "late.gif", MediaItem.Metadata.NONE, InMemoryMediaRecords.NOW));
            staging.file().writeAll(new ByteArrayInputStream("not an image at all, just some text".getBytes()));
            return true;
        })).isInstanceOf(MediaRejectedException.class);
        assertThat(created[0].getStatus()).isEqualTo(MediaStatus.FAILED);
        assertThat(created[0].getError()).startsWith("The content is application/octet-stream");
    }

    @Test
    void laterDetailsOfACreatedItemAreFiledBeforeItIsReady() {
        MediaOutcome outcome = ingest.ingest(WORKSPACE, null, LIMIT, IngestMode.FORM_UPLOAD, staging -> {
            staging.create(MediaItem.uploading(WORKSPACE, "a.mp4", new MediaItem.Metadata("Intro", null, null), InMemoryMediaRecords.NOW));
            staging.file().writeAll(new ByteArrayInputStream(MediaFetcherTest.mp4(3_000)));
            staging.describe(new MediaItem.Metadata("Intro", java.util.List.of("a"), "clips"));
            return true;
        });

        assertThat(outcome.item().getAltText()).isEqualTo("Intro");
        assertThat(outcome.item().getTags()).containsExactly("a");
        assertThat(outcome.item().getFolderPath()).isEqualTo("clips");
        assertThat(outcome.item().getOriginalFilename()).isEqualTo("a.mp4");
    }

    @Test
    void aBackgroundAttemptThatMayPassKeepsTheItemInTransferUntilTheLastAttempt() {
        MediaItem item = newItem();
        MediaIngest.Transfer timesOut = staging -> {
            throw new MediaRejectedException(Reason.FETCH_FAILED, "The source timed out", true);
        };

        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, item.getId(), LIMIT, IngestMode.background(false), timesOut))
                .isInstanceOf(TaskFailedException.class)
                .hasMessage("The source timed out")
                .satisfies(e -> assertThat(((TaskFailedException) e).isPermanent()).isFalse());
        assertThat(item.getStatus()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(item.getError()).isEqualTo("The source timed out");

        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, item.getId(), LIMIT, IngestMode.background(true), timesOut))
                .isInstanceOf(TaskFailedException.class)
                .satisfies(e -> assertThat(((TaskFailedException) e).isPermanent()).isTrue());
        assertThat(item.getStatus()).isEqualTo(MediaStatus.FAILED);
    }

    @Test
    void aBackgroundStorageErrorFailsTheItemAndTheTaskForGood() {
        ingest.storage = failingStorage("read-only file system");
        MediaItem item = newItem();

        assertThatThrownBy(() -> ingest.ingest(WORKSPACE, item.getId(), LIMIT, IngestMode.background(false),
                writing(MediaFetcherTest.mp4(2_000))))
                .isInstanceOf(TaskFailedException.class)
                .hasMessage("Storage error: read-only file system")
                .satisfies(e -> assertThat(((TaskFailedException) e).isPermanent()).isTrue());
        assertThat(item.getStatus()).isEqualTo(MediaStatus.FAILED);
        assertThat(item.getError()).isEqualTo("Storage error: read-only file system");
    }
}
