package dev.syndicast.media.boundary;

import dev.syndicast.media.boundary.MediaFiles.MediaFile;
import dev.syndicast.media.boundary.MediaFiles.Readiness;
import dev.syndicast.media.control.MediaStorage;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.ProbeFacts;
import dev.syndicast.media.entity.StoredContent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MediaFilesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String SHA = "b".repeat(64);
    private static final StoredContent MP4 = new StoredContent("library/w/" + SHA + ".mp4", 1234, SHA, "video/mp4");

    /** Remembers which keys were opened. */
    private static final class OpenedKeys implements MediaStorage {
        final List<String> opened = new ArrayList<>();

        @Override
        public void store(Path staged, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel open(String key) {
            opened.add(key);
            return null;
        }

        @Override
        public long size(String key) {
            return 0;
        }

        @Override
        public boolean exists(String key) {
            return true;
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }
    }

    private static MediaItem importing() {
        return MediaItem.importing(WORKSPACE, "https://cdn.example/clip.mp4", MediaItem.Metadata.NONE, NOW);
    }

    @Test
    void aReadyItemOpensItsStoredBytes() throws IOException {
        MediaItem item = importing();
        item.contentStored(MP4, NOW);
        item.ready(new ProbeFacts(2.0, 320, 240, 25.0, "h264", "aac", 222_000L), null, NOW);
        OpenedKeys storage = new OpenedKeys();

        MediaFile file = MediaFiles.describe(WORKSPACE, item.getId(), item, storage);

        assertThat(file.readiness()).isEqualTo(Readiness.READY);
        assertThat(file.mimeType()).isEqualTo("video/mp4");
        assertThat(storage.opened).as("nothing is opened before it is asked for").isEmpty();
        file.opener().open();
        assertThat(storage.opened).containsExactly(MP4.storagePath());
    }

    @Test
    void anItemStillArrivingIsImportingAndCannotBeOpenedYet() {
        MediaItem item = importing();
        MediaFile arriving = MediaFiles.describe(WORKSPACE, item.getId(), item, new OpenedKeys());
        assertThat(arriving.readiness()).isEqualTo(Readiness.IMPORTING);
        assertThat(arriving.opener()).isNull();

        item.contentStored(MP4, NOW);
        assertThat(MediaFiles.describe(WORKSPACE, item.getId(), item, new OpenedKeys()).readiness())
                .as("being probed").isEqualTo(Readiness.IMPORTING);
    }

    @Test
    void aFailedImportIsUnavailableWithItsReason() {
        MediaItem item = importing();
        item.fail("HTTP 404 from the source", NOW);
        MediaFile file = MediaFiles.describe(WORKSPACE, item.getId(), item, new OpenedKeys());
        assertThat(file.readiness()).isEqualTo(Readiness.UNAVAILABLE);
        assertThat(file.error()).isEqualTo("HTTP 404 from the source");
        assertThat(file.opener()).isNull();
    }

    @Test
    void aMissingItemOrOneOfAnotherWorkspaceIsUnavailableAndSaysNothingAboutIt() {
        UUID id = UUID.randomUUID();
        assertThat(MediaFiles.describe(WORKSPACE, id, null, new OpenedKeys()))
                .isEqualTo(new MediaFile(id, Readiness.UNAVAILABLE, null, null, null));

        MediaItem foreign = importing();
        foreign.fail("a reason of the other workspace", NOW);
        assertThat(MediaFiles.describe(UUID.randomUUID(), foreign.getId(), foreign, new OpenedKeys()))
                .isEqualTo(new MediaFile(foreign.getId(), Readiness.UNAVAILABLE, null, null, null));
    }
}
