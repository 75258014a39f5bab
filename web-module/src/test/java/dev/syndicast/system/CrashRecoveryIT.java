package dev.syndicast.system;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.ServerProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing accepted is lost when the server process is killed: the tasks live in PostgreSQL, their messages in
 * the broker's journal on disk. Runs the real {@code bin/syndicast} (the README's run command), kills the JVM
 * with SIGKILL while work is due and in flight, starts it again on the same database and data directory, and
 * expects every task done exactly once.
 */
class CrashRecoveryIT {

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void everyTaskIsDoneOnceAfterTheServerIsKilledMidFlight() {
        server = ServerProcess.start("syndicast_test_crash");
        Api api = Api.at(server.url());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // A third due at once (in flight when the kill lands), the rest due while the server is down.
            String body = "{\"payload\":\"crash-" + i + "\",\"delay_seconds\":" + (i % 3 == 0 ? 0 : 2) + "}";
            Api.Reply accepted = api.post("/api/system/selftest", body);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            ids.add(accepted.json().getString("id"));
        }

        server.kill();
        server = server.restart();
        Api restarted = Api.at(server.url());

        Await.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                JsonObject task = restarted.get("/api/system/tasks/" + id).json();
                assertThat(task.getString("status")).as(id).isEqualTo("done");
            }
        });
        for (String id : ids) {
            JsonObject task = restarted.get("/api/system/tasks/" + id).json();
            assertThat(task.getInt("attempts")).as("ran once: " + task).isEqualTo(1);
        }
    }
}
