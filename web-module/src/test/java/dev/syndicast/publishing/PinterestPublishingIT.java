package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PinterestStandIn;
import dev.syndicast.testsupport.PlatformStub;
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
 * Publishing to Pinterest end to end, against {@link PinterestStandIn} (a strict local Pinterest API v5): an image pin
 * whose bytes go inline, an image Pinterest fetches through its signed public URL, a video uploaded (once dropped and
 * sent again), processed over several polls and pinned, exactly one pin when the connection drops after Pinterest
 * created it, a 429 waited out without spending an attempt, a refusal kept, a revoked token, and posts Pinterest
 * would refuse stopped at creation. Each test has its own workspace and account, connected through the OAuth stand-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PinterestPublishingIT {

    private static final Path WORK = Path.of("target", "pinterest-it").toAbsolutePath();
    private static final PinterestStandIn PINTEREST = PinterestStandIn.instance();

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
        api = TenantFixture.create(Api.at(base), "pins").withNewKey("pins", List.of("*"));
        account = PublishedPosts.connectThroughOAuth(api, "pinterest").getString("id");
        PINTEREST.processingPolls(0);
    }

    @Test
    void anImagePinCarriesItsBytesInlineWithTheBoardTitleDescriptionLinkAndAltText() throws IOException {
        byte[] png = PublishedPosts.png();
        String media = uploadToLibrary("pixel.png", "image/png", png, "A red pixel");
        String description = "A pin " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(description, "Pin title", List.of(media),
                Json.createObjectBuilder().add("board_id", PinterestStandIn.BOARD).add("link", "https://example.com/launch")));
        PinterestStandIn.Pin pin = pinOf(target);
        assertThat(pin.sourceType()).isEqualTo("image_base64");
        assertThat(pin.images()).singleElement().isEqualTo(png);
        assertThat(pin.boardId()).isEqualTo(PinterestStandIn.BOARD);
        assertThat(pin.title()).isEqualTo("Pin title");
        assertThat(pin.description()).isEqualTo(description);
        assertThat(pin.link()).isEqualTo("https://example.com/launch");
        assertThat(pin.altText()).isEqualTo("A red pixel");
        assertThat(target.getString("platform_url")).isEqualTo("https://www.pinterest.com/pin/" + pin.id() + "/");
    }

    @Test
    void withAPublicBaseTheImageIsFetchedByPinterestThroughItsSignedUrl() throws IOException {
        byte[] png = PublishedPosts.png();
        String media = uploadToLibrary("fetched.png", "image/png", png, "Fetched");
        Api.at(base).anonymous().post("/test-support/public-base?url=" + base.toString().replaceAll("/+$", ""), "");
        try {
            PinterestStandIn.Pin pin = pinOf(publishedTarget(publish("Fetched " + UUID.randomUUID(), null, List.of(media), board())));
            assertThat(pin.sourceType()).isEqualTo("image_url");
            assertThat(pin.images()).singleElement().isEqualTo(png);
            assertThat(PINTEREST.fetches()).anyMatch(f -> f.contains("/media/public/" + media + ".") && f.endsWith("200 image/png " + png.length));
        } finally {
            Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        }
    }

    @Test
    void aVideoIsUploadedSentAgainAfterADropProcessedOverSeveralPollsAndPinned() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 440, 4);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), "Test pattern");
        PINTEREST.processingPolls(3);
        PINTEREST.dropUploadNext(1);
        PinterestStandIn.Pin pin = pinOf(publishedTarget(publish("A video " + UUID.randomUUID(), "Clip", List.of(media), board()),
                Duration.ofSeconds(90)));
        assertThat(pin.mediaType()).isEqualTo("video");
        assertThat(pin.sourceType()).isEqualTo("video_id");
        PinterestStandIn.Upload upload = PINTEREST.uploads().get(pin.mediaId());
        assertThat(upload.received).isEqualTo(Files.size(clip));
        assertThat(upload.fileType).isEqualTo("video/mp4");
        assertThat(upload.attempts.get()).as("dropped once, then sent again").isEqualTo(2);
        assertThat(upload.polls.get()).as("three processing, then succeeded").isEqualTo(4);
    }

    @Test
    void aConnectionDroppedAfterPinterestCreatedThePinLeavesExactlyOnePin() throws IOException {
        String media = uploadToLibrary("drop.png", "image/png", PublishedPosts.png(), null);
        String description = "Dropped after create " + UUID.randomUUID();
        PINTEREST.dropAfterCreateNext(1);
        JsonObject target = publishedTarget(publish(description, null, List.of(media), board()));
        assertThat(PINTEREST.pins().stream().filter(p -> description.equals(p.description()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(pinOf(target).id());
        assertThat(PINTEREST.requests()).as("looked up on the board").contains("GET /v5/boards/" + PinterestStandIn.BOARD + "/pins");
    }

    @Test
    void aServerErrorOnThePinCallIsLookedUpBeforeThePinIsSentAgainAndSentOnce() throws IOException {
        String media = uploadToLibrary("fivehundred.png", "image/png", PublishedPosts.png(), null);
        String description = "Server error " + UUID.randomUUID();
        PINTEREST.serverErrorNext(1);
        String id = publish(description, null, List.of(media), board());
        publishedTarget(id);
        assertThat(PINTEREST.pins().stream().filter(p -> description.equals(p.description()))).hasSize(1);
        assertThat(job(id).getInt("checks")).as("asked the board once before sending again").isEqualTo(1);
    }

    @Test
    void aRateLimitIsWaitedOutWithoutSpendingAnAttempt() throws IOException {
        String media = uploadToLibrary("limited.png", "image/png", PublishedPosts.png(), null);
        String description = "Rate limited " + UUID.randomUUID();
        PINTEREST.rateLimitNext(2, 1);
        String id = publish(description, null, List.of(media), board());
        publishedTarget(id);
        assertThat(PINTEREST.pins().stream().filter(p -> description.equals(p.description()))).hasSize(1);
        assertThat(job(id).getInt("attempts")).as("the 429s spent no attempt").isEqualTo(1);
    }

    @Test
    void pinterestsRefusalIsKeptAsTheTargetsError() throws IOException {
        String media = uploadToLibrary("refused.png", "image/png", PublishedPosts.png(), null);
        String id = publish("No such board " + UUID.randomUUID(), null, List.of(media), Json.createObjectBuilder().add("board_id", "1234"));
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("Board not found.");
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() throws IOException {
        String media = uploadToLibrary("revoked.png", "image/png", PublishedPosts.png(), null);
        PlatformStub.instance().revokeAll("pinterest");
        String id = publish("Token revoked " + UUID.randomUUID(), null, List.of(media), board());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    @Test
    void aPinWithoutABoardOrWithoutMediaIsRefusedWhenThePostIsMade() throws IOException {
        String media = uploadToLibrary("noboard.png", "image/png", PublishedPosts.png(), null);
        Api.Reply noBoard = api.post("/api/external/v1/posts", body("No board", null, List.of(media),
                Json.createObjectBuilder().add("link", "https://example.com")));
        assertThat(noBoard.status()).as(noBoard.toString()).isEqualTo(422);
        assertThat(noBoard.body()).contains("board_id is required for pinterest");
        Api.Reply noMedia = api.post("/api/external/v1/posts", body("Text alone", null, List.of(), board()));
        assertThat(noMedia.status()).as(noMedia.toString()).isEqualTo(422);
        assertThat(noMedia.body()).contains("pinterest: a pin needs an image or a video");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonObjectBuilder board() {
        return Json.createObjectBuilder().add("board_id", PinterestStandIn.BOARD);
    }

    private String body(String text, String title, List<String> mediaIds, JsonObjectBuilder options) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        JsonObjectBuilder post = Json.createObjectBuilder().add("text", text).add("media", media);
        if (title != null) {
            post.add("title", title);
        }
        return post.add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "pinterest")
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

    private static PinterestStandIn.Pin pinOf(JsonObject target) {
        return PINTEREST.pins().stream().filter(p -> p.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no pin " + target));
    }

    private JsonObject post(String id) {
        return PublishedPosts.post(api, id);
    }

    private String uploadToLibrary(String name, String type, byte[] content, String altText) {
        return PublishedPosts.uploadToLibrary(api, name, type, content, altText);
    }
}
