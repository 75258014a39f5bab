package dev.syndicast.scheduling.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the production job XML in JBeret SE, outside any server, against an in-memory store.
 * It checks the step metrics, not only that the job finished.
 */
class PurgeFinishedTasksJobTest {

    private static final String JOB = "purge-finished-tasks";
    private static final String JBERET_CONTAINER_ID = "STATIC_INSTANCE";
    private JobOperator operator;
    private InMemoryFinishedTasks store;

    /** The Weld SE container JBeret SE creates artifacts from (it looks it up by this id, or boots it itself). */
    private static synchronized WeldContainer weld() {
        WeldContainer container = WeldContainer.instance(JBERET_CONTAINER_ID);
        return container != null ? container : new Weld(JBERET_CONTAINER_ID).initialize();
    }

    @BeforeEach
    void setUp() {
        operator = BatchRuntime.getJobOperator();
        store = weld().select(InMemoryFinishedTasks.class).get();
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

    private JobExecution awaitEnd(long executionId) throws InterruptedException {
        // JBeret SE runs the job on its own thread; waitForTermination is its documented way to join it.
        var execution = (org.jberet.runtime.JobExecutionImpl) operator.getJobExecution(executionId);
        execution.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        return operator.getJobExecution(executionId);
    }

    private Map<Metric.MetricType, Long> metrics(long executionId) {
        StepExecution step = operator.getStepExecutions(executionId).get(0);
        return Arrays.stream(step.getMetrics()).collect(Collectors.toMap(Metric::getType, Metric::getValue));
    }

    private static Properties params(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
