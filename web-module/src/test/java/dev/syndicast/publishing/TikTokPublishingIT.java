package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.TikTokStandIn;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to TikTok end to end, against {@link TikTokStandIn} (a strict local Content Posting API): a video with
 * the target's options and the account's settings, a 300 MB upload cut off halfway that resumes with every byte
 * arriving exactly once, the lost answer of a final chunk, an expired upload URL and a 5xx on the init (each made
 * again, one video), a photo post pulled from signed URLs, a privacy level the
 * account does not offer, a video longer than the account may post, processing that FAILED, a rate limit waited out
 * without an attempt, a revoked token, and posts TikTok cannot take refused before scheduling. Each test has its own
 * workspace and account, connected through the OAuth stand-in ({@code PlatformStub}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TikTokPublishingIT {

    private static final Path WORK = Path.of("target", "tiktok-it").toAbsolutePath();
    private static final TikTokStandIn TIKTOK = TikTokStandIn.instance();
    private static final long MB = 1024L * 1024L;
    private static final String PUBLIC = "PUBLIC_TO_EVERYONE";

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String account;

    @BeforeEach
    void ownWorkspaceAccountAndPublicBase() {
        String root = base.toString().replaceAll("/+$", "");
        Api.at(base).anonymous().post("/test-support/public-base?url=" + root, "");
        TIKTOK.resetAccount();
        TIKTOK.verifiedPrefix(root + "/media/public/");
        TenantFixture tenant = TenantFixture.create(Api.at(base), "tiktok");
        api = tenant.withNewKey("tiktok", List.of("*"));
        JsonObject started = api.get("/api/external/v1/connections/tiktok/start").json();
        URI authorize = URI.create(started.getString("authorization_url"));
        assertThat(PlatformStub.query(authorize)).containsEntry("client_key", PlatformStub.TIKTOK_CLIENT)
                .containsEntry("scope", "user.info.basic,video.upload,video.publish");
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(authorize).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        account = callback.json().getJsonArray("accounts").getJsonObject(0).getString("id");
    }

    @AfterEach
    void resetPublicBaseAndAccount() {
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        TIKTOK.resetAccount();
    }

    @Test
    void aVideoIsPostedWithTheTargetsOptionsAndTheAccountsSettings() {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 440, 4);
        String media = upload(clip, "video/mp4");
        TIKTOK.account(List.of(PUBLIC, "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), true, 600);
        String text = "A #cat video " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(text, null, List.of(media), Json.createObjectBuilder()
                .add("privacy_level", PUBLIC).add("disable_duet", true).add("brand_organic_toggle", true).add("is_aigc", true)
                .add("video_cover_timestamp_ms", 1500)), Duration.ofSeconds(60));

        TikTokStandIn.Publish publish = publishOf(text);
        assertThat(publish.postInfo).isEqualTo(Json.createObjectBuilder().add("title", text).add("privacy_level", PUBLIC)
                .add("disable_duet", true).add("disable_comment", true).add("disable_stitch", false)
                .add("video_cover_timestamp_ms", 1500).add("brand_content_toggle", false).add("brand_organic_toggle", true)
                .add("is_aigc", true).build());
        assertThat(publish.sourceInfo.getString("source")).isEqualTo("FILE_UPLOAD");
        assertThat(publish.sourceInfo.getJsonNumber("video_size").longValue()).isEqualTo(size(clip));
        assertThat(publish.sourceInfo.getInt("total_chunk_count")).isEqualTo(1);
        assertThat(publish.sha256Hex()).isEqualTo(sha256(clip));
        TikTokStandIn.Post post = postOf(publish);
        assertThat(target.getString("external_id")).isEqualTo(post.postId());
        assertThat(target.getString("platform_url")).isEqualTo("https://www.tiktok.com/@" + TikTokStandIn.USERNAME + "/video/" + post.postId());
    }

    @Test
    void a300MegabyteUploadCutOffHalfwayResumesAndEveryByteArrivesOnce() throws IOException {
        Path big = MediaFixtures.paddedMp4(WORK, "big-" + UUID.randomUUID() + ".mp4", 4, 300 * MB);
        try {
            String media = upload(big, "video/mp4");
            String text = "Three hundred megabytes " + UUID.randomUUID();
            TIKTOK.dropUploadAfterBytes(150 * MB);
            JsonObject target = publishedTarget(publish(text, null, List.of(media), Json.createObjectBuilder()),
                    Duration.ofMinutes(4));

            TikTokStandIn.Publish publish = publishOf(text);
            int chunks = publish.sourceInfo.getInt("total_chunk_count");
            assertThat(chunks).as("32 MB chunks here: floor(300 MB / 32 MB)").isEqualTo(9);
            assertThat(publish.held).isEqualTo(300 * MB);
            assertThat(publish.sha256Hex()).as("every byte arrived once, in order").isEqualTo(sha256(big));
            assertThat(publish.received.get()).as("the cut-off chunk arrived in part, then whole")
                    .isBetween(300 * MB + 1, 300 * MB + 32 * MB);
            assertThat(publish.puts.get()).as("each chunk once, the cut-off one twice").isEqualTo(chunks + 1);
            assertThat(TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null))))
                    .as("one init").hasSize(1);
            assertThat(TIKTOK.posts().stream().filter(p -> p.publishId().equals(publish.publishId))).as("one video").hasSize(1);
            assertThat(target.getString("external_id")).isEqualTo(postOf(publish).postId());
        } finally {
            Files.deleteIfExists(big);
        }
    }

    @Test
    void theLostAnswerOfTheFinalChunkLeavesExactlyOneVideo() {
        Path clip = MediaFixtures.generatedMp4(WORK, "lost-" + UUID.randomUUID() + ".mp4", 660, 4);
        String media = upload(clip, "video/mp4");
        String text = "Final answer lost " + UUID.randomUUID();
        TIKTOK.processingPolls(1);
        TIKTOK.loseFinalChunkAnswerNext();
        publishedTarget(publish(text, null, List.of(media), Json.createObjectBuilder()), Duration.ofSeconds(60));
        List<TikTokStandIn.Publish> inits = TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null))).toList();
        assertThat(inits).as("never initialized again once every byte may be with TikTok").hasSize(1);
        assertThat(inits.get(0).puts.get()).as("the chunk is not even sent again: TikTok said it has every byte").isEqualTo(1);
        assertThat(TIKTOK.posts().stream().filter(p -> p.publishId().equals(inits.get(0).publishId))).hasSize(1);
    }

    @Test
    void anExpiredUploadUrlStartsOverWithANewInitAndOneVideoResults() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "expired-" + UUID.randomUUID() + ".mp4", 1400, 4), "video/mp4");
        String text = "Upload URL expired " + UUID.randomUUID();
        TIKTOK.expireNextUploadUrl();
        publishedTarget(publish(text, null, List.of(media), Json.createObjectBuilder()), Duration.ofSeconds(60));
        List<TikTokStandIn.Publish> inits = TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null))).toList();
        assertThat(inits).as("403 on the first chunk: the upload provably lacks bytes, a new init").hasSize(2);
        assertThat(inits.get(0).held).isZero();
        assertThat(TIKTOK.posts().stream().filter(p -> inits.stream().anyMatch(i -> i.publishId.equals(p.publishId())))).hasSize(1);
    }

    @Test
    void aServerErrorOnTheInitIsTriedAgainAndOneVideoResults() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "init5xx-" + UUID.randomUUID() + ".mp4", 1500, 4), "video/mp4");
        String text = "Init answered 500 " + UUID.randomUUID();
        TIKTOK.serverErrorInitsNext(1);
        publishedTarget(publish(text, null, List.of(media), Json.createObjectBuilder()), Duration.ofSeconds(60));
        assertThat(TIKTOK.posts().stream().filter(p -> p.publishId().equals(publishOf(text).publishId))).hasSize(1);
        assertThat(TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null)))).hasSize(1);
    }

    @Test
    void aPhotoPostIsPulledFromTheItemsSignedPublicUrls() {
        String first = upload(jpeg(), "image/jpeg");
        String second = upload(jpeg(), "image/jpeg");
        String text = "Two photos, a #funny description " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(text, "Funny cat", List.of(first, second),
                Json.createObjectBuilder().add("photo_cover_index", 1)), Duration.ofSeconds(60));

        TikTokStandIn.Publish publish = TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("description", null)))
                .findFirst().orElseThrow();
        assertThat(publish.kind).isEqualTo("photo");
        assertThat(publish.postInfo.getString("title")).isEqualTo("Funny cat");
        assertThat(publish.postInfo.getString("privacy_level")).as("PUBLIC_TO_EVERYONE when offered").isEqualTo(PUBLIC);
        assertThat(publish.sourceInfo.getInt("photo_cover_index")).isEqualTo(1);
        String root = base.toString().replaceAll("/+$", "");
        assertThat(publish.sourceInfo.getJsonArray("photo_images").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .satisfiesExactly(u -> assertThat(u).startsWith(root + "/media/public/" + first + "."),
                        u -> assertThat(u).startsWith(root + "/media/public/" + second + "."));
        assertThat(publish.fetched.split("; ")).hasSize(2).allMatch(f -> f.startsWith("200 image/jpeg "));
        assertThat(target.getString("external_id")).isEqualTo(postOf(publish).postId());
    }

    @Test
    void aPrivacyLevelTheAccountDoesNotOfferFailsWithAClearErrorAndNothingIsSent() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "private-" + UUID.randomUUID() + ".mp4", 770, 4), "video/mp4");
        String text = "Followers only " + UUID.randomUUID();
        String id = publish(text, null, List.of(media), Json.createObjectBuilder().add("privacy_level", "FOLLOWER_OF_CREATOR"));
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(error(id)).contains("privacy_level FOLLOWER_OF_CREATOR is not offered by this TikTok account (it offers"
                + " PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY)");
        assertThat(TIKTOK.publishes()).noneMatch(p -> text.equals(p.postInfo.getString("title", null)));
    }

    @Test
    void aVideoLongerThanTheAccountMayPostIsRefusedSayingSo() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "long-" + UUID.randomUUID() + ".mp4", 880, 4), "video/mp4");
        TIKTOK.account(List.of(PUBLIC, "SELF_ONLY"), false, 3);
        String id = publish("Too long for this account " + UUID.randomUUID(), null, List.of(media), Json.createObjectBuilder());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(error(id)).contains("this TikTok account can post videos of at most 3 s (creator_info max_video_post_duration_sec)");
    }

    @Test
    void processingThatFailedKeepsTheFailReasonAsTheTargetsError() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "fails-" + UUID.randomUUID() + ".mp4", 990, 4), "video/mp4");
        String text = "Bad frame rate " + UUID.randomUUID();
        TIKTOK.failProcessingNext("frame_rate_check_failed");
        String id = publish(text, null, List.of(media), Json.createObjectBuilder());
        Await.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(error(id)).contains("fail_reason frame_rate_check_failed (unsupported frame rate (23 to 60 FPS))");
        assertThat(TIKTOK.posts().stream().filter(p -> p.publishId().equals(publishOf(text).publishId))).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutWithoutSpendingAnAttempt() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "limited-" + UUID.randomUUID() + ".mp4", 1100, 4), "video/mp4");
        String text = "Rate limited " + UUID.randomUUID();
        TIKTOK.rateLimitInitsNext(2);
        String id = publish(text, null, List.of(media), Json.createObjectBuilder());
        publishedTarget(id, Duration.ofSeconds(60));
        JsonObject job = api.get("/api/external/v1/schedule?status=published&limit=200").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(j -> j.getString("post_id").equals(id)).findFirst().orElseThrow();
        assertThat(job.getInt("attempts")).as("two 429s waited out, one attempt").isEqualTo(1);
        assertThat(TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null)))).hasSize(1);
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        String media = upload(MediaFixtures.generatedMp4(WORK, "revoked-" + UUID.randomUUID() + ".mp4", 1200, 4), "video/mp4");
        PlatformStub.instance().revokeAll("tiktok");
        String id = publish("Token revoked " + UUID.randomUUID(), null, List.of(media), Json.createObjectBuilder());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(error(id)).contains("TikTok refused the access token", "access_token_invalid");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
        assertThat(api.get("/api/external/v1/notifications").body()).contains("token_expired");
    }

    @Test
    void postsTikTokCannotTakeAreRefusedBeforeScheduling() {
        String photo = upload(jpeg(), "image/jpeg");
        String video = upload(MediaFixtures.generatedMp4(WORK, "mixed-" + UUID.randomUUID() + ".mp4", 1300, 4), "video/mp4");
        Api.Reply textOnly = api.post("/api/external/v1/posts", body("Just words", null, List.of(), Json.createObjectBuilder()));
        assertThat(textOnly.status()).as(textOnly.toString()).isEqualTo(422);
        assertThat(textOnly.body()).contains("tiktok: a post needs a video or photos (TikTok has no text-only posts)");
        Api.Reply mixed = api.post("/api/external/v1/posts", body("Both", null, List.of(video, photo), Json.createObjectBuilder()));
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(mixed.body()).contains("tiktok: a post is one video or 1 to 35 images, not both");
        Api.Reply cover = api.post("/api/external/v1/posts", body("Cover", null, List.of(photo),
                Json.createObjectBuilder().add("photo_cover_index", 3)));
        assertThat(cover.status()).isEqualTo(422);
        assertThat(cover.body()).contains("photo_cover_index 3 names no photo of the post");
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        Api.Reply noBase = api.post("/api/external/v1/posts", body("Photo without a public base", null, List.of(photo),
                Json.createObjectBuilder()));
        assertThat(noBase.status()).isEqualTo(422);
        assertThat(noBase.body()).contains("tiktok fetches photos by URL: set syndicast.public-url");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String body(String text, String title, List<String> mediaIds, JsonObjectBuilder options) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        JsonObjectBuilder post = Json.createObjectBuilder().add("text", text).add("media", media);
        if (title != null) {
            post.add("title", title);
        }
        return post.add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "tiktok")
                .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString()).add("options", options)))
                .build().toString();
    }

    private String publish(String text, String title, List<String> mediaIds, JsonObjectBuilder options) {
        Api.Reply created = api.post("/api/external/v1/posts", body(text, title, mediaIds, options));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject publishedTarget(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private JsonObject post(String id) {
        return PublishedPosts.post(api, id);
    }

    private String error(String id) {
        return post(id).getJsonArray("targets").getJsonObject(0).getString("error");
    }

    private static TikTokStandIn.Publish publishOf(String text) {
        return TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no init with the caption " + text));
    }

    private static TikTokStandIn.Post postOf(TikTokStandIn.Publish publish) {
        return TIKTOK.posts().stream().filter(p -> p.publishId().equals(publish.publishId)).findFirst()
                .orElseThrow(() -> new AssertionError("no post of " + publish.publishId));
    }

    /** Streams a file into the caller's media library (never whole in memory) and answers the item's id. */
    private String upload(Path file, String type) {
        Api.Reply uploaded = api.send(api.request("/api/external/v1/media/upload").timeout(Duration.ofMinutes(5))
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return MediaFixtures.multipart(file.getFileName().toString(), type, Files.newInputStream(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        return uploaded.json().getJsonObject("item").getString("id");
    }

    /** A small JPEG that differs on every call (the library stores identical files once). */
    private static Path jpeg() {
        try {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0xFF0000);
            image.setRGB(1, 1, UUID.randomUUID().hashCode());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            Files.createDirectories(WORK);
            Path file = WORK.resolve("photo-" + UUID.randomUUID() + ".jpg");
            Files.write(file, out.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return MediaFixtures.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
