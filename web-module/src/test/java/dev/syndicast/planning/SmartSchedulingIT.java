package dev.syndicast.planning;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.syndicast.planning.ScheduleFixtures.connect;
import static dev.syndicast.planning.ScheduleFixtures.schedule;
import static dev.syndicast.planning.ScheduleFixtures.windows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smart scheduling through its routes, black-box on the shared server: {@code POST /api/external/smart-schedule}
 * (the external scheduling API's documented example request, the workspace's windows, gap and daily caps, bad input, and concurrent requests
 * for one account) and {@code GET /api/external/v1/schedule/available-slot}. Each test has a workspace of its own with
 * sandbox-backed accounts; the times asked for lie years ahead (not_before) so nothing is published while it runs. Also an
 * account's own daily cap, and that a request refused after its video was imported (a lost race for the slots, a
 * submit whose post a platform refuses) leaves no video in the media library.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmartSchedulingIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Path WORK = Path.of("target", "smart-scheduling-it").toAbsolutePath();
    /** A Monday years ahead, so planned posts never come due during the test. */
    private static final LocalDate MONDAY = LocalDate.of(2031, 1, 6);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private TenantFixture tenant;
    private Api key;

    @BeforeEach
    void aWorkspaceOfItsOwn() {
        SandboxProcess.instance();
        tenant = TenantFixture.create(Api.at(base), "smart");
        key = tenant.withNewKey("smart-admin", List.of("*"));
    }

    @Test
    void theDocumentedExampleRequestIsPlacedOnTikTokYouTubeAndInstagramEachWithItsReason() {
        Map<String, String> accounts = new HashMap<>();
        for (String platform : List.of("tiktok", "youtube", "instagram")) {
            accounts.put(platform, connect(key, platform));
        }
        String example = "{\"video_url\": \"https://example.com/my-video.mp4\", \"title\": \"My Video\", "
                + "\"caption\": \"Check this out!\", \"platforms\": [\"tiktok\", \"youtube\", \"instagram\"]}";
        Instant asked = Instant.now();

        Api.Reply reply = key.send(key.request("/api/external/smart-schedule").header("Content-Type", "application/json")
                .header("Idempotency-Key", "documented-example").POST(HttpRequest.BodyPublishers.ofString(example)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("success")).isTrue();
        assertThat(answer.getString("video_id")).isNotBlank();
        assertThat(answer.getString("message")).isEqualTo("Video scheduled for 3 platform(s)");
        JsonArray posts = answer.getJsonArray("scheduled_posts");
        assertThat(posts.stream().map(p -> p.asJsonObject().getString("platform"))).containsExactly("tiktok", "youtube", "instagram");
        for (JsonObject post : posts.getValuesAs(JsonObject.class)) {
            assertThat(post.getString("id")).isNotBlank();
            assertThat(post.getString("account_id")).isEqualTo(accounts.get(post.getString("platform")));
            assertThat(post.getString("status")).isEqualTo("scheduled");
            assertThat(Instant.parse(post.getString("scheduled_at"))).isAfterOrEqualTo(asked.minusSeconds(1));
            assertThat(post.getString("reason")).as("every placement says why").contains("any time (no posting windows)");
        }
        assertThat(instants(posts)).as("the platforms of one video are staggered").doesNotHaveDuplicates();

        Api.Reply again = key.send(key.request("/api/external/smart-schedule").header("Content-Type", "application/json")
                .header("Idempotency-Key", "documented-example").POST(HttpRequest.BodyPublishers.ofString(example)));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json()).as("the same key answers the first reply, nothing is scheduled twice").isEqualTo(answer);
    }

    @Test
    void placementsKeepTheWorkspacesWindowsGapAndDailyCap() {
        schedule(key, "Europe/Berlin", 90, windows("09:00", "12:00", "monday", "tuesday", "wednesday", "thursday", "friday"));
        String account = connect(key, "tiktok");
        List<Instant> placed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Reply reply = key.post("/api/external/smart-schedule", smart("tiktok").add("not_before", berlin(MONDAY, "00:00")).build().toString());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonObject post = reply.json().getJsonArray("scheduled_posts").getJsonObject(0);
            assertThat(post.getString("account_id")).isEqualTo(account);
            assertThat(post.getString("reason")).contains("window ");
            placed.add(Instant.parse(post.getString("scheduled_at")));
        }
        for (Instant at : placed) {
            ZonedDateTime local = at.atZone(BERLIN);
            assertThat(local.getDayOfWeek()).isBetween(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(11, 59));
        }
        assertGapsAtLeast(placed, Duration.ofMinutes(90));
        // Three hours of window with a 90-minute gap hold at most two posts a day, so six posts need three days or more.
        assertThat(placed.stream().map(at -> at.atZone(BERLIN).toLocalDate()).distinct().count()).isBetween(3L, 5L);
        assertThat(placed).allMatch(at -> !at.atZone(BERLIN).toLocalDate().isBefore(MONDAY)
                && !at.atZone(BERLIN).toLocalDate().isAfter(MONDAY.plusDays(4)));
    }

    @Test
    void aRangeWhoseDailyCapIsUsedIsRefusedWith422NamingTheCap() {
        schedule(key, "UTC", 0, List.of());
        connect(key, "instagram");
        String day = "2031-02-04";
        for (int i = 0; i < 5; i++) {
            Api.Reply placed = key.post("/api/external/smart-schedule", smart("instagram")
                    .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        }

        Api.Reply sixth = key.post("/api/external/smart-schedule", smart("instagram")
                .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(422);
        assertThat(sixth.json().getString("detail")).startsWith("No slot for instagram").contains("cap of 5");
        assertThat(sixth.json().getString("error")).isNotBlank();
    }

    @Test
    void badInputIsRefusedWithTheErrorBody() {
        connect(key, "tiktok");
        Api.Reply unknown = key.post("/api/external/smart-schedule", smart("friendster").build().toString());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().getString("detail")).startsWith("Invalid platform: friendster");

        Api.Reply backwards = key.post("/api/external/smart-schedule", smart("tiktok")
                .add("not_before", "2031-03-02T00:00:00Z").add("not_after", "2031-03-01T00:00:00Z").build().toString());
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);
        assertThat(backwards.json().getString("detail")).isEqualTo("not_after must not be before not_before");

        TenantFixture other = TenantFixture.create(Api.at(base), "smart-other");
        String foreign = connect(other.withNewKey("other-admin", List.of("*")), "tiktok");
        Api.Reply stranger = key.post("/api/external/smart-schedule", smart("tiktok")
                .add("accounts", Json.createObjectBuilder().add("tiktok", foreign)).build().toString());
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(400);
        assertThat(stranger.json().getString("detail")).startsWith("Invalid account_id: " + foreign);

        Api.Reply noAccount = key.post("/api/external/smart-schedule", smart("youtube").build().toString());
        assertThat(noAccount.status()).as(noAccount.toString()).isEqualTo(422);
        assertThat(noAccount.json().getString("detail")).isEqualTo("No slot for youtube: the workspace has no youtube account");

        assertThat(key.get("/api/external/v1/posts").json().getJsonArray("data")).as("nothing was written").isEmpty();
    }

    @Test
    void concurrentRequestsForOneAccountNeverShareASlotNorOvershootItsCap() throws Exception {
        schedule(key, "UTC", 60, List.of());
        String account = connect(key, "tiktok");
        String day = "2031-02-05";
        String body = smart("tiktok").add("accounts", Json.createObjectBuilder().add("tiktok", account))
                .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString();
        int requests = 10;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Api.Reply> replies = new ArrayList<>();
        try {
            List<Callable<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> Api.at(base).withKey(key.key()).post("/api/external/smart-schedule", body));
            }
            for (Future<Api.Reply> reply : pool.invokeAll(calls)) {
                replies.add(reply.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Instant> placed = new ArrayList<>();
        int refused = 0;
        for (Api.Reply reply : replies) {
            if (reply.status() == 200) {
                placed.add(Instant.parse(reply.json().getJsonArray("scheduled_posts").getJsonObject(0).getString("scheduled_at")));
            } else {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
                assertThat(reply.json().getString("detail")).contains("cap of 8");
                refused++;
            }
        }
        assertThat(placed).as("TikTok's daily cap of 8 on the one day asked for").hasSize(8);
        assertThat(refused).isEqualTo(2);
        assertThat(placed).allMatch(at -> at.toString().startsWith(day));
        assertGapsAtLeast(placed, Duration.ofMinutes(60));
        JsonArray jobs = key.get("/api/external/v1/posts?limit=200").json().getJsonArray("data");
        assertThat(jobs).as("exactly the placed posts were written").hasSize(8);
    }

    @Test
    void availableSlotsAreTheEarliestFreeMinutesWithTheirReasons() {
        schedule(key, "UTC", 60, windows("09:00", "12:00", "monday"));
        String account = connect(key, "tiktok");
        Api.Reply taken = key.post("/api/external/smart-schedule", smart("tiktok")
                .add("not_before", "2031-01-06T10:00:00Z").add("not_after", "2031-01-06T10:00:00Z").build().toString());
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);

        Api.Reply reply = key.get("/api/external/v1/schedule/available-slot?platform=tiktok&after=2031-01-06T08:00:00Z&count=3");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("platform")).isEqualTo("tiktok");
        JsonArray slots = reply.json().getJsonArray("slots");
        assertThat(instants(slots)).as("09:00, then the gap around 10:00 leaves 11:00, then next Monday").containsExactly(
                Instant.parse("2031-01-06T09:00:00Z"), Instant.parse("2031-01-06T11:00:00Z"), Instant.parse("2031-01-13T09:00:00Z"));
        for (JsonObject slot : slots.getValuesAs(JsonObject.class)) {
            assertThat(slot.getString("account_id")).isEqualTo(account);
            assertThat(slot.getString("reason")).contains("window Mon 09:00-12:00");
        }

        Api.Reply one = key.get("/api/external/v1/schedule/available-slot?platform=tiktok&account_id=" + account
                + "&after=2031-01-06T08:00:00Z");
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(instants(one.json().getJsonArray("slots"))).as("count defaults to 1")
                .containsExactly(Instant.parse("2031-01-06T09:00:00Z"));
    }

    @Test
    void availableSlotRefusesAbsurdCountsUnknownPlatformsAndAccountsOfAnotherWorkspace() {
        connect(key, "tiktok");
        for (String count : List.of("0", "51", "many")) {
            Api.Reply reply = key.get("/api/external/v1/schedule/available-slot?platform=tiktok&count=" + count);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().getString("detail")).startsWith("count must be");
        }
        Api.Reply unknown = key.get("/api/external/v1/schedule/available-slot?platform=friendster");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().getString("detail")).startsWith("Invalid platform: friendster");

        TenantFixture other = TenantFixture.create(Api.at(base), "smart-other");
        String foreign = connect(other.withNewKey("other-admin", List.of("*")), "tiktok");
        Api.Reply stranger = key.get("/api/external/v1/schedule/available-slot?platform=tiktok&account_id=" + foreign);
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
        assertThat(stranger.json().getString("detail")).isEqualTo("Account not found: " + foreign);
    }

    @Test
    void anAccountsOwnDailyCapIsKeptByThePlannerAndTheSlotsAndIsValidated() {
        schedule(key, "UTC", 0, List.of());
        String account = connect(key, "tiktok");
        Api.Reply capped = key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": 2}");
        assertThat(capped.status()).as(capped.toString()).isEqualTo(200);
        assertThat(capped.json().getInt("daily_cap")).isEqualTo(2);
        String day = "2031-02-11";
        for (int i = 0; i < 2; i++) {
            Api.Reply placed = key.post("/api/external/smart-schedule", smart("tiktok")
                    .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        }
        Api.Reply third = key.post("/api/external/smart-schedule", smart("tiktok")
                .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());
        assertThat(third.status()).as(third.toString()).isEqualTo(422);
        assertThat(third.json().getString("detail")).contains("cap of 2");
        Api.Reply slots = key.get("/api/external/v1/schedule/available-slot?platform=tiktok&after=" + day + "T00:00:00Z&count=3");
        assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
        assertThat(instants(slots.json().getJsonArray("slots"))).as("the account's own cap of 2 fills " + day
                        + "; with no gap two posts may share a minute")
                .containsExactly(Instant.parse("2031-02-12T00:00:00Z"), Instant.parse("2031-02-12T00:00:00Z"),
                        Instant.parse("2031-02-13T00:00:00Z"));

        for (String refused : List.of("0", "101", "-3")) {
            Api.Reply reply = key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": " + refused + "}");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().getString("detail")).isEqualTo("daily_cap must be 1-100 posts a day, or null for the"
                    + " platform's cap (got " + refused + ")");
        }
        Api.Reply notANumber = key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": \"lots\"}");
        assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(422);
        assertThat(notANumber.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("daily_cap");
        Api.Reply renamed = key.patch("/api/external/v1/accounts/" + account, "{\"display_name\": \"Main\"}");
        assertThat(renamed.json().getInt("daily_cap")).as("refused caps and other changes leave it as it was").isEqualTo(2);

        Api.Reply cleared = key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().containsKey("daily_cap")).as("back to TikTok's cap of 8").isFalse();
        Api.Reply again = key.post("/api/external/smart-schedule", smart("tiktok")
                .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    @Test
    void aRequestThatLosesTheRaceForItsSlotLeavesNoVideoBehind() throws Exception {
        schedule(key, "UTC", 0, List.of());
        String account = connect(key, "instagram");
        assertThat(key.patch("/api/external/v1/accounts/" + account, "{\"daily_cap\": 1}").status()).isEqualTo(200);
        byte[] video = Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "race-" + UUID.randomUUID() + ".mp4", 660));
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger downloads = new AtomicInteger();
        String day = "2031-02-18";
        try (MediaFixtures.FileServer files = new MediaFixtures.FileServer()) {
            files.route("/race.mp4", exchange -> {
                downloads.incrementAndGet();
                asked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                files.bytes("video/mp4", video).handle(exchange);
            });
            String loser = smart("instagram").add("video_url", files.url("/race.mp4"))
                    .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // The loser's plan finds the day's one slot free, and it starts downloading its video...
                Future<Api.Reply> losing = pool.submit(() -> Api.at(base).withKey(key.key()).post("/api/external/smart-schedule", loser));
                assertThat(asked.await(30, TimeUnit.SECONDS)).as("the loser's video is being fetched").isTrue();
                // ...while another request takes the slot.
                Api.Reply winner = key.post("/api/external/smart-schedule", smart("instagram")
                        .add("not_before", day + "T00:00:00Z").add("not_after", day + "T23:59:00Z").build().toString());
                assertThat(winner.status()).as(winner.toString()).isEqualTo(200);
                release.countDown();

                Api.Reply lost = losing.get(60, TimeUnit.SECONDS);
                assertThat(lost.status()).as(lost.toString()).isEqualTo(422);
                assertThat(lost.json().getString("detail")).contains("cap of 1");
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
            assertThat(sourceUrls()).as("the loser's video left the library; the winner's stays")
                    .doesNotContain(files.url("/race.mp4")).hasSize(1);

            Api.Reply retry = key.post("/api/external/smart-schedule", loser);
            assertThat(retry.status()).as(retry.toString()).isEqualTo(422);
            assertThat(downloads.get()).as("a retry without a slot is refused before anything is downloaded").isEqualTo(1);
            assertThat(sourceUrls()).doesNotContain(files.url("/race.mp4"));
        }
        assertThat(key.get("/api/external/v1/posts").json().getJsonArray("data")).as("only the winner's post").hasSize(1);
    }

    @Test
    void aSubmitWhosePostIsRefusedAfterTheImportLeavesNoVideoBehind() throws Exception {
        String account = connect(key, "tiktok");
        String tooLong = "c".repeat(2300);
        byte[] video = Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "refused-" + UUID.randomUUID() + ".mp4", 770));
        try (MediaFixtures.FileServer files = new MediaFixtures.FileServer()) {
            files.route("/refused.mp4", files.bytes("video/mp4", video));
            for (String url : List.of(files.url("/refused.mp4"), "https://example.com/refused-" + UUID.randomUUID() + ".mp4")) {
                Api.Reply refused = key.post("/api/external/submit", Json.createObjectBuilder().add("video_url", url)
                        .add("caption", tooLong).add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("platform", "tiktok").add("account_id", account).add("scheduled_at", "2031-03-03T10:00:00Z")))
                        .build().toString());
                assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
                assertThat(refused.json().getString("detail")).contains("tiktok");
                // A file fetched in the request goes at once; one a background import was still fetching (example.com here)
                // goes once its import is stopped.
                Await.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(sourceUrls()).as(url).doesNotContain(url));
            }
        }
        assertThat(key.get("/api/external/v1/posts").json().getJsonArray("data")).isEmpty();
    }

    /** The source URLs of the workspace's media library items. */
    private List<String> sourceUrls() {
        Api.Reply items = key.get("/api/external/v1/media-library?limit=100");
        assertThat(items.status()).as(items.toString()).isEqualTo(200);
        return items.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("source_url", "")).toList();
    }

    private static JsonObjectBuilder smart(String platform) {
        return Json.createObjectBuilder().add("video_url", "https://example.com/smart-" + UUID.randomUUID() + ".mp4")
                .add("title", "Smart").add("caption", "Planned by Syndicast").add("platforms", Json.createArrayBuilder().add(platform));
    }

    private static String berlin(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), BERLIN).toOffsetDateTime().toString();
    }

    private static List<Instant> instants(JsonArray items) {
        return items.stream().map(JsonValue::asJsonObject).map(o -> Instant.parse(o.getString("scheduled_at"))).toList();
    }

    private static void assertGapsAtLeast(List<Instant> placed, Duration gap) {
        List<Instant> sorted = placed.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i))).as("gap between %s and %s", sorted.get(i - 1), sorted.get(i))
                    .isGreaterThanOrEqualTo(gap);
        }
    }
}
