package dev.syndicast.posts.batch;

import dev.syndicast.batch.JBeretSE;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.media.batch.InMemoryJobItems;
import dev.syndicast.posts.control.PostDraft;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static dev.syndicast.batch.JBeretSE.awaitEnd;
import static dev.syndicast.batch.JBeretSE.metrics;
import static dev.syndicast.batch.JBeretSE.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The production post-import job XML in JBeret SE: reader, processor, skip listener and writer together. */
class PostImportJobTest {

    private static final String JOB = "post-import";
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String HEADER = "content,platforms,scheduled_at,category,hashtags,tags,labels,account_ids,media_url,title,source_id\n";

    @TempDir
    Path dir;

    private JobOperator operator;
    private InMemoryJobItems items;

    @BeforeEach
    void setUp() {
        operator = JBeretSE.operator();
        items = JBeretSE.bean(InMemoryJobItems.class);
        items.reset();
    }

    @Test
    void goodRowsBecomePostsAndHostileRowsAreSkippedWithTheirNumberAndReason() throws Exception {
        String huge = "x".repeat(10 * 1024 * 1024);
        Path csv = csv("\uFEFF" + HEADER
                + "\"Launch day!\nSee you there\",twitter;linkedin,2027-01-31T15:00:00Z,news,ai automation,\"a,b\",l1,,,Launch,src-1\n"
                + "Draft without time,x|bluesky,,,,,,,,,\n"
                + "too,few,columns\n"
                + "Bad date,twitter,31/01/2027 15:00,,,,,,,,\n"
                + "Unknown platform,myspace,,,,,,,,,\n"
                + huge + ",twitter,,,,,,,,,\n"
                + "=HYPERLINK(\"http://evil.example\"),twitter,,,,,,,,,\n"
                + "In the past,twitter,2020-01-01T00:00:00Z,,,,,,,,\n"
                + "Two accounts three platforms,twitter;linkedin;threads,,,,,,a1;a2,,,\n"
                + "Account the posts boundary refuses,twitter,,,,,,unknown-account,,,\n");

        long id = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "file", csv.toString(), "chunkSize", "3")));

        assertThat(awaitEnd(id).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Metric.MetricType, Long> metrics = metrics(id);
        assertThat(metrics.get(Metric.MetricType.READ_COUNT)).isEqualTo(10);
        assertThat(metrics.get(Metric.MetricType.PROCESS_SKIP_COUNT)).isEqualTo(7);
        assertThat(metrics.get(Metric.MetricType.WRITE_COUNT)).isEqualTo(3);
        assertThat(items.posts()).containsOnlyKeys(1L, 2L);

        PostDraft first = items.posts().get(1L);
        assertThat(first.text()).isEqualTo("Launch day!\nSee you there");
        assertThat(first.targets()).extracting(PostDraft.TargetDraft::platform).containsExactly("twitter", "linkedin");
        assertThat(first.scheduledAt()).isEqualTo(Instant.parse("2027-01-31T15:00:00Z"));
        assertThat(first.status()).isEqualTo("scheduled");
        assertThat(first.hashtags()).containsExactly("#ai", "#automation");
        assertThat(first.tags()).containsExactly("a", "b");
        assertThat(first.sourceId()).isEqualTo("src-1");
        assertThat(items.posts().get(2L).status()).isEqualTo("draft");
        assertThat(items.posts().get(2L).targets()).extracting(PostDraft.TargetDraft::platform).containsExactly("twitter", "bluesky");

        Map<Long, ItemOutcome> results = items.results();
        assertThat(results.get(3L).detail()).contains("3 cells", "11 columns");
        assertThat(results.get(4L).detail()).contains("ISO-8601");
        assertThat(results.get(5L).detail()).isEqualTo("Unsupported platform: myspace");
        assertThat(results.get(6L).detail()).contains("at most 100000");
        assertThat(results.get(7L).detail()).contains("formula");
        assertThat(results.get(8L).detail()).contains("in the past");
        assertThat(results.get(9L).detail()).contains("2 accounts for 3 platforms");
        assertThat(results.get(10L).detail()).contains("Account not found");
        assertThat(results.values().stream().filter(r -> !r.ok())).hasSize(8);
    }

    @Test
    void aDryRunValidatesEveryRowAndCreatesNothing() throws Exception {
        Path csv = csv(HEADER + "Fine,twitter,,,,,,,,,\nUnknown platform,myspace,,,,,,,,,\n");
        long id = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "file", csv.toString(), "dryRun", "true")));

        assertThat(awaitEnd(id).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(items.posts()).isEmpty();
        assertThat(items.results().get(1L).detail()).contains("dry run");
        assertThat(items.results().get(2L).ok()).isFalse();
    }

    @Test
    void aFailureAtRowNIsRestartedFromTheCheckpointWithExactlyOnePostPerRow() throws Exception {
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 1; i <= 25; i++) {
            rows.append("Post number ").append(i).append(",twitter,,,,,,,,,\n");
        }
        Path csv = csv(rows.toString());
        items.crashOnPostRow(17);

        long first = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "file", csv.toString(), "chunkSize", "5")));
        assertThat(awaitEnd(first).getBatchStatus()).isEqualTo(BatchStatus.FAILED);
        // The chunk of rows 16-20 rolled back as a whole: rows 1-15 (three committed chunks) are in.
        assertThat(items.postCreations()).hasSize(15).doesNotContain(16L, 17L);

        long restart = operator.restart(first, new Properties());
        assertThat(awaitEnd(restart).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(items.posts()).hasSize(25);
        assertThat(items.postCreations()).hasSize(25);
        assertThat(new HashSet<>(items.postCreations())).hasSize(25);
        assertThat(metrics(restart).get(Metric.MetricType.READ_COUNT)).as("from the checkpoint after row 15").isEqualTo(10);
    }

    @Test
    void aLargeFileImportsInTwoPartitionsAndARestartRerunsOnlyTheFailedOneFromItsCheckpoint() throws Exception {
        int rows = 20_001;
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            text.append("\"Post ").append(i).append(",\nsecond line\",twitter,,,,,,,,,\n");
        }
        Path csv = csv(text.toString());
        assertThat(PostCsvPartitions.count(csv)).as("quoted line breaks are not rows").isEqualTo(rows);
        items.crashOnPostRow(15_000);

        long first = operator.start(JOB, params(Map.of("workspaceId", WORKSPACE.toString(), "file", csv.toString(),
                "chunkSize", "1000", "partitions", "2")));
        assertThat(awaitEnd(first).getBatchStatus()).isEqualTo(BatchStatus.FAILED);
        // Rows 1-10,001 are the first partition's (all in); the second's chunks 10,002-15,001 rolled back at row 15,000.
        assertThat(items.postCreations()).hasSize(10_001 + 4_000).doesNotContain(15_000L, 14_002L);

        long restart = operator.restart(first, new Properties());
        assertThat(awaitEnd(restart).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(items.postCreations()).hasSize(rows);
        assertThat(new HashSet<>(items.postCreations())).hasSize(rows);
        assertThat(items.posts().get(20_001L).text()).isEqualTo("Post 20001,\nsecond line");
    }

    private Path csv(String text) throws IOException {
        Path file = dir.resolve(UUID.randomUUID() + ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
