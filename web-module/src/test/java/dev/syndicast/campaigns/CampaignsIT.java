package dev.syndicast.campaigns;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.syndicast.planning.ScheduleFixtures.connect;
import static dev.syndicast.planning.ScheduleFixtures.schedule;
import static dev.syndicast.planning.ScheduleFixtures.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Campaigns through their routes, black-box on the shared server: create, list, read, edit and the status machine,
 * tenant isolation, posts linked by {@code campaign_id} (single and bulk), and {@code POST /campaigns/{id}/schedule}: a dry
 * run and then the real run giving the same plan, a calendar run, the daily cap kept, and bad input refused with
 * nothing changed. Each test has a workspace of its own with sandbox-backed accounts; the times lie years ahead so
 * nothing is published while it runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignsIT {

    private static final String CAMPAIGNS = "/api/external/v1/campaigns";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api key;

    @BeforeEach
    void aWorkspaceOfItsOwn() {
        SandboxProcess.instance();
        key = TenantFixture.create(Api.at(base), "camp").withNewKey("camp-admin", List.of("*"));
    }

    @Test
    void aCampaignIsCreatedListedReadEditedAndMovesOnlyAlongItsStatusMachine() {
        Api.Reply created = key.post(CAMPAIGNS, """
                {"name": "Q2 launch", "description": "Spring push", "client_type": "b2b-saas",
                 "calendar": [{"day": 1, "date": "2031-05-12", "pillar_id": "p1", "channel": "social", "format": "carousel",
                               "title": "Kick-off", "week": 1}],
                 "cadence": {"posts_per_day": 1, "hours": ["10:00"], "days_of_week": [2, 4]}}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject campaign = created.json();
        String id = campaign.getString("id");
        assertThat(created.header("Location")).endsWith(CAMPAIGNS + "/" + id);
        assertThat(campaign.getString("status")).isEqualTo("draft");
        assertThat(campaign.getString("client_type")).isEqualTo("b2b-saas");
        assertThat(campaign.getJsonArray("calendar").getJsonObject(0)).isEqualTo(Json.createObjectBuilder().add("day", 1)
                .add("date", "2031-05-12").add("pillar_id", "p1").add("channel", "social").add("format", "carousel")
                .add("title", "Kick-off").add("week", 1).build());
        assertThat(campaign.getJsonObject("cadence").getJsonArray("days_of_week").toString()).isEqualTo("[2,4]");
        assertThat(campaign.getJsonObject("post_counts").getInt("total")).isZero();
        assertThat(campaign.getJsonObject("post_counts").keySet()).contains("draft", "scheduled", "published", "failed");

        key.post(CAMPAIGNS, "{\"name\": \"Other\", \"status\": \"active\"}");
        JsonObject page = key.get(CAMPAIGNS + "?limit=1").json();
        assertThat(page.getJsonObject("meta").getInt("total")).isEqualTo(2);
        assertThat(page.getJsonArray("data")).hasSize(1);
        assertThat(page.getJsonArray("data").getJsonObject(0).getString("name")).as("newest first").isEqualTo("Other");
        assertThat(key.get(CAMPAIGNS + "?status=draft").json().getJsonArray("data")).extracting(v -> v.asJsonObject().getString("id"))
                .containsExactly(id);
        assertThat(key.get(CAMPAIGNS + "?status=paused").status()).isEqualTo(400);
        assertThat(key.get(CAMPAIGNS + "?limit=101").status()).isEqualTo(400);

        Api.Reply edited = key.patch(CAMPAIGNS + "/" + id, "{\"description\": null, \"cadence\": null, \"status\": \"active\"}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getString("status")).isEqualTo("active");
        assertThat(edited.json().getString("name")).as("left out, unchanged").isEqualTo("Q2 launch");
        assertThat(edited.json().isNull("description")).isTrue();
        assertThat(edited.json().isNull("cadence")).isTrue();
        assertThat(edited.json().getJsonArray("calendar")).hasSize(1);

        Api.Reply backToDraft = key.patch(CAMPAIGNS + "/" + id, "{\"status\": \"draft\"}");
        assertThat(backToDraft.status()).as(backToDraft.toString()).isEqualTo(409);
        assertThat(backToDraft.json().getString("detail")).endsWith("is active and cannot return to draft; archive it when it is done");

        Api.Reply archived = key.delete(CAMPAIGNS + "/" + id);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().getString("status")).isEqualTo("archived");
        Api.Reply readOnly = key.patch(CAMPAIGNS + "/" + id, "{\"name\": \"Renamed\"}");
        assertThat(readOnly.status()).as(readOnly.toString()).isEqualTo(409);
        assertThat(readOnly.json().getString("detail")).contains("is archived: restore it (status active) before editing it");
        assertThat(key.patch(CAMPAIGNS + "/" + id, "{\"status\": \"archived\"}").status()).as("already archived: nothing to do")
                .isEqualTo(200);

        Api.Reply restored = key.patch(CAMPAIGNS + "/" + id, "{\"status\": \"active\", \"name\": \"Renamed\"}");
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(key.get(CAMPAIGNS + "/" + id).json().getString("name")).isEqualTo("Renamed");
        assertThat(key.get(CAMPAIGNS + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(key.get(CAMPAIGNS + "/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void anotherWorkspacesCampaignIsNotFoundAndCannotTakeItsPosts() {
        String account = connect(key, "sandbox");
        String mine = campaign(key, "{\"name\": \"Mine\", \"status\": \"active\"}");
        Api other = TenantFixture.create(Api.at(base), "camp-other").withNewKey("other-admin", List.of("*"));
        String theirAccount = connect(other, "sandbox");

        for (Api.Reply reply : List.of(other.get(CAMPAIGNS + "/" + mine), other.patch(CAMPAIGNS + "/" + mine, "{\"name\": \"x\"}"),
                other.delete(CAMPAIGNS + "/" + mine), other.post(CAMPAIGNS + "/" + mine + "/schedule", "{\"dry_run\": true}"))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain("Mine");
        }
        assertThat(other.get(CAMPAIGNS).json().getJsonArray("data")).isEmpty();

        Api.Reply post = other.post("/api/external/v1/posts", draftPost(theirAccount, mine).toString());
        assertThat(post.status()).as(post.toString()).isEqualTo(422);
        assertThat(post.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("campaign_id");
        Api.Reply bulk = other.post("/api/external/v1/posts/bulk", "{\"posts\": [{\"content\": \"x\", \"platforms\": [\"sandbox\"],"
                + " \"campaign_id\": \"" + mine + "\"}]}");
        assertThat(bulk.json().getInt("failed")).as(bulk.toString()).isEqualTo(1);
        assertThat(bulk.json().getJsonArray("results").getJsonObject(0).getString("error")).startsWith("campaign_id names no campaign");
        assertThat(other.get("/api/external/v1/posts").json().getJsonArray("data")).as("nothing was written").isEmpty();

        assertThat(key.get(CAMPAIGNS + "/" + mine).json().getString("name")).isEqualTo("Mine");
        assertThat(key.post("/api/external/v1/posts", draftPost(account, mine).toString()).status()).isEqualTo(201);
        key.delete(CAMPAIGNS + "/" + mine);
        Api.Reply archived = key.post("/api/external/v1/posts", draftPost(account, mine).toString());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(422);
        assertThat(archived.json().getString("detail")).contains("archived campaign");
        assertThat(key.get("/api/external/v1/posts").json().getJsonObject("meta").getInt("total")).isEqualTo(1);
    }

    @Test
    void theBulkCreateKeepsTheCampaignAndTheRollUpCountsItsPosts() {
        String account = connect(key, "sandbox");
        String id = campaign(key, "{\"name\": \"Bulk\"}");
        Api.Reply bulk = key.post("/api/external/v1/posts/bulk", """
                {"posts": [{"content": "one", "platforms": ["sandbox"], "account_ids": ["%s"], "campaignId": "%s"},
                           {"content": "two", "platforms": ["sandbox"], "campaign_id": "%s", "scheduled_at": "2031-02-03T10:00:00Z"},
                           {"content": "three", "platforms": ["sandbox"]}]}""".formatted(account, id, id));
        assertThat(bulk.json().getInt("succeeded")).as(bulk.toString()).isEqualTo(3);

        JsonArray linked = key.get("/api/external/v1/posts?campaign_id=" + id).json().getJsonArray("data");
        assertThat(linked).hasSize(2);
        assertThat(linked).allSatisfy(p -> assertThat(p.asJsonObject().getString("campaign_id")).isEqualTo(id));
        JsonObject counts = key.get(CAMPAIGNS + "/" + id).json().getJsonObject("post_counts");
        assertThat(counts.getInt("total")).isEqualTo(2);
        assertThat(counts.getInt("draft")).isEqualTo(1);
        assertThat(counts.getInt("scheduled")).isEqualTo(1);
        assertThat(key.get("/api/external/v1/posts?campaign_id=nope").status()).isEqualTo(400);

        String archived = campaign(key, "{\"name\": \"Gone\", \"status\": \"archived\"}");
        Api.Reply csv = key.send(key.request("/api/external/v1/posts/bulk").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("content,platforms,account_ids,campaign_id\nFrom CSV,sandbox," + account + ","
                        + id + "\nArchived,sandbox," + account + "," + archived + "\n")));
        assertThat(csv.status()).as(csv.toString()).isEqualTo(202);
        long execution = csv.json().getJsonNumber("execution_id").longValue();
        Await.await().atMost(Duration.ofSeconds(60)).until(() ->
                key.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));
        assertThat(key.get("/api/external/v1/batch/executions/" + execution + "/errors").body())
                .as("the row naming an archived campaign is refused").contains("archived campaign");
        assertThat(key.get(CAMPAIGNS + "/" + id).json().getJsonObject("post_counts").getInt("total"))
                .as("the CSV's campaign_id column links the post").isEqualTo(3);
        assertThat(key.get(CAMPAIGNS + "/" + archived).json().getJsonObject("post_counts").getInt("total")).isZero();
    }

    @Test
    void aDryRunWritesNothingAndTheRealRunThenGivesExactlyItsPlan() {
        schedule(key, "Europe/Berlin", 60, windows("09:00", "17:00", "monday", "tuesday", "wednesday", "thursday", "friday"));
        String sandbox = connect(key, "sandbox");
        String linkedin = connect(key, "linkedin");
        String id = campaign(key, "{\"name\": \"Cadence\", \"cadence\": {\"posts_per_day\": 2, \"hours\": [\"14:00\", \"09:00\"],"
                + " \"days_of_week\": [1, 3]}}");
        String p1 = post(key, draftPost(id, target("sandbox", sandbox), target("linkedin", linkedin)));
        String p2 = post(key, draftPost(id, target("sandbox", sandbox)));
        String p3 = post(key, draftPost(id, target("linkedin", linkedin)));
        String p4 = post(key, draftPost(id, target("sandbox", sandbox)));
        // Already scheduled on the sandbox account, Monday 6 January 2031 at 09:30 in Berlin.
        post(key, Json.createObjectBuilder().add("text", "taken").add("targets", Json.createArrayBuilder().add(
                target("sandbox", sandbox).add("scheduled_at", "2031-01-06T09:30:00+01:00"))).build());
        String body = "{\"start_date\": \"2031-01-06T00:00:00+01:00\", \"timezone\": \"Europe/Berlin\", \"dry_run\": true}";

        Api.Reply draftCampaign = key.post(CAMPAIGNS + "/" + id + "/schedule", body.replace("true", "false"));
        assertThat(draftCampaign.status()).as(draftCampaign.toString()).isEqualTo(409);
        assertThat(draftCampaign.json().getString("detail")).contains("is a draft: activate it");

        Api.Reply dry = key.post(CAMPAIGNS + "/" + id + "/schedule", body);
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        JsonObject plan = dry.json();
        assertThat(plan.getBoolean("dry_run")).isTrue();
        assertThat(plan.getString("mode")).isEqualTo("cadence");
        assertThat(plan.getJsonObject("totals")).isEqualTo(Json.createObjectBuilder().add("scheduled", 5).add("skipped", 0)
                .add("eligible", 5).build());
        assertThat(plan.getJsonArray("scheduled")).allSatisfy(s -> assertThat(s.asJsonObject().getString("status")).isEqualTo("planned"));
        Map<String, String> times = plan.getJsonArray("scheduled").getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(
                s -> s.getString("post_id") + "/" + s.getString("platform"), s -> berlin(s.getString("scheduled_for"))));
        assertThat(times).containsEntry(p1 + "/sandbox", "2031-01-06T10:30").containsEntry(p1 + "/linkedin", "2031-01-06T09:05")
                .containsEntry(p2 + "/sandbox", "2031-01-06T14:00").containsEntry(p3 + "/linkedin", "2031-01-08T09:00")
                .containsEntry(p4 + "/sandbox", "2031-01-08T14:00");
        JsonObject first = plan.getJsonArray("scheduled").getJsonObject(0);
        assertThat(first.getString("reason")).startsWith("cadence Mon 2031-01-06 09:00 Europe/Berlin; window Mon 09:00-17:00;")
                .contains("60-minute gap from a post at 09:30");
        assertThat(first.getString("account_id")).isEqualTo(sandbox);
        assertThat(Instant.parse(plan.getString("start_date"))).isEqualTo(Instant.parse("2031-01-05T23:00:00Z"));
        assertThat(berlin(plan.getString("end_date"))).isEqualTo("2031-01-08T14:00");
        for (String post : List.of(p1, p2, p3, p4)) {
            assertThat(key.get("/api/external/v1/posts/" + post).json().getString("status")).as("a dry run writes nothing").isEqualTo("draft");
        }

        assertThat(key.patch(CAMPAIGNS + "/" + id, "{\"status\": \"active\"}").status()).isEqualTo(200);
        Api.Reply real = key.post(CAMPAIGNS + "/" + id + "/schedule", body.replace("true", "false"));
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(real.json().getBoolean("dry_run")).isFalse();
        assertThat(placements(real.json())).as("the real run places exactly what the dry run planned").isEqualTo(placements(plan));
        assertThat(real.json().getJsonArray("scheduled"))
                .allSatisfy(s -> assertThat(s.asJsonObject().getString("status")).isEqualTo("scheduled"));
        for (JsonObject placed : real.json().getJsonArray("scheduled").getValuesAs(JsonObject.class)) {
            JsonObject post = key.get("/api/external/v1/posts/" + placed.getString("post_id")).json();
            assertThat(post.getString("status")).isEqualTo("scheduled");
            JsonObject target = post.getJsonArray("targets").getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("id").equals(placed.getString("target_id"))).findFirst().orElseThrow();
            assertThat(target.getString("status")).isEqualTo("scheduled");
            assertThat(Instant.parse(target.getString("scheduled_at"))).isEqualTo(Instant.parse(placed.getString("scheduled_for")));
        }
        JsonObject jobs = key.get("/api/external/v1/schedule?limit=200").json();
        assertThat(jobs.getJsonObject("meta").getInt("total")).as("one publish job per placed target, plus the post already there")
                .isEqualTo(6);
        assertThat(key.get(CAMPAIGNS + "/" + id).json().getJsonObject("post_counts").getInt("scheduled")).isEqualTo(4);

        Api.Reply again = key.post(CAMPAIGNS + "/" + id + "/schedule", body.replace("true", "false"));
        assertThat(again.json().getJsonObject("totals").getInt("eligible")).as("nothing is left to schedule").isZero();
        assertThat(again.json().isNull("end_date")).isTrue();
    }

    @Test
    void aCalendarRunPutsThePostsOnTheCalendarsDaysMovedToTheStartDate() {
        schedule(key, "UTC", 60, List.of());
        String sandbox = connect(key, "sandbox");
        String id = campaign(key, """
                {"name": "Calendar", "status": "active", "cadence": {"hours": ["10:00"]},
                 "calendar": [{"day": 3, "date": "2030-03-06", "channel": "video", "title": "Clip", "week": 1},
                              {"day": 1, "date": "2030-03-04", "channel": "blog", "title": "Article", "week": 1},
                              {"day": 1, "date": "2030-03-04", "channel": "social", "title": "Hello", "week": 1}]}""");
        String p1 = post(key, draftPost(id, target("sandbox", sandbox)));
        String p2 = post(key, draftPost(id, target("sandbox", sandbox)));
        String p3 = post(key, draftPost(id, target("sandbox", sandbox)));

        Api.Reply run = key.post(CAMPAIGNS + "/" + id + "/schedule", "{\"start_date\": \"2031-03-03T08:00:00Z\"}");

        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonObject answer = run.json();
        assertThat(answer.getString("mode")).as("auto: the campaign has calendar entries").isEqualTo("calendar");
        assertThat(answer.getJsonArray("scheduled").getValuesAs(JsonObject.class)).extracting(s -> s.getString("post_id"),
                s -> s.getString("scheduled_for")).containsExactly(
                tuple(p1, "2031-03-03T10:00:00Z"), tuple(p2, "2031-03-05T10:00:00Z"));
        assertThat(answer.getJsonArray("scheduled").getJsonObject(0).getString("reason"))
                .startsWith("calendar day 1 (social: Hello) Mon 2031-03-03 10:00 UTC; any time (no posting windows)");
        JsonObject skipped = answer.getJsonArray("skipped").getJsonObject(0);
        assertThat(skipped.getString("post_id")).isEqualTo(p3);
        assertThat(skipped.getString("reason")).isEqualTo("no calendar entry left: the calendar has 2 social and video entries for 3 posts");
        assertThat(key.get("/api/external/v1/posts/" + p3).json().getString("status")).isEqualTo("draft");

        Api.Reply bare = key.send(key.request(CAMPAIGNS + "/" + id + "/schedule").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(bare.status()).as("no body: a real run with the defaults -> " + bare).isEqualTo(200);
        assertThat(bare.json().getJsonObject("totals").getInt("eligible")).as("only p3 is left, still without an entry").isEqualTo(1);

        Api.Reply noCalendar = key.post(CAMPAIGNS + "/" + campaign(key, "{\"name\": \"Plain\", \"status\": \"active\"}")
                + "/schedule", "{\"mode\": \"calendar\", \"dry_run\": true}");
        assertThat(noCalendar.status()).as(noCalendar.toString()).isEqualTo(422);
        assertThat(noCalendar.json().getString("detail")).startsWith("mode: calendar needs calendar entries");
    }

    @Test
    void theDailyCapHoldsWhateverTheCadenceAsks() {
        schedule(key, "UTC", 0, List.of());
        String linkedin = connect(key, "linkedin");
        String id = campaign(key, "{\"name\": \"Crowded\", \"status\": \"active\"}");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posts.add(post(key, draftPost(id, target("linkedin", linkedin))));
        }

        Api.Reply run = key.post(CAMPAIGNS + "/" + id + "/schedule", """
                {"start_date": "2031-02-03T00:00:00Z", "mode": "cadence", "platforms": ["linkedin"],
                 "cadence": {"posts_per_day": 7, "hours": ["08:00", "08:10", "08:20", "08:30", "08:40", "08:50", "09:00"],
                             "days_of_week": [0, 1, 2, 3, 4, 5, 6]}}""");

        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        List<JsonObject> placed = run.json().getJsonArray("scheduled").getValuesAs(JsonObject.class);
        assertThat(placed).hasSize(7);
        Map<LocalDate, Long> perDay = placed.stream().collect(Collectors.groupingBy(
                s -> LocalDate.ofInstant(Instant.parse(s.getString("scheduled_for")), ZoneId.of("UTC")), Collectors.counting()));
        assertThat(perDay).as("LinkedIn's daily cap of 5").containsEntry(LocalDate.of(2031, 2, 3), 5L)
                .containsEntry(LocalDate.of(2031, 2, 4), 2L);
        assertThat(placed.get(5).getString("reason")).contains("the daily cap of 5 on Mon 2031-02-03 is used");
    }

    @Test
    void badInputIsRefusedWith400NamingTheFieldAndChangesNothing() {
        String sandbox = connect(key, "sandbox");
        String id = campaign(key, "{\"name\": \"Strict\", \"status\": \"active\"}");
        String post = post(key, draftPost(id, target("sandbox", sandbox)));
        String run = CAMPAIGNS + "/" + id + "/schedule";

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"mode\": \"sometimes\"}", "mode");
        refused.put("{\"timezone\": \"Mars/Olympus\"}", "timezone");
        refused.put("{\"timezone\": \"+02:00\"}", "timezone");
        refused.put("{\"cadence\": {\"hours\": [\"25:00\"]}}", "cadence.hours[0]");
        refused.put("{\"cadence\": {\"posts_per_day\": 0}}", "cadence.posts_per_day");
        refused.put("{\"cadence\": {\"posts_per_day\": 100000}}", "cadence.posts_per_day");
        refused.put("{\"cadence\": {\"posts_per_day\": 3}}", "cadence.posts_per_day");
        refused.put("{\"cadence\": {\"days_of_week\": [7]}}", "cadence.days_of_week[0]");
        refused.put("{\"cadence\": {\"days_of_week\": [-1]}}", "cadence.days_of_week[0]");
        refused.put("{\"dry_run\": \"yes\"}", "dry_run");
        refused.put("{\"platforms\": \"sandbox\"}", "platforms");
        refused.put("{\"dryRun\": true}", "dryRun");
        refused.forEach((body, field) -> {
            Api.Reply reply = key.post(run, body);
            assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
            assertThat(reply.json().getJsonArray("fields").getJsonObject(0).getString("field")).as(body).isEqualTo(field);
            assertThat(reply.json().getString("error")).isEqualTo("Bad Request");
        });
        for (String body : List.of("{\"start_date\": \"next monday\"}", "{\"platforms\": [\"friendster\"]}", "[]", "{\"mode\": 1}}")) {
            Api.Reply reply = key.post(run, body);
            assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("Exception", "dev.syndicast");
        }

        Api.Reply nested = key.post(CAMPAIGNS, """
                {"name": "Nested", "calendar": [{"week": 1, "slots": [{"day": 1, "date": "2031-05-12", "channel": "social"}]}]}""");
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("calendar[0].slots");
        assertThat(nested.json().getString("detail")).contains("flat array of day entries");
        Api.Reply nameless = key.post(CAMPAIGNS, "{\"description\": \"no name\"}");
        assertThat(nameless.status()).as(nameless.toString()).isEqualTo(400);
        assertThat(nameless.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("name");
        Api.Reply status = key.patch(CAMPAIGNS + "/" + id, "{\"status\": \"paused\", \"name\": \"Changed\"}");
        assertThat(status.status()).as(status.toString()).isEqualTo(400);

        assertThat(key.get("/api/external/v1/posts/" + post).json().getString("status")).as("nothing was scheduled").isEqualTo("draft");
        assertThat(key.get(CAMPAIGNS + "/" + id).json().getString("name")).as("nothing was changed").isEqualTo("Strict");
        assertThat(key.get(CAMPAIGNS).json().getJsonObject("meta").getInt("total")).as("nothing was created").isEqualTo(1);
    }

    private static String campaign(Api api, String body) {
        Api.Reply reply = api.post(CAMPAIGNS, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }

    private static String post(Api api, JsonObject body) {
        Api.Reply reply = api.post("/api/external/v1/posts", body.toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }

    private static JsonObjectBuilder target(String platform, String account) {
        return Json.createObjectBuilder().add("platform", platform).add("account_id", account);
    }

    private static JsonObject draftPost(String campaignId, JsonObjectBuilder... targets) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (JsonObjectBuilder t : targets) {
            list.add(t);
        }
        return Json.createObjectBuilder().add("text", "Campaign post " + UUID.randomUUID()).add("status", "draft")
                .add("campaign_id", campaignId).add("targets", list).build();
    }

    private static JsonObject draftPost(String account, String campaignId) {
        return draftPost(campaignId, target("sandbox", account));
    }

    private static String berlin(String instant) {
        return Instant.parse(instant).atZone(BERLIN).toLocalDateTime().toString();
    }

    /** A run's placements without their status (planned in a dry run, scheduled in a real one). */
    private static List<String> placements(JsonObject run) {
        Function<JsonObject, String> key = s -> String.join(" ", s.getString("post_id"), s.getString("target_id"),
                s.getString("platform"), s.getString("account_id"), s.getString("scheduled_for"), s.getString("reason"));
        return run.getJsonArray("scheduled").getValuesAs(JsonObject.class).stream().map(key).toList();
    }
}
