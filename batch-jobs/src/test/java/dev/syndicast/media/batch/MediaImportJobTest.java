package dev.syndicast.media.batch;

import dev.syndicast.batch.JBeretSE;
import static dev.syndicast.batch.JBeretSE.awaitEnd;
import static dev.syndicast.batch.JBeretSE.metrics;
import static dev.syndicast.batch.JBeretSE.params;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The production media-import job XML in JBeret SE, with the library replaced by {@link InMemoryJobItems}. */
class MediaImportJobTest {

    private static final String JOB = "media-import";
    private static final UUID WORKSPACE = UUID.randomUUID();

    private JobOperator operator;
    private InMemoryJobItems items;


    @BeforeEach
    void setUp() {
        operator = JBeretSE.operator();
        items = JBeretSE.bean(InMemoryJobItems.class);
        items.reset();
    }

    @Test
    void importsEveryUrlAndNotesARefusalWithoutStopping() throws Exception {
        String urls = IntStream.rangeClosed(1, 11).mapToObj(i -> "https://cdn.example/clip-" + i + ".mp4")
                .collect(Collectors.joining("\n")) + "\nhttp://refused.example/x.mp4";
        long id = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "urls", urls, "tags", "launch, spring",
                "chunkSize", "5")));

        JobExecution execution = awaitEnd(id);

        assertThat(execution.getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Metric.MetricType, Long> metrics = metrics(id);
        assertThat(metrics.get(Metric.MetricType.READ_COUNT)).isEqualTo(12);
        assertThat(metrics.get(Metric.MetricType.WRITE_COUNT)).isEqualTo(12);
        assertThat(metrics.get(Metric.MetricType.COMMIT_COUNT)).isBetween(3L, 4L);
        assertThat(items.imports()).hasSize(11).allSatisfy(i -> {
            assertThat(i.workspace()).isEqualTo(WORKSPACE);
            assertThat(i.tags()).containsExactly("launch", "spring");
        });
        assertThat(items.results()).hasSize(12);
        assertThat(items.results().get(12L).ok()).isFalse();
        assertThat(items.results().get(12L).detail()).contains("non-public address");
    }

    @Test
    void readsASpreadsheetCsvWithByteOrderMarkHeaderQuotesAndPerRowColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("urls.csv");
        Files.writeString(csv, "\uFEFFurl,folder_path,tags\n"
                + "https://cdn.example/a.mp4,campaigns/spring,\"one,two\"\n"
                + "\"https://cdn.example/b.mp4\",,\"multi\nline\"\n"
                + "\n"
                + "https://cdn.example/c.mp4\n", StandardCharsets.UTF_8);
        long id = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "file", csv.toString(),
                "folderPath", "inbox")));

        assertThat(awaitEnd(id).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<InMemoryJobItems.Imported> imports = items.imports();
        assertThat(imports).extracting(InMemoryJobItems.Imported::url)
                .containsExactly("https://cdn.example/a.mp4", "https://cdn.example/b.mp4", "https://cdn.example/c.mp4");
        assertThat(imports.get(0).folderPath()).isEqualTo("campaigns/spring");
        assertThat(imports.get(0).tags()).containsExactly("one", "two");
        assertThat(imports.get(1).folderPath()).as("a row without its own folder takes the job's").isEqualTo("inbox");
        assertThat(imports.get(1).tags()).containsExactly("multi\nline");
        assertThat(metrics(id).get(Metric.MetricType.READ_COUNT)).isEqualTo(3);
    }

    @Test
    void aRestartAfterACrashGoesOnFromTheCheckpointAndEndsWithOneResultPerUrl() throws Exception {
        String urls = IntStream.rangeClosed(1, 12).mapToObj(i -> "https://cdn.example/" + i + ".mp4").collect(Collectors.joining(","));
        items.crashOnImport(7);
        long first = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "urls", urls, "chunkSize", "5")));
        assertThat(awaitEnd(first).getBatchStatus()).isEqualTo(BatchStatus.FAILED);

        long restart = operator.restart(first, new Properties());
        assertThat(awaitEnd(restart).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(metrics(restart).get(Metric.MetricType.READ_COUNT)).as("starts after the last checkpoint (item 5)").isEqualTo(7);
        assertThat(items.results()).hasSize(12).allSatisfy((n, outcome) -> assertThat(outcome.ok()).isTrue());
        assertThat(items.imports().stream().map(InMemoryJobItems.Imported::url).distinct()).hasSize(12);
    }



}
