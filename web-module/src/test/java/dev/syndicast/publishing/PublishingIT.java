package dev.syndicast.publishing;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing end to end over HTTP against the sandbox platform in its own process: the due second, edits and deletes
 * that win over the queue, a flaky platform, idempotency keys, validation, publish-now and failure notifications.
 * The sandbox's ledger (every post it created, with the idempotency key and receive time) is the witness.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PublishingIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private final SandboxProcess sandbox = SandboxProcess.instance();

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
    }

    private Api api() {
        return Api.at(base);
    }

    private String sandboxAccount(String platform) {
        Api.Reply reply = api().post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", platform)
                .add("platform_account_id", platform + "-" + UUID.randomUUID()).add("username", "@" + platform).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }

    private JsonObject createPost(String account, String text, Instant due) {
        Api.Reply reply = api().post("/api/external/v1/posts", postBody(account, text, due));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private static String postBody(String account, String text, Instant due) {
        return Json.createObjectBuilder().add("text", text)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "sandbox")
                        .add("account_id", account).add("scheduled_at", due.toString()))).build().toString();
    }

    private JsonObject post(String id) {
        return api().get("/api/external/v1/posts/" + id).json();
    }

    @Test
    void aPostDueInTwoSecondsIsPublishedWithinASecondOfItsTime() {
        String account = sandboxAccount("sandbox");
        Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String id = createPost(account, "due in two seconds", due).getString("id");

        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("published"));
        JsonObject target = post(id).getJsonArray("targets").getJsonObject(0);
        JsonObject entry = sandbox.ledger().stream().filter(e -> e.getString("id").equals(target.getString("external_id")))
                .findFirst().orElseThrow();
        long lagMillis = entry.getJsonNumber("received_at_ms").longValue() - due.toEpochMilli();
        assertThat(lagMillis).as("sandbox received the call %d ms after the due time", lagMillis).isBetween(0L, 1000L);
        assertThat(target.getString("platform_url")).contains("/p/" + target.getString("external_id"));
        assertThat(sandbox.ledger()).hasSize(1);
    }

    @Test
    void editsAndDeletesBeforeTheDueTimeWin() {
        String account = sandboxAccount("sandbox");
        Instant due = Instant.now().plusSeconds(3);
        String moved = createPost(account, "old text", due).getString("id");
        String deleted = createPost(account, "to be deleted", due).getString("id");
        String edited = createPost(account, "before the edit", due).getString("id");

        Api.Reply move = api().patch("/api/external/v1/posts/" + moved, "{\"scheduled_at\":\"" + due.plusSeconds(3600) + "\"}");
        assertThat(move.status()).as(move.toString()).isEqualTo(200);
        Api.Reply delete = api().delete("/api/external/v1/posts/" + deleted);
        assertThat(delete.status()).as(delete.toString()).isEqualTo(200);
        assertThat(delete.json().getString("status")).isEqualTo("cancelled");
        Api.Reply edit = api().patch("/api/external/v1/posts/" + edited, "{\"text\":\"after the edit\"}");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);

        Await.untilAsserted(() -> assertThat(post(edited).getString("status")).isEqualTo("published"));
        // Nothing else arrives, for a good while past the old due time.
        Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> sandbox.ledger().size() == 1);
        assertThat(sandbox.ledger().get(0).getString("text")).isEqualTo("after the edit");
        assertThat(post(moved).getString("status")).isEqualTo("scheduled");
        assertThat(post(deleted).getString("status")).isEqualTo("cancelled");
        Api.Reply late = api().patch("/api/external/v1/posts/" + edited, "{\"text\":\"too late\"}");
        assertThat(late.status()).as("published posts are frozen: " + late).isEqualTo(409);
    }

    /**
     * The sandbox's documented fault mix with its own defaults (a timeout stalls 3 s, then answers 504, and half of
     * them created the post first), inside Syndicast's default 10 s request timeout: a 5xx after sending must be
     * looked up, never repeated blindly, and no target may be marked failed while its post exists.
     */
    @Test
    void aPlatformFailingThirtyPercentOfCallsStillGetsEveryPostExactlyOnce() {
        // A workspace of its own, so its schedule holds exactly these jobs.
        Api own = TenantFixture.create(api(), "faults").withNewKey("faults", List.of("*"));
        Api.Reply created = own.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "sandbox")
                .add("platform_account_id", "faults-" + UUID.randomUUID()).add("username", "@faults").build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String account = created.json().getString("id");
        sandbox.faults("fail_percent=30&mix=5xx,429,timeout");
        Instant start = Instant.now().plusSeconds(10);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Api.Reply post = own.post("/api/external/v1/posts", postBody(account, "flaky " + i, start.plusMillis(i * 100L)));
            assertThat(post.status()).as(post.toString()).isEqualTo(201);
            ids.add(post.json().getString("id"));
        }
        Await.await().atMost(Duration.ofSeconds(240)).untilAsserted(() -> assertThat(jobsOf(own, ids)).hasSize(300)
                .allMatch(j -> Set.of("published", "failed").contains(j.getString("status"))));

        Map<String, Integer> byKey = sandbox.publishesByKey();
        assertThat(byKey.values()).as("no post published twice").allMatch(n -> n == 1);
        Map<String, String> ledgerIds = new HashMap<>();
        sandbox.ledger().forEach(e -> ledgerIds.put(e.getString("idempotency_key"), e.getString("id")));
        List<JsonObject> jobs = jobsOf(own, ids);
        for (JsonObject job : jobs) {
            String key = job.getString("idempotency_key");
            if (job.getString("status").equals("published")) {
                assertThat(job.getString("external_id")).as("the post the platform holds: " + job).isEqualTo(ledgerIds.get(key));
            } else {
                assertThat(ledgerIds).as("falsely failed: the platform holds the post of " + job).doesNotContainKey(key);
                assertThat(job.getString("last_error")).as("failed for a reason the platform gave")
                        .containsAnyOf("HTTP 429", "the platform has no such post");
            }
        }
        assertThat(jobs.stream().filter(j -> j.getString("status").equals("published")).count())
                .as("failures need four refusals in a row; nearly every post gets through").isGreaterThan(290);
        JsonObject stats = sandbox.api().get("/control/stats").json();
        assertThat(stats.getInt("injected_faults")).as("faults really happened: " + stats).isGreaterThan(40);
        assertThat(jobs.stream().mapToInt(j -> j.getInt("checks")).sum())
                .as("outcomes were unknown and looked up").isGreaterThan(10);
    }

    /** The publish jobs of the given posts, from the schedule route. */
    private static List<JsonObject> jobsOf(Api api, Set<String> postIds) {
        List<JsonObject> jobs = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonObject reply = api.get("/api/external/v1/schedule?limit=200&page=" + page).json();
            var data = reply.getJsonArray("data");
            data.stream().map(JsonValue::asJsonObject).filter(j -> postIds.contains(j.getString("post_id"))).forEach(jobs::add);
            if (data.size() < 200) {
                return jobs;
            }
        }
    }

    @Test
    void anIdempotencyKeyReturnsTheStoredReplyAndRefusesADifferentBody() {
        String account = sandboxAccount("sandbox");
        String key = "create-" + UUID.randomUUID();
        String body = postBody(account, "idempotent", Instant.now().plusSeconds(3600));
        Api.Reply first = api().send(api().request("/api/external/v1/posts").header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        Api.Reply repeat = api().send(api().request("/api/external/v1/posts").header("Idempotency-Key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        Api.Reply other = api().send(api().request("/api/external/v1/posts").header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(postBody(account, "something else", Instant.now().plusSeconds(3600)))));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.json().getString("detail")).contains(key);
    }

    @Test
    void postsAreValidatedAgainstThePlatformBeforeAnythingIsQueued() {
        String twitter = sandboxAccount("twitter");
        Api.Reply tooLong = api().post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "x".repeat(300))
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "x")
                        .add("account_id", twitter).add("scheduled_at", Instant.now().plusSeconds(60).toString()))).build().toString());
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        assertThat(tooLong.json().getString("detail")).contains("twitter", "280");
        assertThat(tooLong.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("targets[0].text");

        Api.Reply unknown = api().post("/api/external/v1/posts", "{\"text\":\"a\",\"targets\":[{\"platform\":\"myspace\","
                + "\"account_id\":\"1\",\"scheduled_at\":\"2030-01-01T00:00:00Z\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("detail")).contains("Invalid platform: myspace");
        Api.Reply badTime = api().post("/api/external/v1/posts", "{\"text\":\"a\",\"scheduled_at\":\"tomorrow\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().getString("detail")).contains("must be a valid ISO date string");
        assertThat(api().get("/api/external/v1/posts/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void publishNowPublishesADraftAtOnce() {
        String account = sandboxAccount("sandbox");
        Api.Reply draft = api().post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "draft first")
                .add("status", "draft").add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("platform", "sandbox").add("account_id", account))).build().toString());
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        assertThat(draft.json().getString("status")).isEqualTo("draft");
        String id = draft.json().getString("id");
        Api.Reply now = api().post("/api/external/v1/posts/" + id + "/publish-now", "");
        assertThat(now.status()).as(now.toString()).isEqualTo(202);
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("published"));
        assertThat(sandbox.publishesByKey()).hasSize(1);
    }

    @Test
    void aJobThatCannotPublishFailsRaisesANotificationAndCanBeCleared() {
        String account = sandboxAccount("sandbox");
        String id = createPost(account, "account goes away", Instant.now().plusSeconds(2)).getString("id");
        assertThat(api().delete("/api/external/v1/accounts/" + account).status()).isEqualTo(200);
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("account not found or inactive");
        Api.Reply notifications = api().get("/api/external/v1/notifications");
        assertThat(notifications.body()).contains("publish_failed", id);

        JsonObject failed = api().get("/api/external/v1/schedule?status=failed").json();
        assertThat(failed.getJsonObject("queue").getInt("failed")).isGreaterThanOrEqualTo(1);
        Api.Reply cleared = api().delete("/api/external/v1/schedule/attempts?scope=failed");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().getInt("cleared")).isGreaterThanOrEqualTo(1);
        assertThat(api().get("/api/external/v1/schedule?status=failed").json().getJsonArray("data")).isEmpty();
        assertThat(api().delete("/api/external/v1/schedule/attempts?scope=some").status()).isEqualTo(400);
    }

    @Test
    void aQueuedJobCanBeRescheduledThroughTheSchedule() {
        String account = sandboxAccount("sandbox");
        String id = createPost(account, "reschedule me", Instant.now().plusSeconds(3600)).getString("id");
        JsonObject job = api().get("/api/external/v1/schedule?status=pending&limit=200").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(j -> j.getString("post_id").equals(id)).findFirst().orElseThrow();
        Api.Reply moved = api().patch("/api/external/v1/schedule/" + job.getString("id"),
                "{\"scheduled_at\":\"" + Instant.now().plusSeconds(1) + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("published"));
        assertThat(api().get("/api/external/v1/schedule/missing-content").status()).isEqualTo(200);
    }
}
