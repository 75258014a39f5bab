package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.SnapchatStandIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * Publishing to a Snapchat Public Profile end to end, against {@link SnapchatStandIn} (which decrypts what it
 * receives) with an account connected through the OAuth flow of {@link PlatformStub}: a video story and a Spotlight
 * whose decrypted bytes equal the library file (uploaded in several encrypted parts, each a durable step), exactly one
 * story when the connection drops after Snap created it, a story that cannot be looked up waiting instead of being
 * posted again, and a revoked token marking the account for reconnecting.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SnapchatPublishingIT {

    private static final Path WORK = Path.of("target", "snapchat-it").toAbsolutePath();
    private static final SnapchatStandIn SNAP = SnapchatStandIn.instance();
    private static byte[] clip;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String account;

    @BeforeAll
    static void oneClip() throws IOException {
        // Snapchat's registry entry asks for 5-60 s of video; 6 s of the test pattern is a few 64 KiB parts.
        clip = Files.readAllBytes(MediaFixtures.generatedMp4(WORK, "snap-" + UUID.randomUUID() + ".mp4", 440, 6));
    }

    @BeforeEach
    void ownWorkspaceAndAccount() {
        api = TenantFixture.create(Api.at(base), "snappub").withNewKey("snappub", List.of("*"));
        JsonObject connected = PublishedPosts.connectThroughOAuth(api, "snapchat");
        account = connected.getString("id");
    }

    @AfterEach
    void noFaultsLeft() {
        SNAP.dropAfterCreateNext(0);
        SNAP.listingsNameMedia(true);
    }

    @Test
    void aVideoStoryDecryptsToTheLibraryFile() {
        String media = uploadClip("story.mp4");
        JsonObject target = PublishedPosts.publishedTarget(api, publish("Story " + UUID.randomUUID(), media, null), Duration.ofSeconds(90));
        SnapchatStandIn.Post story = postOf(target);
        assertThat(story.collection()).isEqualTo("stories");
        assertThat(story.profile()).isEqualTo(PlatformStub.SNAPCHAT_PROFILE_ID);
        SnapchatStandIn.Media received = SNAP.media(story.media());
        assertThat(received.type).isEqualTo("VIDEO");
        assertThat(received.parts.size()).as("encrypted in parts of 64 KiB").isEqualTo(((uploaded.length / 16 + 1) * 16 + 65_535) / 65_536);
        assertThat(received.parts.size()).isGreaterThan(1);
        assertThat(received.plain).isEqualTo(uploaded);
    }

    @Test
    void aSpotlightTakesTheVideoAndTheTextAsItsDescription() {
        String media = uploadClip("spotlight.mp4");
        String text = "Spotlight " + UUID.randomUUID() + " #engines";
        JsonObject target = PublishedPosts.publishedTarget(api, publish(text, media,
                Json.createObjectBuilder().add("post_type", "spotlight")), Duration.ofSeconds(90));
        SnapchatStandIn.Post spotlight = postOf(target);
        assertThat(spotlight.collection()).isEqualTo("spotlights");
        assertThat(spotlight.body().getString("description")).isEqualTo(text);
        assertThat(SNAP.media(spotlight.media()).plain).isEqualTo(uploaded);
    }

    @Test
    void aConnectionDroppedAfterSnapCreatedTheStoryLeavesExactlyOneStory() {
        String media = uploadClip("dropped.mp4");
        SNAP.dropAfterCreateNext(1);
        JsonObject target = PublishedPosts.publishedTarget(api, publish("Dropped " + UUID.randomUUID(), media, null),
                Duration.ofSeconds(90));
        SnapchatStandIn.Post story = postOf(target);
        assertThat(SNAP.posts().stream().filter(p -> p.media().equals(story.media()))).hasSize(1);
        assertThat(SNAP.requests()).contains("GET /v1/public_profiles/" + PlatformStub.SNAPCHAT_PROFILE_ID + "/stories");
    }

    @Test
    void aStoryThatCannotBeLookedUpIsNeverPostedTwice() {
        String media = uploadClip("untold.mp4");
        SNAP.dropAfterCreateNext(1);
        SNAP.listingsNameMedia(false);
        int before = SNAP.posts().size();
        String id = publish("Untold " + UUID.randomUUID(), media, null);
        Await.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error", ""))
                .contains("could not be asked", "does not say which media"));
        assertThat(PublishedPosts.post(api, id).getString("status")).isNotEqualTo("failed");
        assertThat(SNAP.posts().size()).isEqualTo(before + 1);
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        String media = uploadClip("revoked.mp4");
        PlatformStub.instance().revokeAll("snapchat");
        String id = publish("Revoked " + UUID.randomUUID(), media, null);
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("Snapchat refused the access token", "renewing the token was refused");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The clip with a few bytes of its own after the end, so the library does not take it for the same file. */
    private String uploadClip(String name) {
        byte[] tail = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        uploaded = java.util.Arrays.copyOf(clip, clip.length + tail.length);
        System.arraycopy(tail, 0, uploaded, clip.length, tail.length);
        return PublishedPosts.uploadToLibrary(api, name, "video/mp4", uploaded, null);
    }

    private byte[] uploaded;

    private String publish(String text, String media, JsonObjectBuilder options) {
        JsonObjectBuilder target = Json.createObjectBuilder().add("platform", "snapchat").add("account_id", account)
                .add("scheduled_at", Instant.now().plusSeconds(1).toString());
        if (options != null) {
            target.add("options", options);
        }
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text)
                .add("media", Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media)))
                .add("targets", Json.createArrayBuilder().add(target)).build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private static SnapchatStandIn.Post postOf(JsonObject target) {
        return SNAP.posts().stream().filter(p -> p.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Snapchat post " + target));
    }
}
