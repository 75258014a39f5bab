package dev.syndicast.planning;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Explicit schedules are honoured as asked, and the answer warns of each rule a time breaks: {@code submit},
 * {@code bulk-schedule}, {@code POST /posts} and {@code PATCH /posts/{id}}, black-box on the shared server. Each test has
 * a workspace of its own in Europe/Berlin posting Monday to Friday 09:00-17:00 with a 60-minute gap, and a sandbox-backed
 * TikTok account whose own daily cap is 2; the times lie years ahead so nothing is published.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduleWarningsIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api key;
    private String platform = "tiktok";
    private String account;

    @BeforeEach
    void aWorkspaceWithWindowsGapAndACappedAccount() {
        SandboxProcess.instance();
        key = TenantFixture.create(Api.at(base), "warn").withNewKey("warn-admin", List.of("*"));
        var windows = Json.createArrayBuilder();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            windows.add(Json.createObjectBuilder().add("day", day).add("start", "09:00").add("end", "17:00"));
        }
        Api.Reply settings = key.put("/api/external/v1/settings", Json.createObjectBuilder().add("schedule", Json.createObjectBuilder()
                .add("timezone", "Europe/Berlin").add("min_gap_minutes", 60).add("posting_windows", windows)).build().toString());
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        Api.Reply connected = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "tiktok")
                .add("platform_account_id", "warn-" + UUID.randomUUID()).add("username", "@warn").build().toString());
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        account = connected.json().getString("id");
        assertThat(key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": 2}").status()).isEqualTo(200);
    }

    @Test
    void submitHonoursEachTimeAndWarnsOfTheWindowTheGapAndTheCap() {
        JsonObject first = submit("2031-01-06T10:00");
        assertThat(first.getJsonArray("warnings")).as("Monday 10:00 keeps every rule").isEmpty();

        JsonObject early = submit("2031-01-07T07:00");
        assertOneWarning(early, "posting_window", "2031-01-07T07:00 is outside every posting window (Europe/Berlin)");

        JsonObject close = submit("2031-01-06T10:20");
        JsonObject closeWarning = assertOneWarning(close, "min_gap", "20 minutes apart, under the 60-minute gap");
        assertThat(closeWarning.getString("message")).contains("2031-01-06T09:20:00Z", "2031-01-06T09:00:00Z");

        JsonObject fourth = submit("2031-01-06T14:00");
        assertOneWarning(fourth, "daily_cap", "2031-01-06 has 3 posts, over the daily cap of 2 (Europe/Berlin)");

        JsonObject tuesday = submit("2031-01-07T10:00");
        assertThat(tuesday.getJsonArray("warnings")).as("the second post on Tuesday, three hours after the first").isEmpty();
    }

    @Test
    void bulkScheduleWarnsOnThePostsThatBreakARuleWithTheOnesBeforeThem() {
        var urls = Json.createArrayBuilder();
        for (int i = 0; i < 3; i++) {
            urls.add("https://example.com/warn-bulk-" + UUID.randomUUID() + ".mp4");
        }
        Api.Reply reply = key.post("/api/external/bulk-schedule", Json.createObjectBuilder().add("video_urls", urls)
                .add("caption_template", "Part {n}").add("platform", "tiktok").add("account_id", account)
                .add("start_time", berlin("2031-01-08T10:00")).add("interval_minutes", 20).build().toString());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonArray posts = reply.json().getJsonArray("scheduled_posts");
        assertThat(posts).hasSize(3);
        assertThat(posts.getJsonObject(2).getString("scheduled_at")).as("honoured as asked").isEqualTo("2031-01-08T09:40:00Z");
        JsonArray warnings = reply.json().getJsonArray("warnings");
        assertThat(warnings.getValuesAs(JsonObject.class)).extracting(w -> w.getString("target_id"), w -> w.getString("rule"))
                .containsExactly(
                        tuple(posts.getJsonObject(1).getString("id"), "min_gap"),
                        tuple(posts.getJsonObject(2).getString("id"), "daily_cap"),
                        tuple(posts.getJsonObject(2).getString("id"), "min_gap"),
                        tuple(posts.getJsonObject(2).getString("id"), "min_gap"));
        for (JsonObject warning : warnings.getValuesAs(JsonObject.class)) {
            assertThat(warning.getString("platform")).isEqualTo("tiktok");
            assertThat(warning.getString("account_id")).isEqualTo(account);
        }
    }

    @Test
    void creatingAndEditingAPostWarnOfTheRulesItsTimesBreakAndReadsDoNot() {
        // A text post: Bluesky takes one (TikTok needs a video).
        Api.Reply bluesky = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "bluesky")
                .add("platform_account_id", "warn-" + UUID.randomUUID()).add("username", "@warn").build().toString());
        assertThat(bluesky.status()).as(bluesky.toString()).isEqualTo(201);
        account = bluesky.json().getString("id");
        platform = "bluesky";
        Api.Reply created = key.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "Too early")
                .add("targets", Json.createArrayBuilder().add(target(berlin("2031-01-09T08:15")))).build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        JsonObject warning = assertOneWarning(created.json(), "posting_window", "outside every posting window");
        assertThat(warning.getString("post_id")).isEqualTo(id);
        assertThat(warning.getString("target_id")).isEqualTo(created.json().getJsonArray("targets").getJsonObject(0).getString("id"));
        assertThat(created.json().getJsonArray("targets").getJsonObject(0).getString("status")).isEqualTo("scheduled");

        Api.Reply moved = key.patch("/api/external/v1/posts/" + id, Json.createObjectBuilder()
                .add("scheduled_at", berlin("2031-01-09T11:00")).build().toString());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().getJsonArray("warnings")).as("11:00 keeps every rule").isEmpty();

        Api.Reply tooClose = key.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "Right after")
                .add("targets", Json.createArrayBuilder().add(target(berlin("2031-01-09T11:30")))).build().toString());
        assertOneWarning(tooClose.json(), "min_gap", "30 minutes apart, under the 60-minute gap");
        Api.Reply retimed = key.patch("/api/external/v1/posts/" + tooClose.json().getString("id"), Json.createObjectBuilder()
                .add("text", "Right after, reworded").build().toString());
        assertThat(retimed.status()).as(retimed.toString()).isEqualTo(200);
        assertThat(retimed.json().getJsonArray("warnings")).as("an edit of the text alone warns of nothing").isEmpty();

        Api.Reply read = key.get("/api/external/v1/posts/" + id);
        assertThat(read.json().containsKey("warnings")).as("reads carry no warnings").isFalse();
    }

    private JsonObject submit(String berlinTime) {
        Api.Reply reply = key.post("/api/external/submit", Json.createObjectBuilder()
                .add("video_url", "https://example.com/warn-" + UUID.randomUUID() + ".mp4").add("caption", "Warned")
                .add("targets", Json.createArrayBuilder().add(target(berlin(berlinTime)))).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject scheduled = reply.json().getJsonArray("scheduled_posts").getJsonObject(0);
        assertThat(Instant.parse(scheduled.getString("scheduled_at"))).as("honoured as asked")
                .isEqualTo(OffsetDateTime.parse(berlin(berlinTime)).toInstant());
        assertThat(scheduled.getString("status")).isEqualTo("scheduled");
        return reply.json();
    }

    /** A target on {@link #account} of {@link #platform}. */
    private JsonObjectBuilder target(String at) {
        return Json.createObjectBuilder().add("platform", platform).add("account_id", account).add("scheduled_at", at);
    }

    /** The answer's one warning, of the rule, its message containing {@code says}; the warning, for more checks. */
    private static JsonObject assertOneWarning(JsonObject answer, String rule, String says) {
        JsonArray warnings = answer.getJsonArray("warnings");
        assertThat(warnings).as(answer.toString()).hasSize(1);
        JsonObject warning = warnings.getJsonObject(0);
        assertThat(warning.getString("rule")).isEqualTo(rule);
        assertThat(warning.getString("message")).contains(says);
        String targetId = answer.containsKey("scheduled_posts")
                ? answer.getJsonArray("scheduled_posts").getJsonObject(0).getString("id")
                : answer.getJsonArray("targets").getJsonObject(0).getString("id");
        assertThat(warning.getString("target_id")).isEqualTo(targetId);
        return warning;
    }

    private static String berlin(String localTime) {
        return LocalDateTime.parse(localTime).atZone(BERLIN).toOffsetDateTime().toString();
    }
}
