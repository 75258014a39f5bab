package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.AtprotoPds;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.LinkedInStandIn;
import dev.syndicast.testsupport.MastodonStandIn;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.ThreadsStandIn;
import dev.syndicast.testsupport.XStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other ways in, for the five real platforms: posts created through the external scheduling API's {@code submit}
 * (a video by URL, imported into the media library), the bulk create ({@code POST /posts/bulk}, JSON) and the CSV
 * import batch job ({@code POST /posts/bulk} with {@code text/csv}) are each published exactly once on Bluesky (the
 * reference PDS), Mastodon, X, LinkedIn and Threads (their strict stand-ins): text, an image and a video, with
 * accounts named by Syndicast's id, by the platform's own id, or not at all (the default account). Every entry
 * refuses what a platform cannot take (an over-long text for X, a video longer than X allows) before anything is
 * scheduled: 422 naming the rule, or the row's error. One workspace; the entries run at once and are awaited once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectorEntryPathsIT {

    private static final Path WORK = Path.of("target", "entry-paths-it").toAbsolutePath();
    private static final List<String> PLATFORMS = List.of("bluesky", "mastodon", "twitter", "linkedin", "threads");
    private static final MastodonStandIn MASTODON = new MastodonStandIn();
    private static final XStandIn X = XStandIn.instance();
    private static final LinkedInStandIn LINKEDIN = LinkedInStandIn.instance();
    private static final ThreadsStandIn THREADS = ThreadsStandIn.instance();

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private final AtprotoPds pds = AtprotoPds.instance();
    private Api api;
    private AtprotoPds.Account bluesky;
    /** Per platform: Syndicast's account id and the platform's own. */
    private final Map<String, String[]> accounts = new LinkedHashMap<>();

    @AfterAll
    static void stopInstance() {
        MASTODON.close();
    }

    @BeforeEach
    void oneWorkspaceWithAnAccountOnEveryPlatform() {
        // Threads fetches library media from this installation's public URL.
        Api.at(base).anonymous().post("/test-support/public-base?url=" + base.toString().replaceAll("/+$", ""), "");
        api = TenantFixture.create(Api.at(base), "entry").withNewKey("entry", List.of("*"));
        bluesky = pds.createAccount(AtprotoPds.name());
        accounts.put("bluesky", connected(api.post("/api/external/v1/connections/bluesky", Json.createObjectBuilder()
                .add("handle", bluesky.handle()).add("app_password", bluesky.appPassword()).add("service_url", pds.url())
                .build().toString())));
        accounts.put("mastodon", connected(api.post("/api/external/v1/connections/mastodon", Json.createObjectBuilder()
                .add("instance_url", MASTODON.baseUrl()).add("access_token", MastodonStandIn.TOKEN).build().toString())));
        for (String platform : List.of("twitter", "linkedin", "threads")) {
            accounts.put(platform, oauth(platform));
        }
        X.processingPolls(0);
        LINKEDIN.processingPolls(0);
        THREADS.videoPolls(0);
    }

    @AfterEach
    void resetPublicBase() {
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
    }

    @Test
    void submitBulkAndCsvPublishTextImagesAndVideoOnEveryPlatformExactlyOnce() throws Exception {
        String run = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
        byte[] submitted = Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "submit-" + run + ".mp4", 440, 4));
        String videoUrl = PlatformStub.instance().serve("entry-" + run + ".mp4", "video/mp4", submitted);
        JsonObject image = library("entry-" + run + ".png", "image/png", PublishedPosts.png(), "A red pixel");
        JsonObject video = library("entry-" + run + ".mp4", "video/mp4",
                Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "library-" + run + ".mp4", 550, 4)), "A test pattern");
        Instant soon = Instant.now().plusSeconds(3);
        // The CSV's rows must still be in the future when the batch job reads them.
        Instant csvTime = Instant.now().plusSeconds(8);

        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("submit", "Submitted video " + run);
        texts.put("bulk-text", "Bulk text " + run);
        texts.put("bulk-image", "Bulk image " + run);
        texts.put("csv-text", "CSV text " + run);
        texts.put("csv-video", "CSV video " + run);

        CompletableFuture<List<String>> bySubmit = async(() -> {
            JsonArrayBuilder targets = Json.createArrayBuilder();
            for (String platform : PLATFORMS) {
                // Bluesky and Mastodon by the platform's own account id (as the scheduling API's clients know them).
                String account = List.of("bluesky", "mastodon").contains(platform) ? accounts.get(platform)[1] : accounts.get(platform)[0];
                targets.add(Json.createObjectBuilder().add("platform", platform.equals("twitter") ? "x" : platform)
                        .add("account_id", account).add("scheduled_at", soon.toString()));
            }
            Api.Reply reply = api.post("/api/external/submit", Json.createObjectBuilder().add("video_url", videoUrl)
                    .add("caption", texts.get("submit")).add("source_id", "entry-" + run).add("targets", targets).build().toString());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().getJsonArray("scheduled_posts")).hasSize(5);
            return api.get("/api/external/v1/posts?source_id=entry-" + run).json().getJsonArray("data").stream()
                    .map(p -> p.asJsonObject().getString("id")).toList();
        });
        CompletableFuture<List<String>> byBulk = async(() -> {
            JsonArrayBuilder names = Json.createArrayBuilder();
            JsonArrayBuilder ids = Json.createArrayBuilder();
            PLATFORMS.forEach(p -> names.add(p.equals("twitter") ? "x" : p));
            PLATFORMS.forEach(p -> ids.add(accounts.get(p)[0]));
            Api.Reply reply = api.post("/api/external/v1/posts/bulk", Json.createObjectBuilder().add("posts", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("content", texts.get("bulk-text")).add("platforms", names)
                            .add("accountIds", ids).add("scheduledAt", soon.toString()))
                    .add(Json.createObjectBuilder().add("content", Json.createObjectBuilder().add("text", texts.get("bulk-image")))
                            .add("platforms", Json.createArrayBuilder(PLATFORMS)).add("media_url", image.getString("storage_path"))
                            .add("scheduled_at", soon.toString()))).build().toString());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().getInt("succeeded")).as(reply.toString()).isEqualTo(2);
            return reply.json().getJsonArray("results").stream().map(r -> r.asJsonObject().getString("id")).toList();
        });
        CompletableFuture<List<String>> byCsv = async(() -> {
            String ownIds = String.join(";", PLATFORMS.stream().map(p -> accounts.get(p)[1]).toList());
            String csv = "content,platforms,account_ids,scheduled_at,media_url\n"
                    + texts.get("csv-text") + ",bluesky;mastodon;x;linkedin;threads,," + csvTime + ",\n"
                    + texts.get("csv-video") + "," + String.join("|", PLATFORMS) + "," + ownIds + "," + csvTime + ","
                    + video.getString("storage_path") + "\n";
            JsonObject results = PublishedPosts.importCsv(api, csv);
            assertThat(results.getJsonObject("counts").getInt("ok")).as(results.toString()).isEqualTo(2);
            return results.getJsonArray("items").stream().map(i -> i.asJsonObject().getString("reference")).toList();
        });

        List<String> posts = CompletableFuture.allOf(bySubmit, byBulk, byCsv).thenApply(done -> java.util.stream.Stream
                .of(bySubmit, byBulk, byCsv).flatMap(f -> f.join().stream()).toList()).get();
        assertThat(posts).hasSize(5).doesNotHaveDuplicates();

        Await.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(posts.stream()
                .map(id -> api.get("/api/external/v1/posts/" + id).json()))
                .allSatisfy(post -> assertThat(post.getString("status")).as(post::toString).isEqualTo("published")));
        for (String id : posts) {
            JsonObject post = api.get("/api/external/v1/posts/" + id).json();
            assertThat(post.getJsonArray("targets").stream().map(t -> t.asJsonObject().getString("platform")))
                    .containsExactlyInAnyOrderElementsOf(PLATFORMS);
        }

        Map<String, String> media = Map.of("submit", "video", "bulk-text", "none", "bulk-image", "image", "csv-text", "none",
                "csv-video", "video");
        Map<String, Function<String, List<String>>> published = Map.of(
                "bluesky", this::blueskyMedia, "mastodon", ConnectorEntryPathsIT::mastodonMedia,
                "twitter", ConnectorEntryPathsIT::xMedia, "linkedin", ConnectorEntryPathsIT::linkedInMedia,
                "threads", ConnectorEntryPathsIT::threadsMedia);
        for (String platform : PLATFORMS) {
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                assertThat(published.get(platform).apply(entry.getValue()))
                        .as(platform + ": what " + entry.getKey() + " created, once, with its media").containsExactly(media.get(entry.getKey()));
            }
        }
    }

    @Test
    void everyEntryRefusesWhatXCannotTakeBeforeAnythingIsScheduled() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String tooLong = "Too long for X " + run + " " + "x".repeat(280);
        String textRule = "twitter: content exceeds platform character limit (" + tooLong.length() + " characters; the limit is 280)";
        String videoRule = "twitter: video is 141 s long; the limit is 140 s";
        byte[] longClip = Files.readAllBytes(MediaFixtures.longMp4(WORK, "long-" + run + ".mp4", 141));
        String longUrl = PlatformStub.instance().serve("long-" + run + ".mp4", "video/mp4", longClip);
        String shortUrl = PlatformStub.instance().serve("short-" + run + ".mp4", "video/mp4",
                Files.readAllBytes(MediaFixtures.longMp4(WORK, "short-" + run + ".mp4", 2)));
        JsonObject longVideo = library("long-" + run + ".mp4", "video/mp4", longClip, "Too long");
        String x = accounts.get("twitter")[0];
        String later = Instant.now().plusSeconds(3600).toString();

        // POST /posts
        Api.Reply post = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", tooLong)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "x").add("account_id", x)
                        .add("scheduled_at", later))).build().toString());
        assertRefused(post, textRule);

        // submit: an over-long caption, then a video longer than X takes (known once the video is in the library).
        for (String[] submission : new String[][] {{tooLong, shortUrl, textRule},
                {"Long video " + run, longUrl, videoRule}}) {
            Api.Reply submitted = api.post("/api/external/submit", Json.createObjectBuilder().add("video_url", submission[1])
                    .add("caption", submission[0]).add("source_id", "refused-" + run).add("targets", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("platform", "x").add("account_id", x).add("scheduled_at", later)))
                    .build().toString());
            assertRefused(submitted, submission[2]);
        }
        assertThat(api.get("/api/external/v1/posts?source_id=refused-" + run).json().getJsonObject("meta").getInt("total"))
                .as("nothing was created").isZero();

        // bulk: each refused post has its rule as its error, and nothing else.
        Api.Reply bulk = api.post("/api/external/v1/posts/bulk", Json.createObjectBuilder().add("posts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("content", tooLong).add("platforms", Json.createArrayBuilder().add("x"))
                        .add("scheduledAt", later))
                .add(Json.createObjectBuilder().add("content", "Long video " + run).add("platforms", Json.createArrayBuilder().add("x"))
                        .add("media_url", longVideo.getString("storage_path")).add("scheduledAt", later))
                .add(Json.createObjectBuilder().add("content", "Elsewhere " + run).add("platforms", Json.createArrayBuilder().add("x"))
                        .add("media_url", "https://example.com/" + run + ".png").add("scheduledAt", later))).build().toString());
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.json().getInt("failed")).isEqualTo(3);
        assertThat(bulk.json().getJsonArray("results").stream().map(r -> r.asJsonObject().getString("error")))
                .containsExactly(textRule, videoRule, "twitter takes the file itself: media 1 is not an item of the media library"
                        + " (upload or import it first, then name it by media_id, or by its storage_path as the url)");

        // CSV: each refused row lands in the error report with its rule.
        String csv = "content,platforms,scheduled_at,media_url\n\"" + tooLong + "\",x," + later + ",\n"
                + "Long video " + run + ",x," + later + "," + longVideo.getString("storage_path") + "\n";
        JsonObject results = PublishedPosts.importCsv(api, csv);
        assertThat(results.getJsonObject("counts").getInt("ok")).isZero();
        assertThat(results.getJsonArray("items").stream().map(i -> i.asJsonObject().getString("detail")))
                .containsExactly(textRule, videoRule);

        assertThat(api.get("/api/external/v1/schedule").json().getJsonArray("data")).as("nothing was scheduled").isEmpty();
        assertThat(X.tweets().stream().filter(t -> t.text() != null && t.text().contains(run))).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertRefused(Api.Reply reply, String rule) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().getString("detail")).isEqualTo(rule);
        assertThat(reply.json().getJsonArray("fields").stream().map(f -> f.asJsonObject().getString("message")))
                .as(reply.toString()).containsExactly(rule);
    }

    /** Syndicast's id and the platform's own id of the account a connect answered. */
    private static String[] connected(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return new String[] {reply.json().getString("id"), reply.json().getString("platform_account_id")};
    }

    private String[] oauth(String platform) {
        JsonObject account = PublishedPosts.connectThroughOAuth(api, platform);
        return new String[] {account.getString("id"), account.getString("platform_account_id")};
    }

    /** A file uploaded to the workspace's media library: the item (with its {@code storage_path}). */
    private JsonObject library(String name, String type, byte[] content, String alt) {
        String id = PublishedPosts.uploadToLibrary(api, name, type, content, alt);
        Await.until(() -> "ready".equals(api.get("/api/external/v1/media-library/" + id).json().getString("status")));
        return api.get("/api/external/v1/media-library/" + id).json();
    }

    /** Runs a CSV through {@code POST /posts/bulk} (the post-import batch job) and answers its per-row results. */
    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work);
    }

    // What each platform holds with this text: one entry per post, naming its media ("none", "image" or "video").

    private List<String> blueskyMedia(String text) {
        return pds.posts(bluesky.did()).stream().map(r -> r.getJsonObject("value")).filter(v -> v.getString("text").equals(text))
                .map(v -> {
                    JsonValue embed = v.get("embed");
                    if (embed == null) {
                        return "none";
                    }
                    return switch (embed.asJsonObject().getString("$type")) {
                        case "app.bsky.embed.images" -> "image";
                        case "app.bsky.embed.video" -> "video";
                        default -> embed.asJsonObject().getString("$type");
                    };
                }).toList();
    }

    private static List<String> mastodonMedia(String text) {
        return MASTODON.statuses().stream().filter(s -> text.equals(s.text()))
                .map(s -> s.mediaIds().isEmpty() ? "none" : kind(MASTODON.media().get(s.mediaIds().get(0)).contentType)).toList();
    }

    private static List<String> xMedia(String text) {
        return X.tweets().stream().filter(t -> text.equals(t.text()))
                .map(t -> t.mediaIds().isEmpty() ? "none" : X.uploads().get(t.mediaIds().get(0)).category.equals("tweet_video")
                        ? "video" : "image").toList();
    }

    private static List<String> linkedInMedia(String text) {
        return LINKEDIN.posts().stream().filter(p -> text.equals(p.commentary()))
                .map(p -> p.media().isEmpty() ? "none" : p.media().get(0).contains(":video:") ? "video" : "image").toList();
    }

    private static List<String> threadsMedia(String text) {
        return THREADS.threads().stream().filter(t -> text.equals(t.text()))
                .map(t -> switch (t.mediaType()) {
                    case "TEXT" -> "none";
                    case "IMAGE" -> "image";
                    case "VIDEO" -> "video";
                    default -> t.mediaType();
                }).toList();
    }

    private static String kind(String mimeType) {
        return mimeType.startsWith("video/") ? "video" : mimeType.startsWith("image/") ? "image" : mimeType;
    }
}
