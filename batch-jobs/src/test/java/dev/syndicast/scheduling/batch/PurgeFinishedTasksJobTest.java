package dev.syndicast.scheduling.batch;

import dev.syndicast.batch.JBeretSE;
import static dev.syndicast.batch.JBeretSE.awaitEnd;
import static dev.syndicast.batch.JBeretSE.metrics;
import static dev.syndicast.batch.JBeretSE.params;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the production job XML in JBeret SE, outside any server, against an in-memory store.
 * It checks the step metrics, not only that the job finished.
 */
class PurgeFinishedTasksJobTest {

    private static final String JOB = "purge-finished-tasks";
    private JobOperator operator;
    private InMemoryFinishedTasks store;


    @BeforeEach
    void setUp() {
        operator = JBeretSE.operator();
        store = JBeretSE.bean(InMemoryFinishedTasks.class);
        store.reset();
        for (int i = 0; i < 250; i++) {
            store.add(UUID.randomUUID(), InMemoryFinishedTasks.NOW.minus(Duration.ofDays(40)));
        }
        for (int i = 0; i < 50; i++) {
            store.add(UUID.randomUUID(), InMemoryFinishedTasks.NOW.minus(Duration.ofDays(2)));
        }
    }

    @Test
    void deletesOnlyTasksOlderThanTheCutoffInChunks() throws Exception {
        long id = operator.start(JOB, params(Map.of("olderThanDays", "30", "chunkSize", "100", "pageSize", "70")));

        JobExecution execution = awaitEnd(id);

        assertThat(execution.getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Metric.MetricType, Long> metrics = metrics(id);
        assertThat(metrics.get(Metric.MetricType.READ_COUNT)).isEqualTo(250);
        assertThat(metrics.get(Metric.MetricType.WRITE_COUNT)).isEqualTo(250);
        assertThat(metrics.get(Metric.MetricType.COMMIT_COUNT)).isEqualTo(3);
        assertThat(metrics.get(Metric.MetricType.ROLLBACK_COUNT)).isZero();
        assertThat(store.remaining()).isEqualTo(50);
    }

    @Test
    void defaultsKeepRecentTasks() throws Exception {
        long id = operator.start(JOB, new Properties());

        assertThat(awaitEnd(id).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(store.deleted()).hasSize(250);
    }

    @Test
    void restartContinuesFromTheLastCheckpointWithoutDeletingTwice() throws Exception {
        store.failOnDeleteCall(2);
        long first = operator.start(JOB, params(Map.of("chunkSize", "100")));
        assertThat(awaitEnd(first).getBatchStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(store.deleted()).hasSize(100);

        store.failOnDeleteCall(-1);
        long restart = operator.restart(first, new Properties());
        assertThat(awaitEnd(restart).getBatchStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(store.deleted()).hasSize(250);
        assertThat(new HashSet<>(store.deleted())).hasSize(250);
        assertThat(metrics(restart).get(Metric.MetricType.READ_COUNT)).isEqualTo(150);
    }



}
