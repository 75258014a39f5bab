package dev.syndicast.publishing.batch;

import dev.syndicast.batch.JBeretSE;
import dev.syndicast.media.batch.InMemoryJobItems;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.syndicast.batch.JBeretSE.awaitEnd;
import static dev.syndicast.batch.JBeretSE.metrics;
import static dev.syndicast.batch.JBeretSE.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The production folder-upload job XML in JBeret SE (video + caption pairs). */
class FolderUploadJobTest {

    @TempDir
    Path folder;

    private InMemoryJobItems items;

    @BeforeEach
    void setUp() {
        items = JBeretSE.bean(InMemoryJobItems.class);
        items.reset();
    }

    @Test
    void schedulesEachCaptionedVideoAtItsIntervalReportsAMissingCaptionAndMovesWhatIsDone() throws Exception {
        Files.writeString(folder.resolve("a-intro.mp4"), "video a");
        Files.writeString(folder.resolve("a-intro.txt"), "  The intro #launch \n");
        Files.writeString(folder.resolve("b-nocaption.mp4"), "video b");
        Files.writeString(folder.resolve("c-outro.MOV"), "video c");
        Files.writeString(folder.resolve("c-outro.txt"), "The outro");
        Files.writeString(folder.resolve("notes.txt"), "not a caption of any video");

        long id = JBeretSE.operator().start("folder-upload", params(Map.of("workspaceId", UUID.randomUUID().toString(),
                "folder", folder.toString(), "platforms", "tiktok;youtube", "startAt", "2027-03-01T09:00:00Z",
                "intervalMinutes", "30", "afterUpload", "move")));

        assertThat(awaitEnd(id).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(metrics(id).get(Metric.MetricType.READ_COUNT)).isEqualTo(3);
        List<InMemoryJobItems.Upload> uploads = items.uploads();
        assertThat(uploads).extracting(InMemoryJobItems.Upload::file).containsExactly("a-intro.mp4", "c-outro.MOV");
        assertThat(uploads.get(0).caption()).isEqualTo("The intro #launch");
        assertThat(uploads.get(0).platforms()).containsExactly("tiktok", "youtube");
        assertThat(uploads.get(0).at()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(uploads.get(1).at()).as("the third video of the folder").isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(items.results().get(2L).ok()).isFalse();
        assertThat(items.results().get(2L).detail()).contains("ERR b-nocaption.mp4", "no caption");

        assertThat(folder.resolve("done/a-intro.mp4")).exists();
        assertThat(folder.resolve("done/a-intro.txt")).exists();
        assertThat(folder.resolve("done/c-outro.MOV")).exists();
        assertThat(folder.resolve("b-nocaption.mp4")).as("a failed video stays for another try").exists();
        assertThat(folder.resolve("notes.txt")).exists();
    }
}
