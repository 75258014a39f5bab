package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.Stall;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to X end to end, against {@link XStandIn} (a strict local X API v2) with an account connected through
 * the OAuth flow of {@link PlatformStub}: text, an image with its alt text, a video uploaded in chunks and processed over several status
 * polls (each a durable step through the dispatcher), a video whose chunked upload spans several stored steps (the
 * stand-in's server settings make one append a step), an append dropped mid-upload and resumed from the stored
 * segment index, an upload that expires mid-way and starts over from initialize, a thread as a reply chain, exactly
 * one tweet when the connection drops after X created it, a 429 waited out, X's refusal kept as the target's error, and
 * a revoked token that marks the account for reconnecting. Each test has its own workspace and account.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class XPublishingIT {

    private static final Path WORK = Path.of("target", "x-it").toAbsolutePath();
    private static final XStandIn X = XStandIn.instance();

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
        api = TenantFixture.create(Api.at(base), "xpub").withNewKey("xpub", List.of("*"));
        account = PublishedPosts.connectThroughOAuth(api, "twitter").getString("id");
        X.processingPolls(0);
        X.clearAppendFaults();
    }

    @Test
    void aTextPostBecomesOneTweetWithItsIdAndPage() {
        String text = "Hello from Syndicast " + UUID.randomUUID() + " https://example.com/launch";
        JsonObject target = publishedTarget(publish(text, List.of(), List.of()));
        XStandIn.Tweet tweet = tweetOf(target);
        assertThat(tweet.text()).isEqualTo(text);
        assertThat(target.getString("platform_url")).isEqualTo("https://x.com/i/web/status/" + tweet.id());
    }

    @Test
    void aTargetsOptionsReachXAndAnUnknownValueIsRefusedBeforeAnythingIsStored() {
        String text = "Only followers reply " + UUID.randomUUID();
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "twitter")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())
                        .add("options", Json.createObjectBuilder().add("reply_settings", "following")))).build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject target = publishedTarget(created.json().getString("id"));
        assertThat(target.getJsonObject("options").getString("reply_settings")).isEqualTo("following");
        assertThat(tweetOf(target).replySettings()).isEqualTo("following");

        String refusedText = "Nobody replies " + UUID.randomUUID();
        Api.Reply refused = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", refusedText)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "twitter")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())
                        .add("options", Json.createObjectBuilder().add("reply_settings", "nobody").add("colour", "red"))))
                .build().toString());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("targets[0].options", "reply_settings must be one of following, mentionedUsers",
                "colour: not an option for twitter");
        assertThat(api.get("/api/external/v1/posts?limit=100").body()).doesNotContain(refusedText);
    }

    @Test
    void anImageIsUploadedAndAttached() throws Exception {
        byte[] png = png();
        String media = uploadToLibrary("pixel.png", "image/png", png, "A single red pixel");
        XStandIn.Tweet tweet = tweetOf(publishedTarget(publish("An image " + UUID.randomUUID(), List.of(), List.of(media))));
        assertThat(tweet.mediaIds()).hasSize(1);
        XStandIn.Upload upload = X.uploads().get(tweet.mediaIds().get(0));
        assertThat(upload.category).isEqualTo("tweet_image");
        assertThat(upload.size()).isEqualTo(png.length);
        assertThat(upload.sha256()).isEqualTo(sha256(png));
        assertThat(upload.altText).isEqualTo("A single red pixel");
    }

    @Test
    void aVideoIsUploadedInChunksAndPostedOnceXProcessedIt() throws Exception {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 330);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), null);
        X.processingPolls(3);
        XStandIn.Tweet tweet = tweetOf(publishedTarget(publish("A video " + UUID.randomUUID(), List.of(), List.of(media)),
                Duration.ofSeconds(60)));
        XStandIn.Upload video = X.uploads().get(tweet.mediaIds().get(0));
        assertThat(video.category).isEqualTo("tweet_video");
        assertThat(video.size()).isEqualTo(Files.size(clip));
        assertThat(video.sha256()).as("the bytes in order").isEqualTo(sha256(Files.readAllBytes(clip)));
        assertThat(video.appends).isEqualTo((int) ((Files.size(clip) + 65_535) / 65_536));
        assertThat(video.polls.get()).as("three in_progress, then succeeded").isEqualTo(4);
    }

    @Test
    void aVideosUploadSpansSeveralStepsEachStoringTheNextSegmentIndex() throws Exception {
        byte[] file = sevenChunkVideo("steps");
        String media = uploadToLibrary("steps.mp4", "video/mp4", file, null);
        Set<String> before = Set.copyOf(X.uploads().keySet());
        Stall fifth = X.stallAppend(4);
        String post;
        try {
            post = publish("Over several steps " + UUID.randomUUID(), List.of(), List.of(media));
            Await.untilAsserted(() -> assertThat(fifth.reached()).as("segment 4 on its way").isTrue());
            assertThat(job(post).getString("last_error")).as("segments 0 to 3 stored by the steps before")
                    .isEqualTo("Media 1: 4 of 7 segment(s) appended");
        } finally {
            fifth.release();
        }
        XStandIn.Tweet tweet = tweetOf(publishedTarget(post, Duration.ofSeconds(60)));
        XStandIn.Upload video = X.uploads().get(tweet.mediaIds().get(0));
        assertThat(X.uploads().keySet()).filteredOn(id -> !before.contains(id)).as("one upload").containsExactly(video.id);
        assertThat(video.sends()).as("each segment sent once")
                .isEqualTo(Map.of(0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1));
        assertThat(video.segmentSizes()).as("64 KB chunks, the rest last")
                .containsExactly(65_536L, 65_536L, 65_536L, 65_536L, 65_536L, 65_536L, file.length - 6 * 65_536L);
        assertThat(video.size()).isEqualTo(file.length);
        assertThat(video.sha256()).as("the file's bytes in order").isEqualTo(sha256(file));
    }

    @Test
    void aDroppedAppendIsSentAgainFromTheStoredIndexNotFromTheStart() throws Exception {
        byte[] file = sevenChunkVideo("dropped");
        String media = uploadToLibrary("dropped.mp4", "video/mp4", file, null);
        Set<String> before = Set.copyOf(X.uploads().keySet());
        String text = "Dropped append " + UUID.randomUUID();
        X.dropAppend(4);
        XStandIn.Tweet tweet = tweetOf(publishedTarget(publish(text, List.of(), List.of(media)), Duration.ofSeconds(60)));
        assertThat(X.tweets().stream().filter(t -> text.equals(t.text()))).as("one tweet").hasSize(1);
        XStandIn.Upload video = X.uploads().get(tweet.mediaIds().get(0));
        assertThat(X.uploads().keySet()).filteredOn(id -> !before.contains(id)).as("the same upload, resumed")
                .containsExactly(video.id);
        assertThat(video.sends()).as("segment 4, whose answer was lost, sent again; 0 to 3 not")
                .isEqualTo(Map.of(0, 1, 1, 1, 2, 1, 3, 1, 4, 2, 5, 1, 6, 1));
        assertThat(video.size()).isEqualTo(file.length);
        assertThat(video.sha256()).as("the file's exact bytes").isEqualTo(sha256(file));
    }

    @Test
    void anUploadThatExpiresMidWayStartsOverFromInitialize() throws Exception {
        byte[] file = sevenChunkVideo("expired");
        String media = uploadToLibrary("expired.mp4", "video/mp4", file, null);
        Set<String> before = Set.copyOf(X.uploads().keySet());
        X.expireAtSegment(3);
        XStandIn.Tweet tweet = tweetOf(publishedTarget(publish("Expired upload " + UUID.randomUUID(), List.of(), List.of(media)),
                Duration.ofSeconds(90)));
        XStandIn.Upload video = X.uploads().get(tweet.mediaIds().get(0));
        List<XStandIn.Upload> made = X.uploads().values().stream().filter(u -> !before.contains(u.id)).toList();
        assertThat(made).as("the expired upload, then one from initialize").hasSize(2);
        assertThat(made).filteredOn(u -> !u.id.equals(video.id)).singleElement()
                .satisfies(expired -> assertThat(expired.finalized).isFalse());
        assertThat(video.sends()).isEqualTo(Map.of(0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1));
        assertThat(video.sha256()).isEqualTo(sha256(file));
    }

    @Test
    void aThreadIsPostedAsAReplyChain() {
        String text = "Thread " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(text, List.of(text + " part two", text + " part three"), List.of()));
        List<XStandIn.Tweet> thread = X.tweets().stream().filter(t -> t.text().startsWith(text)).toList();
        assertThat(thread).extracting(XStandIn.Tweet::text).containsExactly(text, text + " part two", text + " part three");
        assertThat(thread.get(0).id()).isEqualTo(target.getString("external_id"));
        assertThat(thread.get(1).inReplyTo()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).inReplyTo()).isEqualTo(thread.get(1).id());
    }

    @Test
    void aConnectionDroppedAfterXCreatedTheTweetLeavesExactlyOneTweet() {
        String text = "Dropped after create " + UUID.randomUUID();
        X.dropAfterCreateNext(1);
        JsonObject target = publishedTarget(publish(text, List.of(), List.of()));
        assertThat(X.tweets().stream().filter(t -> text.equals(t.text()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(tweetOf(target).id());
        assertThat(X.requests()).contains("GET /2/users/" + PlatformStub.X_USER_ID + "/tweets");
    }

    @Test
    void aRateLimitIsWaitedOutUntilTheReset() {
        String text = "Rate limited " + UUID.randomUUID();
        X.rateLimitNext(3, 2);
        publishedTarget(publish(text, List.of(), List.of()));
        assertThat(X.tweets().stream().filter(t -> text.equals(t.text()))).hasSize(1);
    }

    @Test
    void xsRefusalIsKeptAsTheTargetsError() {
        String text = "Said twice " + UUID.randomUUID();
        publishedTarget(publish(text, List.of(), List.of()));
        String again = publish(text, List.of(), List.of());
        Await.untilAsserted(() -> assertThat(post(again).getString("status")).isEqualTo("failed"));
        assertThat(post(again).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("Forbidden: You are not allowed to create a Tweet with duplicate content. (about:blank)");
        assertThat(X.tweets().stream().filter(t -> text.equals(t.text()))).hasSize(1);
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        PlatformStub.instance().revokeAll("twitter");
        String id = publish("Token revoked " + UUID.randomUUID(), List.of(), List.of());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
        assertThat(api.get("/api/external/v1/notifications").body()).contains("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String publish(String text, List<String> parts, List<String> mediaIds) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        JsonArrayBuilder thread = Json.createArrayBuilder();
        parts.forEach(thread::add);
        var post = Json.createObjectBuilder().add("text", text).add("media", media);
        if (!parts.isEmpty()) {
            post.add("thread_parts", thread);
        }
        Api.Reply created = api.post("/api/external/v1/posts", post.add("targets", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("platform", "twitter").add("account_id", account)
                        .add("scheduled_at", Instant.now().plusSeconds(1).toString()))).build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject publishedTarget(String id) {
        return publishedTarget(id, Await.DEFAULT_TIMEOUT);
    }

    private JsonObject publishedTarget(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private static XStandIn.Tweet tweetOf(JsonObject target) {
        return X.tweets().stream().filter(t -> t.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no tweet " + target));
    }

    private JsonObject post(String id) {
        return PublishedPosts.post(api, id);
    }

    /** The post's publish job, as the schedule shows it. */
    private JsonObject job(String postId) {
        return api.get("/api/external/v1/schedule?limit=200").json().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(j -> postId.equals(j.getString("post_id"))).findFirst().orElseThrow(() -> new AssertionError("no job for " + postId));
    }

    /** A real MP4 padded (pseudo-random bytes) to 6 chunks of 64 KB and a shorter seventh; each name its own size. */
    private static byte[] sevenChunkVideo(String name) throws IOException {
        long size = 6 * 65_536L + 40_000 + Math.floorMod(name.hashCode(), 1000);
        return Files.readAllBytes(MediaFixtures.paddedMp4(WORK, name + "-" + UUID.randomUUID() + ".mp4", 2, size));
    }

    private String uploadToLibrary(String name, String type, byte[] content, String altText) {
        return PublishedPosts.uploadToLibrary(api, name, type, content, altText);
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] png() throws IOException {
        return PublishedPosts.png();
    }
}
