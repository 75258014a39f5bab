package dev.syndicast.scheduling;

import dev.syndicast.batch.boundary.BatchJobs;
import dev.syndicast.scheduling.boundary.Tasks;
import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.entity.TaskStatus;
import dev.syndicast.system.control.SelfTestHandler;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.MovableClock;
import dev.syndicast.testsupport.TestTaskHandlers;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's moving parts on a real Payara Micro with PostgreSQL and Artemis: REST into an EJB and JPA,
 * the timer that wakes the dispatcher, the JMS hand-over to the MDB with redelivery and dead-lettering, and a
 * Jakarta Batch job with its step metrics.
 */
@ExtendWith(ArquillianExtension.class)
class TaskMachineryIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestSupport(TaskMachineryIT.class);
    }

    @Inject
    Tasks tasks;

    @Inject
    BatchJobs batchJobs;

    @Inject
    MovableClock clock;

    @Resource(lookup = "jdbc/syndicast")
    DataSource dataSource;

    @ArquillianResource
    URL base;

    @Test
    @RunAsClient
    void selfTestTravelsFromRestThroughDatabaseTimerAndJmsAndBack() {
        Api api = Api.at(base);
        Api.Reply accepted = api.post("/api/system/selftest", "{\"payload\":\"ping\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().getString("id");
        assertThat(accepted.header("Location")).endsWith("/api/system/tasks/" + id);

        Await.untilAsserted(() -> {
            JsonObject task = api.get("/api/system/tasks/" + id).json();
            assertThat(task.getString("status")).isEqualTo("done");
            assertThat(task.getString("result")).startsWith("echo ping at ");
            assertThat(task.getInt("attempts")).isEqualTo(1);
            assertThat(task.getInt("deliveries")).isEqualTo(1);
        });
    }

    @Test
    @RunAsClient
    void badInputGetsTheErrorBodyNotAStackTrace() {
        Api api = Api.at(base);
        Api.Reply invalid = api.post("/api/system/selftest", "{\"delay_seconds\": -1}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().getString("error")).isEqualTo("Validation Error");
        assertThat(invalid.json().getJsonArray("fields").getJsonObject(0).getString("field")).contains("delay_seconds");

        Api.Reply malformed = api.post("/api/system/selftest", "{\"payload\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().keySet()).contains("error", "detail", "timestamp");
        assertThat(malformed.body()).doesNotContain("Exception", "\tat ");

        assertThat(api.get("/api/system/tasks/not-a-uuid").status()).isIn(400, 404);
        assertThat(api.get("/api/system/tasks/" + UUID.randomUUID()).json().getString("detail")).contains("not found");
        assertThat(api.anonymous().get("/api/system/tasks").status()).isEqualTo(401);
    }

    @Test
    void theTimerDispatchesATaskWhenItsTimeComesNotBefore() {
        ScheduledTask task = tasks.schedule(SelfTestHandler.KIND, "later", clock.instant().plus(Duration.ofHours(1)));
        try {
            Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> status(task.getId()) == TaskStatus.PENDING);

            clock.advance(Duration.ofHours(1));

            Await.until(() -> status(task.getId()) == TaskStatus.DONE);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aCrashedDeliveryIsRedeliveredAndThenSucceeds() {
        ScheduledTask task = tasks.schedule(TestTaskHandlers.Flaky.KIND, null, clock.instant());

        Await.until(() -> status(task.getId()) == TaskStatus.DONE);
        ScheduledTask done = tasks.find(task.getId()).orElseThrow();
        assertThat(done.getDeliveries()).isEqualTo(2);
        assertThat(done.getAttempts()).isEqualTo(1);
        assertThat(done.getResult()).isEqualTo("survived after 2 deliveries");
    }

    @Test
    void aMessageThatCrashesEveryDeliveryIsDeadLetteredAndTheTaskFails() {
        ScheduledTask task = tasks.schedule(TestTaskHandlers.Crashing.KIND, null, clock.instant());

        Await.until(() -> status(task.getId()) == TaskStatus.FAILED);
        assertThat(tasks.find(task.getId()).orElseThrow().getLastError()).startsWith("Dead-lettered by the broker after");
    }

    @Test
    void thePurgeJobDeletesOldFinishedTasksInChunksAndReportsItsMetrics() throws SQLException {
        int old = 10;
        insertFinishedTasks(old, "40 days");
        insertFinishedTasks(3, "1 day");

        long execution = batchJobs.startSystemJob("purge-finished-tasks", Map.of("olderThanDays", "30", "chunkSize", "4"));

        Await.until(() -> batchJobs.execution(execution).batchStatus().equals("COMPLETED"));
        BatchJobs.Step step = batchJobs.execution(execution).steps().get(0);
        assertThat(step.name()).isEqualTo("purge");
        assertThat(step.metrics()).containsEntry("read_count", (long) old)
                .containsEntry("write_count", (long) old)
                .containsEntry("rollback_count", 0L)
                .containsEntry("read_skip_count", 0L);
        // Three chunks of at most 4 items (4 + 4 + 2); the runtime may count a closing commit as well.
        assertThat(step.metrics().get("commit_count")).isBetween(3L, 4L);
        assertThat(countFinishedOlderThan("30 days")).isZero();
        assertThat(countFinishedOlderThan("12 hours")).isGreaterThanOrEqualTo(3);
    }

    private TaskStatus status(UUID id) {
        return tasks.find(id).orElseThrow().getStatus();
    }

    private void insertFinishedTasks(int count, String age) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    insert into scheduled_tasks (id, kind, status, run_at, attempts, max_attempts, deliveries,
                                                 completed_at, created_at, version)
                    select gen_random_uuid(), 'selftest', 'DONE', now() - interval '%1$s', 1, 4, 1,
                           now() - interval '%1$s', now() - interval '%1$s', 0
                      from generate_series(1, %2$d)""".formatted(age, count));
        }
    }

    private long countFinishedOlderThan(String age) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from scheduled_tasks where status = 'DONE' and completed_at < now() - interval '" + age + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
