package dev.syndicast.publishing;

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
 * Exactly once across a crash: 200 publish jobs are in flight (the sandbox has created the posts but answers only
 * after three seconds) when {@code bin/syndicast} is killed with SIGKILL. After the restart every job is published,
 * and the sandbox's ledger holds exactly one post per job: the interrupted jobs asked the platform by their
 * idempotency key before doing anything again.
 */
class PublishCrashIT {

    private static final int JOBS = 200;

    private ServerProcess server;
    private final SandboxProcess sandbox = SandboxProcess.instance();

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
        sandbox.reset();
    }

    @Test
    void everyJobIsPublishedOnceAfterTheServerIsKilledWithTwoHundredInFlight() {
        sandbox.reset();
        Map<String, String> env = new HashMap<>(sandbox.serverEnvironment());
        // A claim whose message was lost with the crash is taken again after this; redelivery usually comes first.
        env.put("SYNDICAST_PUBLISHING_DISPATCH_LEASE", "PT20S");
        env.put("SYNDICAST_RATE_LIMIT_STANDARD", "100000");
        server = ServerProcess.start("syndicast_test_publish_crash", env);
        Api api = Api.at(server.url());
        Api.Reply account = api.post("/api/external/v1/sandbox/accounts",
                "{\"platform\":\"sandbox\",\"platform_account_id\":\"crash\",\"username\":\"@crash\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String accountId = account.json().getString("id");

        sandbox.faults("stall_ms=3000");
        Instant due = Instant.now().plusSeconds(30);
        for (int i = 0; i < JOBS; i++) {
            Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "crash " + i)
                    .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "sandbox")
                            .add("account_id", accountId).add("scheduled_at", due.toString()))).build().toString());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        Await.await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.ledger().size() >= 50);

        server.kill();
        int createdBeforeCrash = sandbox.ledger().size();
        sandbox.faults("stall_ms=0");
        server = server.restart();
        Api restarted = Api.at(server.url());

        Await.await().atMost(Duration.ofSeconds(240)).untilAsserted(() ->
                assertThat(restarted.get("/api/external/v1/posts?status=published&limit=1").json().getJsonObject("meta")
                        .getInt("total")).isEqualTo(JOBS));
        Map<String, Integer> byKey = sandbox.publishesByKey();
        assertThat(createdBeforeCrash).as("calls were in flight when the server died").isGreaterThanOrEqualTo(50);
        assertThat(byKey).hasSize(JOBS);
        assertThat(byKey.values()).as("no job published twice").allMatch(n -> n == 1);
        assertThat(restarted.get("/api/external/v1/schedule?status=published&limit=200").json().getJsonArray("data").stream()
                .filter(j -> j.asJsonObject().getInt("checks") > 0 || j.asJsonObject().getInt("attempts") == 0)
                .count()).as("some jobs were confirmed by a check instead of published again").isPositive();
    }
}
