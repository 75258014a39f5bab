package dev.syndicast.planning;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/external/v1/schedule/smart-batch}, black-box on the shared server: many posts placed together under
 * the workspace's rules, each target with its reason and the server's timings in {@code Server-Timing}; a dry run
 * writes nothing; a post a platform refuses, or bad input (an account of another workspace among it), refuses the
 * whole batch with the error body. Each test has a
 * workspace of its own (UTC, no windows, a 60-minute gap) with two Bluesky accounts and one Mastodon account.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmartBatchIT {

    private static final String DAY = "2031-04-07";

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private TenantFixture tenant;
    private Api key;
    private final List<String> accounts = new ArrayList<>();

    @BeforeEach
    void aWorkspaceWithThreeAccounts() {
        SandboxProcess.instance();
        tenant = TenantFixture.create(Api.at(base), "batch");
        key = tenant.withNewKey("batch-admin", List.of("*"));
        Api.Reply settings = key.put("/api/external/v1/settings", "{\"schedule\": {\"timezone\": \"UTC\", \"min_gap_minutes\": 60,"
                + " \"posting_windows\": []}}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        for (String platform : List.of("bluesky", "bluesky", "mastodon")) {
            Api.Reply reply = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", platform)
                    .add("platform_account_id", "batch-" + UUID.randomUUID()).add("username", "@batch").build().toString());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            accounts.add(reply.json().getString("id"));
        }
    }

    @Test
    void manyPostsArePlacedTogetherUnderTheRulesEachTargetWithItsReason() {
        Api.Reply reply = key.post("/api/external/v1/schedule/smart-batch", batch(12, "bluesky", "mastodon").build().toString());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Server-Timing")).matches("load;dur=[0-9.]+;desc=\"[^\"]+\", plan;dur=[0-9.]+, write;dur=[0-9.]+");
        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("success")).isTrue();
        assertThat(answer.getBoolean("dry_run")).isFalse();
        assertThat(answer.getInt("posts")).isEqualTo(12);
        assertThat(answer.getInt("targets")).isEqualTo(24);
        Map<String, List<Instant>> perAccount = new HashMap<>();
        for (JsonObject post : answer.getJsonArray("scheduled_posts").getValuesAs(JsonObject.class)) {
            assertThat(post.getString("id")).isNotBlank();
            List<JsonObject> targets = post.getJsonArray("targets").getValuesAs(JsonObject.class);
            assertThat(targets).extracting(t -> t.getString("platform")).containsExactly("bluesky", "mastodon");
            for (JsonObject target : targets) {
                assertThat(target.getString("id")).isNotBlank();
                assertThat(accounts).contains(target.getString("account_id"));
                assertThat(target.getString("reason")).isNotBlank();
                Instant at = Instant.parse(target.getString("scheduled_at"));
                assertThat(at.toString()).startsWith(DAY);
                perAccount.computeIfAbsent(target.getString("account_id"), a -> new ArrayList<>()).add(at);
            }
        }
        assertThat(perAccount).as("both Bluesky accounts share the Bluesky targets").hasSize(3);
        perAccount.values().forEach(times -> {
            List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(60));
            }
        });
        assertThat(key.get("/api/external/v1/posts?limit=100").json().getJsonArray("data")).hasSize(12);
        JsonObject written = key.get("/api/external/v1/posts/" + answer.getJsonArray("scheduled_posts").getJsonObject(0)
                .getString("id")).json();
        assertThat(written.getString("status")).isEqualTo("scheduled");
        assertThat(written.getString("text")).isEqualTo("Batch post 0");
    }

    @Test
    void aDryRunAnswersWhereTheTargetsWouldGoAndWritesNothing() {
        Api.Reply reply = key.post("/api/external/v1/schedule/smart-batch", batch(4, "mastodon").add("dry_run", true).build().toString());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getBoolean("dry_run")).isTrue();
        JsonObject first = reply.json().getJsonArray("scheduled_posts").getJsonObject(0);
        assertThat(first.isNull("id")).isTrue();
        assertThat(first.getJsonArray("targets").getJsonObject(0).getString("scheduled_at")).startsWith(DAY);
        assertThat(key.get("/api/external/v1/posts").json().getJsonArray("data")).isEmpty();
    }

    @Test
    void aPostAPlatformRefusesOrBadInputRefusesTheWholeBatch() {
        JsonArrayBuilder posts = Json.createArrayBuilder()
                .add(post("Fine", "bluesky"))
                .add(post("b".repeat(400), "bluesky"))
                .add(post("Fine too", "mastodon"));
        Api.Reply tooLong = key.post("/api/external/v1/schedule/smart-batch", Json.createObjectBuilder()
                .add("not_before", DAY + "T00:00:00Z").add("posts", posts).build().toString());
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        assertThat(tooLong.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("posts[1]");
        assertThat(tooLong.json().getString("detail")).contains("bluesky", "300");

        Api.Reply unknown = key.post("/api/external/v1/schedule/smart-batch", Json.createObjectBuilder()
                .add("posts", Json.createArrayBuilder().add(post("A", "bluesky")).add(post("B", "friendster"))).build().toString());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().getString("detail")).startsWith("posts[1]: Invalid platform: friendster");

        Api.Reply other = TenantFixture.create(Api.at(base), "batch-other").withNewKey("other-admin", List.of("*"))
                .post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "bluesky")
                        .add("platform_account_id", "other-" + UUID.randomUUID()).add("username", "@other").build().toString());
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        String foreign = other.json().getString("id");
        Api.Reply stranger = key.post("/api/external/v1/schedule/smart-batch", Json.createObjectBuilder()
                .add("posts", Json.createArrayBuilder().add(post("A", "bluesky")
                        .add("accounts", Json.createObjectBuilder().add("bluesky", foreign)))).build().toString());
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(400);
        assertThat(stranger.json().getString("detail")).startsWith("posts[0]: Invalid account_id: " + foreign);

        Api.Reply empty = key.post("/api/external/v1/schedule/smart-batch", "{\"posts\": []}");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.json().getString("detail")).isEqualTo("posts must hold at least one post");

        Api.Reply reader = tenant.withNewKey("batch-reader", List.of("posts:read")).post("/api/external/v1/schedule/smart-batch",
                batch(1, "bluesky").build().toString());
        assertThat(reader.status()).as(reader.toString()).isEqualTo(403);
        assertThat(key.get("/api/external/v1/posts").json().getJsonArray("data")).as("nothing was written").isEmpty();
    }

    private static jakarta.json.JsonObjectBuilder batch(int count, String... platforms) {
        JsonArrayBuilder posts = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            posts.add(post("Batch post " + i, platforms));
        }
        return Json.createObjectBuilder().add("not_before", DAY + "T00:00:00Z").add("not_after", DAY + "T23:59:00Z").add("posts", posts);
    }

    private static jakarta.json.JsonObjectBuilder post(String text, String... platforms) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        for (String platform : platforms) {
            names.add(platform);
        }
        return Json.createObjectBuilder().add("text", text).add("platforms", names);
    }
}
