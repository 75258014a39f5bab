package dev.syndicast.system;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.SandboxProcess;
import dev.syndicast.testsupport.ServerProcess;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop in seconds, lose nothing: {@code bin/syndicast} gets SIGTERM (what Ctrl-C and service managers send) in the
 * middle of a burst of publishes and must be gone within ten seconds; after the restart every target is published
 * exactly once (the sandbox's ledger holds one post per idempotency key). Both safety nets are switched off here (the
 * server's own halt, {@code syndicast.shutdown.deadline}, and the script's SIGKILL, {@code SYNDICAST_STOP_TIMEOUT}),
 * so the test measures the stop itself: before the embedded broker outlived the application, it took minutes.
 */
class GracefulStopIT {

    private static final int JOBS = 150;
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    private ServerProcess server;
    private final SandboxProcess sandbox = SandboxProcess.instance();

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.kill();
        }
        sandbox.reset();
    }

    @Test
    void sigtermMidBurstEndsTheServerWithinTenSecondsAndEveryTargetIsPublishedOnceAfterTheRestart() {
        sandbox.reset();
        Map<String, String> env = new HashMap<>(sandbox.serverEnvironment());
        env.put("SYNDICAST_SHUTDOWN_DEADLINE", "PT0S");
        env.put("SYNDICAST_STOP_TIMEOUT", "300");
        // A job whose claim message was cut short by the stop is claimed again after this.
        env.put("SYNDICAST_PUBLISHING_DISPATCH_LEASE", "PT20S");
        env.put("SYNDICAST_RATE_LIMIT_STANDARD", "100000");
        server = ServerProcess.start("syndicast_test_graceful_stop", env);
        Api api = Api.at(server.url());
        Api.Reply account = api.post("/api/external/v1/sandbox/accounts",
                "{\"platform\":\"sandbox\",\"platform_account_id\":\"stop\",\"username\":\"@stop\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String accountId = account.json().getString("id");

        // The platform creates each post at once but answers after three seconds: the stop lands while publishes
        // are in flight, and the restart must not publish those again.
        sandbox.faults("stall_ms=3000");
        Instant due = Instant.now().plusSeconds(20);
        for (int i = 0; i < JOBS; i++) {
            Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "stop " + i)
                    .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "sandbox")
                            .add("account_id", accountId).add("scheduled_at", due.toString()))).build().toString());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        Await.await().atMost(Duration.ofSeconds(120)).until(() -> sandbox.ledger().size() >= 20);
        int publishedBeforeStop = publishedPosts(api);

        Duration midBurst = server.stop();
        assertThat(midBurst).as("SIGTERM mid-burst to exit; log:\n" + server.logTail(20)).isLessThanOrEqualTo(STOP_WITHIN);
        assertThat(publishedBeforeStop).as("the stop landed mid-burst").isLessThan(JOBS);

        sandbox.faults("stall_ms=0");
        server = server.restart();
        Api restarted = Api.at(server.url());
        Await.await().atMost(Duration.ofSeconds(240)).untilAsserted(() -> assertThat(publishedPosts(restarted)).isEqualTo(JOBS));
        Map<String, Integer> byKey = sandbox.publishesByKey();
        assertThat(byKey).as("one platform post per job").hasSize(JOBS);
        assertThat(byKey.values()).as("no job published twice").allMatch(n -> n == 1);

        // An idle server, after work, stops as quickly.
        Duration idle = server.stop();
        assertThat(idle).as("SIGTERM to an idle server to exit; log:\n" + server.logTail(20)).isLessThanOrEqualTo(STOP_WITHIN);
        server = null;
    }

    private static int publishedPosts(Api api) {
        return api.get("/api/external/v1/posts?status=published&limit=1").json().getJsonObject("meta").getInt("total");
    }
}
