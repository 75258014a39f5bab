package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.MetaGraphStandIn;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to Instagram and Facebook Pages end to end, against {@link MetaGraphStandIn} (a strict local Graph API
 * that fetches media by URL as Meta does). Instagram: a reel, an image with its alt text and the target's options, a
 * carousel, a used-up quota waited out and published when it frees, exactly one post when the connection drops after
 * {@code media_publish}, containers that fail or expire made again, media Instagram refuses kept as the error, a
 * revoked token. Facebook: a text post with a link, a photo, several photos, a video through the Resumable Upload API
 * resumed after a dropped transfer, exactly one post when the feed call's answer is lost, Page throttling waited out.
 * Each test has its own workspace and account, connected through the OAuth stand-in ({@code PlatformStub}), which hands
 * out Meta's short-lived login tokens: posts made after they ran out publish with the long-lived Instagram token and
 * the Page token read with the long-lived user token.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetaPublishingIT {

    private static final Path WORK = Path.of("target", "meta-it").toAbsolutePath();
    private static final MetaGraphStandIn META = MetaGraphStandIn.instance();

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String instagram;
    private String facebook;

    @BeforeEach
    void ownWorkspaceAccountsAndPublicBase() {
        Api.at(base).anonymous().post("/test-support/public-base?url=" + base.toString().replaceAll("/+$", ""), "");
        TenantFixture tenant = TenantFixture.create(Api.at(base), "meta");
        api = tenant.withNewKey("meta", List.of("*"));
        instagram = callback("instagram").json().getJsonArray("accounts").getJsonObject(0).getString("id");
        Api.Reply saved = api.put("/api/external/v1/settings/platform-oauth/facebook",
                "{\"client_id\":\"" + PlatformStub.FACEBOOK_CLIENT + "\",\"client_secret\":\"" + PlatformStub.FACEBOOK_SECRET + "\"}");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        String nonce = callback("facebook").json().getString("nonce");
        Api.Reply confirmed = api.post("/api/external/v1/accounts/confirm", "{\"nonce\":\"" + nonce + "\",\"selections\":[{\"index\":0}]}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        facebook = confirmed.json().getJsonArray("account_ids").getString(0);
        META.videoPolls(0);
    }

    private Api.Reply callback(String platform) {
        JsonObject started = api.get("/api/external/v1/connections/" + platform + "/start").json();
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(URI.create(started.getString("authorization_url"))).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        return callback;
    }

    @AfterEach
    void resetPublicBase() {
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        PlatformStub.instance().resetMetaTokens();
    }

    // ---- Long-lived tokens ------------------------------------------------------------------------------------------

    @Test
    void anInstagramPostAfterTheLoginsShortLivedTokenRanOutPublishesWithTheLongLivedToken() throws IOException {
        PlatformStub stub = PlatformStub.instance();
        String shortLived = latest("sl-instagram-");
        String media = PublishedPosts.uploadToLibrary(api, "late.jpg", "image/jpeg", jpeg(), "Late");

        stub.advanceClock(Duration.ofHours(2));
        assertThat(stub.accepts("instagram", shortLived)).as("the login's token lives an hour").isFalse();

        String caption = "Two hours after connecting " + UUID.randomUUID();
        published(publish("instagram", instagram, caption, List.of(media), null));
        assertThat(postsWith(caption)).hasSize(1);
        assertThat(api.get("/api/external/v1/accounts/" + instagram).json().getString("status")).isEqualTo("active");
    }

    @Test
    void aFacebookPageTokenReadWithTheLongLivedUserTokenOutlivesBothUserTokens() {
        PlatformStub stub = PlatformStub.instance();
        String shortLived = latest("sl-facebook-");
        String longLived = latest("ll-facebook-");

        stub.advanceClock(Duration.ofDays(61));
        assertThat(stub.accepts("facebook", shortLived)).isFalse();
        assertThat(stub.accepts("facebook", longLived)).as("the long-lived user token lives 60 days").isFalse();

        String message = "Sixty-one days on " + UUID.randomUUID();
        published(publish("facebook", facebook, message, List.of(), null));
        assertThat(postsWith(message)).hasSize(1);
    }

    /** The newest token the OAuth stand-in issued with this prefix (the accounts were connected just before the test). */
    private static String latest(String prefix) {
        List<String> issued = PlatformStub.instance().issuedTokens().stream().filter(t -> t.startsWith(prefix)).toList();
        assertThat(issued).as(prefix).isNotEmpty();
        return issued.get(issued.size() - 1);
    }

    // ---- Instagram --------------------------------------------------------------------------------------------------

    @Test
    void aReelIsFetchedProcessedOverSeveralPollsAndPublishedWithItsOptions() throws IOException {
        String media = video("reel");
        META.videoPolls(2);
        String caption = "A reel " + UUID.randomUUID();
        JsonObject target = published(publish("instagram", instagram, caption, List.of(media),
                Json.createObjectBuilder().add("share_to_feed", false).add("thumb_offset", 1000)), Duration.ofSeconds(60));
        MetaGraphStandIn.Post post = post(target);
        MetaGraphStandIn.Container container = META.container(post.containerId());
        assertThat(post.kind()).isEqualTo("REELS");
        assertThat(post.text()).isEqualTo(caption);
        assertThat(container.form).containsEntry("share_to_feed", "false").containsEntry("thumb_offset", "1000");
        assertThat(container.form.get("video_url")).startsWith(base.toString().replaceAll("/+$", "") + "/media/public/");
        assertThat(container.fetchedType).isEqualTo("video/mp4");
        assertThat(container.polls.get()).as("two IN_PROGRESS, then FINISHED").isEqualTo(3);
        assertThat(target.getString("platform_url")).isEqualTo(post.permalink());
    }

    @Test
    void anImageGoesWithItsAltTextCollaboratorsAndLocation() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "photo.jpg", "image/jpeg", jpeg(), "A red square");
        String caption = "An image " + UUID.randomUUID();
        MetaGraphStandIn.Post post = post(published(publish("instagram", instagram, caption, List.of(media),
                Json.createObjectBuilder().add("collaborators", Json.createArrayBuilder().add("grace").add("@alan"))
                        .add("location_id", "7640348500"))));
        MetaGraphStandIn.Container container = META.container(post.containerId());
        assertThat(container.form).containsEntry("alt_text", "A red square").containsEntry("collaborators", "[\"grace\",\"alan\"]")
                .containsEntry("location_id", "7640348500").doesNotContainKey("media_type");
        assertThat(container.fetchedType).isEqualTo("image/jpeg");
    }

    @Test
    void twoImagesAndAVideoBecomeOneCarousel() throws IOException {
        List<String> media = List.of(PublishedPosts.uploadToLibrary(api, "a.jpg", "image/jpeg", jpeg(), "A"),
                PublishedPosts.uploadToLibrary(api, "b.jpg", "image/jpeg", jpeg(), "B"), video("item"));
        String caption = "A carousel " + UUID.randomUUID();
        MetaGraphStandIn.Post post = post(published(publish("instagram", instagram, caption, media, null), Duration.ofSeconds(60)));
        assertThat(post.kind()).isEqualTo("CAROUSEL");
        assertThat(post.media()).hasSize(3);
        assertThat(post.media()).allSatisfy(child -> assertThat(META.container(child).form).containsEntry("is_carousel_item", "true")
                .doesNotContainKey("caption"));
        assertThat(META.container(post.media().get(2)).form).containsEntry("media_type", "VIDEO");
        assertThat(META.container(post.media().get(0)).form).containsEntry("alt_text", "A");
    }

    @Test
    void aUsedUpQuotaPostponesThePostWithoutSpendingAnAttemptUntilItFrees() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "q.jpg", "image/jpeg", jpeg(), "Q");
        String caption = "Over quota " + UUID.randomUUID();
        META.quotaTotal((int) META.instagramPostsToday());
        String id;
        try {
            long before = limitChecks();
            id = publish("instagram", instagram, caption, List.of(media), null);
            // Asked, told to wait (PT2S here), asked again: the job waits without failing and without publishing.
            Await.await().atMost(Duration.ofSeconds(40)).until(() -> limitChecks() >= before + 3);
            assertThat(PublishedPosts.post(api, id).getString("status")).isNotEqualTo("failed");
            assertThat(postsWith(caption)).isEmpty();
        } finally {
            META.quotaTotal(100);
        }
        published(id);
        assertThat(postsWith(caption)).hasSize(1);
    }

    @Test
    void aConnectionDroppedAfterMediaPublishLeavesExactlyOnePost() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "d.jpg", "image/jpeg", jpeg(), "D");
        String caption = "Dropped after publish " + UUID.randomUUID();
        META.dropAfterCreateNext();
        JsonObject target = published(publish("instagram", instagram, caption, List.of(media), null));
        assertThat(postsWith(caption)).hasSize(1);
        MetaGraphStandIn.Post post = post(target);
        assertThat(target.getString("platform_url")).isEqualTo(post.permalink());
        assertThat(META.requests()).as("looked up through the stored container")
                .contains("GET /instagram/" + post.containerId(), "GET /instagram/" + MetaGraphStandIn.IG_USER_ID + "/media");
    }

    @Test
    void aContainerThatFailsOrExpiresIsMadeAgainButMediaInstagramRefusesIsKeptAsTheError() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "e.jpg", "image/jpeg", jpeg(), "E");
        String caption = "Failed once " + UUID.randomUUID();
        META.failNextContainer("Error: Media upload has failed with error code 2207053");
        published(publish("instagram", instagram, caption, List.of(media), null));
        assertThat(containersWith(caption)).extracting(c -> c.status).containsExactly("ERROR", "PUBLISHED");

        String expiring = "Expired once " + UUID.randomUUID();
        META.expireNextContainer();
        published(publish("instagram", instagram, expiring, List.of(media), null));
        assertThat(containersWith(expiring)).extracting(c -> c.status).containsExactly("EXPIRED", "PUBLISHED");

        String refused = "Refused " + UUID.randomUUID();
        META.failNextContainer("Error: Media upload has failed with error code 2207026");
        String id = publish("instagram", instagram, refused, List.of(media), null);
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("2207026");
        assertThat(containersWith(refused)).hasSize(1);
        assertThat(postsWith(refused)).isEmpty();
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "r.jpg", "image/jpeg", jpeg(), "R");
        String id;
        META.revoke(true);
        try {
            id = publish("instagram", instagram, "Token revoked " + UUID.randomUUID(), List.of(media), null);
            Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        } finally {
            META.revoke(false);
        }
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + instagram).json().getString("status")).isEqualTo("token_expired");
    }

    @Test
    void textOnlyIsRefusedForInstagramAtValidation() {
        Api.Reply refused = api.post("/api/external/v1/posts", body("instagram", instagram, "Just words", List.of(), null));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("instagram: a post needs an image or a video");
    }

    // ---- Facebook ---------------------------------------------------------------------------------------------------

    @Test
    void aTextPostWithItsLinkGoesToThePagesFeed() {
        String message = "Hello Page " + UUID.randomUUID();
        JsonObject target = published(publish("facebook", facebook, message, List.of(),
                Json.createObjectBuilder().add("link", "https://syndicast.example/news")));
        MetaGraphStandIn.Post post = post(target);
        assertThat(post.owner()).isEqualTo("page-1");
        assertThat(post.kind()).isEqualTo("status");
        assertThat(post.containerId()).as("the link").isEqualTo("https://syndicast.example/news");
        assertThat(target.getString("platform_url")).isEqualTo(post.permalink());
    }

    @Test
    void aPhotoIsFetchedByUrlAndSeveralPhotosAreAttachedToOnePost() throws IOException {
        String one = "One photo " + UUID.randomUUID();
        MetaGraphStandIn.Post photo = post(published(publish("facebook", facebook, one,
                List.of(PublishedPosts.uploadToLibrary(api, "f.png", "image/png", PublishedPosts.png(), "F")), null)));
        assertThat(photo.kind()).isEqualTo("photo");
        assertThat(photo.text()).isEqualTo(one);

        String two = "Two photos " + UUID.randomUUID();
        MetaGraphStandIn.Post photos = post(published(publish("facebook", facebook, two,
                List.of(PublishedPosts.uploadToLibrary(api, "g.png", "image/png", PublishedPosts.png(), "G"),
                        PublishedPosts.uploadToLibrary(api, "h.jpg", "image/jpeg", jpeg(), "H")), null)));
        assertThat(photos.kind()).isEqualTo("photos");
        assertThat(photos.media()).hasSize(2);
    }

    @Test
    void aVideoUploadDroppedHalfwayIsResumedFromTheOffsetFacebookReports() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "fb-" + UUID.randomUUID() + ".mp4", 550, 2);
        byte[] bytes = Files.readAllBytes(clip);
        String media = PublishedPosts.uploadToLibrary(api, "clip.mp4", "video/mp4", bytes, "Tone");
        META.dropUploadAfter(bytes.length / 2);
        META.videoPolls(2);
        String description = "A video " + UUID.randomUUID();
        JsonObject target = published(publish("facebook", facebook, description, List.of(media), null), Duration.ofSeconds(60));
        MetaGraphStandIn.Post post = post(target);
        assertThat(post.kind()).isEqualTo("video");
        MetaGraphStandIn.Upload upload = META.upload(post.containerId());
        assertThat(upload.transfers.get()).as("the first transfer dropped, the second resumed").isEqualTo(2);
        assertThat(Arrays.equals(upload.received.toByteArray(), bytes)).as("the bytes arrived once, in order").isTrue();
        assertThat(META.video(post.id()).form).containsEntry("description", description);
        assertThat(META.requests()).contains("GET /facebook/" + upload.id);
        assertThat(postsWith(description)).hasSize(1);
        assertThat(target.getString("platform_url")).isEqualTo(post.permalink());
    }

    @Test
    void aFeedPostWhoseAnswerIsLostIsFoundByItsMessageAndMadeOnce() {
        String message = "Lost answer " + UUID.randomUUID();
        META.dropAfterCreateNext();
        JsonObject target = published(publish("facebook", facebook, message, List.of(), null));
        assertThat(postsWith(message)).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(postsWith(message).get(0).id());
        assertThat(META.requests()).contains("GET /facebook/page-1/published_posts");
    }

    @Test
    void pageThrottlingIsWaitedOutWithoutSpendingAnAttempt() {
        String message = "Throttled " + UUID.randomUUID();
        META.throttle(1);
        published(publish("facebook", facebook, message, List.of(), null));
        assertThat(postsWith(message)).hasSize(1);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private static long limitChecks() {
        return META.requests().stream().filter(r -> r.endsWith("/content_publishing_limit")).count();
    }

    private static List<MetaGraphStandIn.Post> postsWith(String text) {
        return META.posts().stream().filter(p -> text.equals(p.text())).toList();
    }

    private static List<MetaGraphStandIn.Container> containersWith(String caption) {
        return META.containers().stream().filter(c -> caption.equals(c.form.get("caption")))
                .sorted((a, b) -> Long.compare(Long.parseLong(a.id), Long.parseLong(b.id))).toList();
    }

    private String video(String name) throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, name + "-" + UUID.randomUUID() + ".mp4", 330, 4);
        return PublishedPosts.uploadToLibrary(api, name + ".mp4", "video/mp4", Files.readAllBytes(clip), "Test pattern");
    }

    private String body(String platform, String account, String text, List<String> mediaIds, jakarta.json.JsonObjectBuilder options) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        var target = Json.createObjectBuilder().add("platform", platform).add("account_id", account)
                .add("scheduled_at", Instant.now().plusSeconds(1).toString());
        if (options != null) {
            target.add("options", options);
        }
        return Json.createObjectBuilder().add("text", text).add("media", media)
                .add("targets", Json.createArrayBuilder().add(target)).build().toString();
    }

    private String publish(String platform, String account, String text, List<String> mediaIds, jakarta.json.JsonObjectBuilder options) {
        Api.Reply created = api.post("/api/external/v1/posts", body(platform, account, text, mediaIds, options));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject published(String id) {
        return published(id, Await.DEFAULT_TIMEOUT);
    }

    private JsonObject published(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private static MetaGraphStandIn.Post post(JsonObject target) {
        return META.posts().stream().filter(p -> p.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + target));
    }

    /** A small JPEG that differs on every call (Instagram takes JPEG only). */
    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 1, UUID.randomUUID().hashCode() & 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
