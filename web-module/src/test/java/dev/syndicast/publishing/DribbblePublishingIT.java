package dev.syndicast.publishing;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.DribbbleStandIn;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to Dribbble end to end, against {@link DribbbleStandIn} (a strict local API v2) with an account connected
 * through the OAuth flow of {@link PlatformStub}: an image becomes a shot that Dribbble processes over several polls
 * (each a durable step), exactly one shot when the connection drops after Dribbble created it, an image of the wrong
 * size refused with a 422 when the post is made, a 429 waited out, Dribbble's refusal kept, and a revoked token (which
 * Dribbble cannot refresh) marking the account for reconnecting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DribbblePublishingIT {

    private static final DribbbleStandIn DRIBBBLE = DribbbleStandIn.instance();

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
        api = TenantFixture.create(Api.at(base), "dribbblepub").withNewKey("dribbblepub", List.of("*"));
        account = PublishedPosts.connectThroughOAuth(api, "dribbble").getString("id");
        DRIBBBLE.processingPolls(0);
    }

    @AfterEach
    void noFaultsLeft() {
        DRIBBBLE.processingPolls(0);
        DRIBBBLE.dropAfterCreateNext(0);
        DRIBBBLE.rateLimitNext(0, 0);
    }

    @Test
    void anImageBecomesAShotPublishedOnceDribbbleProcessedIt() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "shot.png", "image/png", png(800, 600), null);
        DRIBBBLE.processingPolls(3);
        String title = "Dashboard " + UUID.randomUUID();
        JsonObject target = PublishedPosts.publishedTarget(api, publish(title, "Dark mode concept #ui #darkmode", media,
                Json.createObjectBuilder().add("low_profile", true).add("team_id", "39")), java.time.Duration.ofSeconds(60));
        DribbbleStandIn.Shot shot = shotOf(target);
        assertThat(shot.title()).isEqualTo(title);
        assertThat(shot.form.field("description")).isEqualTo("Dark mode concept #ui #darkmode");
        assertThat(shot.form.all("tags[]")).containsExactly("ui", "darkmode");
        assertThat(shot.form.field("low_profile")).isEqualTo("true");
        assertThat(shot.form.field("team_id")).isEqualTo("39");
        assertThat(shot.width).isEqualTo(800);
        assertThat(shot.polls.get()).as("three 404s while processing, then 200").isEqualTo(4);
        assertThat(target.getString("platform_url")).isEqualTo(shot.htmlUrl());
    }

    @Test
    void aConnectionDroppedAfterDribbbleCreatedTheShotLeavesExactlyOneShot() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "drop.png", "image/png", png(400, 300), null);
        String title = "Dropped " + UUID.randomUUID();
        DRIBBBLE.dropAfterCreateNext(1);
        JsonObject target = PublishedPosts.publishedTarget(api, publish(title, "once", media, null), java.time.Duration.ofSeconds(60));
        assertThat(DRIBBBLE.shots().stream().filter(s -> title.equals(s.title()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(shotOf(target).id);
        assertThat(DRIBBBLE.requests()).contains("GET /v2/user/shots");
    }

    @Test
    void anImageOfAnotherSizeIsRefusedWhenThePostIsMade() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "big.png", "image/png", png(1600, 1200), null);
        String title = "Too big " + UUID.randomUUID();
        Api.Reply refused = api.post("/api/external/v1/posts", body(title, "x", media, null));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("targets[0].media[0].dimensions",
                "dribbble: image is 1600x1200; Dribbble takes exactly 400x300 or 800x600 pixels");
        assertThat(api.get("/api/external/v1/posts?limit=100").body()).doesNotContain(title);
    }

    @Test
    void aRateLimitIsWaitedOutUntilTheReset() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "limit.png", "image/png", png(400, 300), null);
        String title = "Limited " + UUID.randomUUID();
        DRIBBBLE.rateLimitNext(2, 2);
        PublishedPosts.publishedTarget(api, publish(title, "x", media, null), java.time.Duration.ofSeconds(60));
        assertThat(DRIBBBLE.shots().stream().filter(s -> title.equals(s.title()))).hasSize(1);
    }

    @Test
    void dribbblesRefusalIsKeptAsTheTargetsError() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "team.png", "image/png", png(400, 300), null);
        String id = publish("Not my team " + UUID.randomUUID(), "x", media, Json.createObjectBuilder().add("team_id", "7"));
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .isEqualTo("Dribbble refused the shot upload: Validation failed. team_id is not a team you are a member of");
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() throws IOException {
        String media = PublishedPosts.uploadToLibrary(api, "revoked.png", "image/png", png(400, 300), null);
        PlatformStub.instance().revokeAll("dribbble");
        String id = publish("Revoked " + UUID.randomUUID(), "x", media, null);
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("Dribbble refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String publish(String title, String text, String media, JsonObjectBuilder options) {
        Api.Reply created = api.post("/api/external/v1/posts", body(title, text, media, options));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private String body(String title, String text, String media, JsonObjectBuilder options) {
        JsonObjectBuilder target = Json.createObjectBuilder().add("platform", "dribbble").add("account_id", account)
                .add("scheduled_at", Instant.now().plusSeconds(1).toString());
        if (options != null) {
            target.add("options", options);
        }
        return Json.createObjectBuilder().add("title", title).add("text", text)
                .add("media", Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media)))
                .add("targets", Json.createArrayBuilder().add(target)).build().toString();
    }

    private static DribbbleStandIn.Shot shotOf(JsonObject target) {
        return DRIBBBLE.shots().stream().filter(s -> s.id.equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no shot " + target));
    }

    /** A PNG of the given size that differs on every call (the library stores identical files once). */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, UUID.randomUUID().hashCode());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
