package dev.syndicast.analytics;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The best times to post, black-box on the shared server: {@code GET /api/external/v1/analytics?view=best-times} and
 * {@code GET /api/external/v1/ai/best-time} answer the hours the smart-scheduling planner prefers (the platform's default
 * best hours, as no engagement is collected yet), in the workspace's time zone; bad input and missing scopes are
 * refused with the error body. Each test has a workspace of its own in Europe/Berlin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BestTimesIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private TenantFixture tenant;
    private Api key;

    @BeforeEach
    void aBerlinWorkspace() {
        SandboxProcess.instance();
        tenant = TenantFixture.create(Api.at(base), "best");
        key = tenant.withNewKey("best-admin", List.of("*"));
        Api.Reply settings = key.put("/api/external/v1/settings", "{\"schedule\": {\"timezone\": \"Europe/Berlin\"}}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
    }

    @Test
    void theBestTimesViewAnswersThePlatformsBestHoursInTheWorkspacesZone() {
        Api.Reply reply = key.get("/api/external/v1/analytics?view=best-times&platform=linkedin");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonArray hours = (JsonArray) reply.structure();
        assertThat(hours.getValuesAs(JsonObject.class)).extracting(h -> h.getString("day"), h -> h.getInt("hour"),
                h -> h.getString("timezone"), h -> h.getJsonNumber("score").doubleValue()).containsExactly(
                tuple("tuesday", 10, "Europe/Berlin", 1.0), tuple("tuesday", 11, "Europe/Berlin", 1.0),
                tuple("wednesday", 10, "Europe/Berlin", 1.0), tuple("wednesday", 11, "Europe/Berlin", 1.0));

        Api.Reply alias = key.get("/api/external/v1/analytics?view=BEST-TIMES&platform=x");
        assertThat(alias.status()).as(alias.toString()).isEqualTo(200);
        assertThat(((JsonArray) alias.structure()).getJsonObject(0).getString("day")).as("X: Tuesday to Friday mornings")
                .isEqualTo("tuesday");
        Api.Reply none = key.get("/api/external/v1/analytics?view=best-times&platform=youtube");
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        assertThat((JsonArray) none.structure()).as("no default hours for YouTube").isEmpty();
    }

    @Test
    void theBestTimeAnswerLabelsEachSlotAndRecommendsTheBest() {
        Api.Reply reply = key.get("/api/external/v1/ai/best-time?platform=linkedin");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getString("platform")).isEqualTo("linkedin");
        assertThat(answer.getString("timezone")).isEqualTo("Europe/Berlin");
        assertThat(answer.getString("source")).isEqualTo("platform_default");
        JsonObject best = answer.getJsonArray("slots").getJsonObject(0);
        assertThat(best.getInt("day_of_week")).isEqualTo(2);
        assertThat(best.getInt("hour")).isEqualTo(10);
        assertThat(best.getJsonNumber("avg_score").doubleValue()).isEqualTo(1.0);
        assertThat(best.getInt("post_count")).isZero();
        assertThat(best.getString("day_name")).isEqualTo("Tuesday");
        assertThat(best.getString("time_label")).isEqualTo("10:00 AM");
        assertThat(best.getString("label")).isEqualTo("Tuesday 10:00 AM");
        assertThat(answer.getJsonArray("slots")).hasSize(4);
        for (JsonObject slot : answer.getJsonArray("slots").getValuesAs(JsonObject.class)) {
            int day = slot.getInt("day_of_week");
            assertThat(day).as("0 Sunday to 6 Saturday, as a campaign cadence counts").isBetween(0, 6);
            assertThat(slot.getString("day_name")).isEqualTo(java.time.DayOfWeek.of(day == 0 ? 7 : day)
                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
        }
        assertThat(answer.getString("recommendation")).startsWith("Best time to post on LinkedIn is Tuesday at 10:00 AM (Europe/Berlin)")
                .contains("default best hours", "no engagement data");

        JsonObject twitter = key.get("/api/external/v1/ai/best-time").json();
        assertThat(twitter.getString("platform")).as("the platform defaults to twitter").isEqualTo("twitter");
        assertThat(twitter.getString("recommendation")).startsWith("Best time to post on X (Twitter) is Tuesday at 9:00 AM");

        JsonObject youtube = key.get("/api/external/v1/ai/best-time?platform=youtube").json();
        assertThat(youtube.getString("source")).isEqualTo("none");
        assertThat(youtube.getJsonArray("slots")).isEmpty();
        assertThat(youtube.getString("recommendation")).startsWith("No best time is known for YouTube");
    }

    @Test
    void thePlannerPrefersTheHoursTheAnswersName() {
        Api.Reply connected = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "linkedin")
                .add("platform_account_id", "best-" + UUID.randomUUID()).add("username", "@best").build().toString());
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        JsonArray best = (JsonArray) key.get("/api/external/v1/analytics?view=best-times&platform=linkedin").structure();

        // A Tuesday years ahead, any time of day: the one post aims at LinkedIn's best hours.
        Api.Reply placed = key.post("/api/external/smart-schedule", Json.createObjectBuilder()
                .add("video_url", "https://example.com/best-" + UUID.randomUUID() + ".mp4").add("caption", "At the best time")
                .add("platforms", Json.createArrayBuilder().add("linkedin"))
                .add("not_before", "2031-01-07T00:00:00+01:00").add("not_after", "2031-01-07T23:59:00+01:00").build().toString());

        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        JsonObject post = placed.json().getJsonArray("scheduled_posts").getJsonObject(0);
        ZonedDateTime local = Instant.parse(post.getString("scheduled_at")).atZone(ZoneId.of("Europe/Berlin"));
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(best.getValuesAs(JsonObject.class)).as("placed at " + local + ": " + post.getString("reason"))
                .anySatisfy(h -> {
                    assertThat(h.getString("day")).isEqualTo("tuesday");
                    assertThat(h.getInt("hour")).isEqualTo(local.getHour());
                });
        assertThat(post.getString("reason")).contains("best time Tue");
    }

    @Test
    void badInputAndMissingScopesAreRefusedWithTheErrorBody() {
        Api.Reply noView = key.get("/api/external/v1/analytics?platform=linkedin");
        assertThat(noView.status()).as(noView.toString()).isEqualTo(400);
        assertThat(noView.json().getString("detail")).startsWith("view is required; supported views: best-times");
        Api.Reply accounts = key.get("/api/external/v1/analytics?view=accounts");
        assertThat(accounts.status()).as(accounts.toString()).isEqualTo(400);
        assertThat(accounts.json().getString("detail")).startsWith("Unknown view: accounts; supported views: best-times");
        for (String path : List.of("/api/external/v1/analytics?view=best-times&platform=friendster",
                "/api/external/v1/ai/best-time?platform=friendster")) {
            Api.Reply unknown = key.get(path);
            assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
            assertThat(unknown.json().getString("detail")).startsWith("Invalid platform: friendster (use one of ");
        }
        Api.Reply noPlatform = key.get("/api/external/v1/analytics?view=best-times");
        assertThat(noPlatform.status()).as(noPlatform.toString()).isEqualTo(400);
        assertThat(noPlatform.json().getString("detail")).isEqualTo("platform is required");

        Api.Reply ownerless = tenant.withNewKey("best-posts", List.of("posts:read")).get("/api/external/v1/ai/best-time");
        assertThat(ownerless.status()).as(ownerless.toString()).isEqualTo(403);
        Api.Reply reader = tenant.withNewKey("best-reader", List.of("analytics:read"))
                .get("/api/external/v1/analytics?view=best-times&platform=tiktok");
        assertThat(reader.status()).as(reader.toString()).isEqualTo(200);
    }
}
