package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.RedditStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to Reddit end to end, against {@link RedditStandIn} (a strict local Reddit that answers refusals inside
 * 200 bodies and refuses generic User-Agents): a text post titled by its first line, a link post, an image post found
 * through the account's submissions (Reddit answers no id for it), a video post with its poster image, a gallery of
 * several images (and one whose answer was lost, found rather than sent again), RATELIMIT waited
 * out without spending an attempt, a refusal kept, a missing subreddit refused when the post is made, and a revoked
 * token. Each test has its own workspace and account, connected through the OAuth stand-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedditPublishingIT {

    private static final Path WORK = Path.of("target", "reddit-it").toAbsolutePath();
    private static final RedditStandIn REDDIT = RedditStandIn.instance();
    private static final String SUBREDDIT = "syndicast_test";

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String account;

    @BeforeEach
    void ownWorkspaceAndAccount() {
        api = TenantFixture.create(Api.at(base), "reddit").withNewKey("reddit", List.of("*"));
        account = PublishedPosts.connectThroughOAuth(api, "reddit").getString("id");
        REDDIT.processingReads(1);
    }

    @Test
    void aTextPostIsTitledByItsFirstLineAndCarriesTheRestWithItsOptions() {
        String title = "Hello Reddit " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(title + "\n\nThe body of it.", null, List.of(), subreddit()
                .add("flair_id", "flair-1").add("spoiler", true)));
        RedditStandIn.Post post = postOf(target);
        assertThat(post.kind()).isEqualTo("self");
        assertThat(post.title()).isEqualTo(title);
        assertThat(post.text()).isEqualTo("The body of it.");
        assertThat(post.flairId()).isEqualTo("flair-1");
        assertThat(post.spoiler()).isTrue();
        assertThat(post.nsfw()).isFalse();
        assertThat(post.userAgent()).isEqualTo("server:dev.syndicast.it:1.0 (by /u/" + PlatformStub.REDDIT_USER + ")");
        assertThat(target.getString("platform_url")).startsWith("https://www.reddit.com/r/" + SUBREDDIT + "/comments/" + post.id() + "/");
    }

    @Test
    void aLinkPostSubmitsTheUrlOptionUnderThePostsTitle() {
        String title = "Read this " + UUID.randomUUID();
        RedditStandIn.Post post = postOf(publishedTarget(publish("Some words", title, List.of(),
                subreddit().add("url", "https://example.com/article"))));
        assertThat(post.kind()).isEqualTo("link");
        assertThat(post.url()).isEqualTo("https://example.com/article");
        assertThat(post.title()).isEqualTo(title);
    }

    @Test
    void anImagePostGoesUpThroughTheLeaseAndIsFoundThroughTheSubmissions() throws IOException {
        REDDIT.processingReads(2);
        String media = uploadToLibrary("pixel.png", "image/png", PublishedPosts.png(), null);
        String title = "A picture " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(title, null, List.of(media), subreddit()));
        RedditStandIn.Post post = postOf(target);
        assertThat(post.kind()).isEqualTo("image");
        assertThat(post.url()).contains("/s3/").endsWith("/pixel.png");
        assertThat(target.getString("external_id")).isEqualTo("t3_" + post.id());
        assertThat(REDDIT.requests()).contains("POST /api/media/asset.json", "GET /user/" + PlatformStub.REDDIT_USER + "/submitted");
    }

    @Test
    void aVideoPostGoesUpWithTheLibrarysThumbnailAsItsPoster() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 550);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), null);
        String title = "A video " + UUID.randomUUID();
        RedditStandIn.Post post = postOf(publishedTarget(publish(title, null, List.of(media), subreddit()), Duration.ofSeconds(60)));
        assertThat(post.kind()).isEqualTo("video");
        assertThat(post.url()).endsWith("/clip.mp4");
        assertThat(post.posterUrl()).endsWith("/poster.jpg");
    }

    @Test
    void severalImagesGoUpAsOneGalleryInTheirOrderWithTheirAltTextsAsCaptions() throws IOException {
        List<String> media = List.of(uploadToLibrary("first.png", "image/png", PublishedPosts.png(), "The first one"),
                uploadToLibrary("second.png", "image/png", PublishedPosts.png(), ""),
                uploadToLibrary("third.png", "image/png", PublishedPosts.png(), "The third one"));
        String title = "A gallery " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(title + "\n\nWhat they show.", null, media, subreddit().add("nsfw", true)));
        RedditStandIn.Post post = postOf(target);
        assertThat(post.kind()).isEqualTo("gallery");
        assertThat(post.title()).isEqualTo(title);
        assertThat(post.text()).isEqualTo("What they show.");
        assertThat(post.nsfw()).isTrue();
        assertThat(post.mediaIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(post.captions()).containsExactly("The first one", "", "The third one");
        assertThat(target.getString("external_id")).isEqualTo("t3_" + post.id());
        assertThat(target.getString("platform_url")).startsWith("https://www.reddit.com/r/" + SUBREDDIT + "/comments/" + post.id() + "/");
    }

    @Test
    void aGalleryWhoseAnswerWasLostIsFoundAmongTheSubmissionsAndNotSentAgain() throws IOException {
        List<String> media = List.of(uploadToLibrary("one.png", "image/png", PublishedPosts.png(), null),
                uploadToLibrary("two.png", "image/png", PublishedPosts.png(), null));
        String title = "A gallery made while its answer was lost " + UUID.randomUUID();
        REDDIT.dropAfterCreateNext(1);
        JsonObject target = publishedTarget(publish(title, null, media, subreddit()), Duration.ofSeconds(90));
        assertThat(REDDIT.posts()).filteredOn(p -> p.title().equals(title)).as("made once, found, never sent again")
                .singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo("gallery"))
                .satisfies(p -> assertThat(target.getString("external_id")).isEqualTo(p.name()));
    }

    @Test
    void aGalleryTakesImagesOnlyAndAtMostTwenty() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "mixed-" + UUID.randomUUID() + ".mp4", 550);
        String video = uploadToLibrary("mixed.mp4", "video/mp4", Files.readAllBytes(clip), null);
        String image = uploadToLibrary("mixed.png", "image/png", PublishedPosts.png(), null);
        Api.Reply mixed = api.post("/api/external/v1/posts", body("Mixed", null, List.of(image, video), subreddit()));
        assertThat(mixed.status()).as(mixed.toString()).isEqualTo(422);
        assertThat(mixed.body()).contains("reddit: a post is one video or 1 to 20 images, not both");

        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(uploadToLibrary("many-" + i + ".png", "image/png", PublishedPosts.png(), null));
        }
        Api.Reply tooMany = api.post("/api/external/v1/posts", body("Too many", null, many, subreddit()));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
        assertThat(tooMany.body()).contains("reddit: 21 images; the limit is 20");
    }

    @Test
    void ratelimitInA200BodyIsWaitedOutWithoutSpendingAnAttempt() {
        String title = "Rate limited " + UUID.randomUUID();
        REDDIT.ratelimitNext(1, 2);
        String id = publish(title, null, List.of(), subreddit());
        publishedTarget(id);
        assertThat(REDDIT.posts().stream().filter(p -> title.equals(p.title()))).hasSize(1);
        assertThat(job(id).getInt("attempts")).as("RATELIMIT spent no attempt").isEqualTo(1);
    }

    @Test
    void a429WithResetHeadersIsWaitedOutWithoutSpendingAnAttempt() {
        String title = "Too many " + UUID.randomUUID();
        REDDIT.tooManyNext(2);
        String id = publish(title, null, List.of(), subreddit());
        publishedTarget(id);
        assertThat(REDDIT.posts().stream().filter(p -> title.equals(p.title()))).hasSize(1);
        assertThat(job(id).getInt("attempts")).as("the 429s spent no attempt").isEqualTo(1);
    }

    @Test
    void redditsRefusalIsKeptAsTheTargetsError() {
        String id = publish("Text where none is allowed " + UUID.randomUUID(), null, List.of(),
                Json.createObjectBuilder().add("subreddit", "noselfs"));
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("NO_SELFS: this subreddit doesn't allow text posts (sr)");
    }

    @Test
    void aPostWithoutASubredditIsRefusedWhenItIsMade() {
        Api.Reply refused = api.post("/api/external/v1/posts", body("Where to?", null, List.of(), Json.createObjectBuilder()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("targets[0].options", "subreddit is required for reddit");
    }

    @Test
    void bulkAndCsvRowsNameTheirSubredditInOptionsAndArePublishedThere() {
        String at = Instant.now().plusSeconds(2).toString();
        String bulkTitle = "From a bulk " + UUID.randomUUID();
        Api.Reply bulk = api.post("/api/external/v1/posts/bulk", Json.createObjectBuilder().add("posts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("content", bulkTitle).add("platforms", Json.createArrayBuilder().add("reddit"))
                        .add("account_ids", Json.createArrayBuilder().add(account)).add("scheduled_at", at)
                        .add("options", Json.createObjectBuilder().add("reddit", subreddit())))
                .add(Json.createObjectBuilder().add("content", "Nowhere to go").add("platforms", Json.createArrayBuilder().add("reddit"))
                        .add("account_ids", Json.createArrayBuilder().add(account)).add("scheduled_at", at)))
                .build().toString());
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.json().getInt("succeeded")).as(bulk.toString()).isEqualTo(1);
        assertThat(bulk.json().getJsonArray("results").getJsonObject(1).getString("error")).contains("subreddit is required for reddit");

        String csvTitle = "From a CSV " + UUID.randomUUID();
        JsonObject results = PublishedPosts.importCsv(api, "content,platforms,account_ids,scheduled_at,options\n"
                + csvTitle + ",reddit," + account + "," + Instant.now().plusSeconds(20) + ",\"{\"\"reddit\"\":{\"\"subreddit\"\":\"\"" + SUBREDDIT
                + "\"\",\"\"nsfw\"\":true}}\"\n");
        assertThat(results.getJsonObject("counts").getInt("ok")).as(results.toString()).isEqualTo(1);

        Await.await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(REDDIT.posts()).extracting(RedditStandIn.Post::title).contains(bulkTitle, csvTitle));
        assertThat(REDDIT.posts()).filteredOn(p -> p.title().equals(csvTitle)).singleElement()
                .satisfies(p -> assertThat(p.subreddit()).isEqualTo(SUBREDDIT))
                .satisfies(p -> assertThat(p.nsfw()).isTrue());
        assertThat(REDDIT.posts()).filteredOn(p -> p.title().equals(bulkTitle)).singleElement()
                .satisfies(p -> assertThat(p.subreddit()).isEqualTo(SUBREDDIT));
    }

    @Test
    void aSubmittedVideoNamesItsSubredditInTheTargetsOptions() throws IOException {
        String run = UUID.randomUUID().toString();
        byte[] video = Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "submitted-" + run + ".mp4", 660));
        String videoUrl = PlatformStub.instance().serve("submitted-" + run + ".mp4", "video/mp4", video);
        String title = "Submitted " + run;
        Api.Reply submitted = api.post("/api/external/submit", Json.createObjectBuilder().add("video_url", videoUrl)
                .add("title", title).add("caption", "From a pipeline").add("source_id", "reddit-" + run)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "reddit")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(2).toString())
                        .add("options", subreddit())))
                .build().toString());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);

        String id = api.get("/api/external/v1/posts?source_id=reddit-" + run).json().getJsonArray("data").getJsonObject(0).getString("id");
        RedditStandIn.Post post = postOf(publishedTarget(id, Duration.ofSeconds(60)));
        assertThat(post.kind()).isEqualTo("video");
        assertThat(post.subreddit()).isEqualTo(SUBREDDIT);
        assertThat(post.title()).isEqualTo(title);
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        PlatformStub.instance().revokeAll("reddit");
        String id = publish("Token revoked " + UUID.randomUUID(), null, List.of(), subreddit());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonObjectBuilder subreddit() {
        return Json.createObjectBuilder().add("subreddit", SUBREDDIT);
    }

    private String body(String text, String title, List<String> mediaIds, JsonObjectBuilder options) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        JsonObjectBuilder post = Json.createObjectBuilder().add("text", text).add("media", media);
        if (title != null) {
            post.add("title", title);
        }
        return post.add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "reddit")
                .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString()).add("options", options)))
                .build().toString();
    }

    private String publish(String text, String title, List<String> mediaIds, JsonObjectBuilder options) {
        Api.Reply created = api.post("/api/external/v1/posts", body(text, title, mediaIds, options));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject publishedTarget(String id) {
        return publishedTarget(id, Await.DEFAULT_TIMEOUT);
    }

    private JsonObject publishedTarget(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private JsonObject job(String postId) {
        return api.get("/api/external/v1/schedule?status=published&limit=200").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(j -> j.getString("post_id").equals(postId)).findFirst().orElseThrow();
    }

    private static RedditStandIn.Post postOf(JsonObject target) {
        return REDDIT.posts().stream().filter(p -> p.name().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + target));
    }

    private JsonObject post(String id) {
        return PublishedPosts.post(api, id);
    }

    private String uploadToLibrary(String name, String type, byte[] content, String altText) {
        return PublishedPosts.uploadToLibrary(api, name, type, content, altText);
    }
}
