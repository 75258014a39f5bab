package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.LinkedInStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
 * Publishing to LinkedIn end to end, against {@link LinkedInStandIn} (a strict local LinkedIn REST API): text escaped
 * for the little text format, images, a video sent in parts and processed over several polls (each a durable step),
 * exactly one post when the connection drops after LinkedIn created it or a 500 leaves it unknown (no idempotency key:
 * the post is looked up before anything is sent again),
 * a thread refused at validation, a 429 waited out, a refusal kept, and a revoked token that marks the account for
 * reconnecting. Each test has its own workspace and account, connected through the OAuth stand-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LinkedInPublishingIT {

    private static final Path WORK = Path.of("target", "linkedin-it").toAbsolutePath();
    private static final LinkedInStandIn LINKEDIN = LinkedInStandIn.instance();

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
        api = TenantFixture.create(Api.at(base), "lnkd").withNewKey("lnkd", List.of("*"));
        account = PublishedPosts.connectThroughOAuth(api, "linkedin").getString("id");
        LINKEDIN.processingPolls(0);
        LINKEDIN.partSize(4 * 1024 * 1024);
    }

    @Test
    void aTextPostIsEscapedSoLinkedInShowsAllOfIt() {
        String text = "Launch (beta) [v2] {x} <y> @team #news *bold* _it_ ~s~ a|b \\ " + UUID.randomUUID();
        String id = publish(text, List.of());
        JsonObject target = publishedTarget(id);
        LinkedInStandIn.Post post = postOf(target);
        assertThat(post.shown()).as("nothing cut at a reserved character").isEqualTo(text);
        assertThat(post.author()).isEqualTo("urn:li:person:li-4711");
        assertThat(target.getString("platform_url")).isEqualTo("https://www.linkedin.com/feed/update/" + post.id() + "/");
    }

    @Test
    void imagesAreUploadedAndPostedAsAMultiImagePost() throws IOException {
        String first = uploadToLibrary("a.png", "image/png", png(), "First");
        String second = uploadToLibrary("b.png", "image/png", png(), "Second");
        String id = publish("Two images " + UUID.randomUUID(), List.of(first, second));
        LinkedInStandIn.Post post = postOf(publishedTarget(id));
        assertThat(post.media()).hasSize(2).allSatisfy(urn -> assertThat(LINKEDIN.images()).containsKey(urn));
        assertThat(post.body().toString()).contains("\"altText\":\"First\"", "\"altText\":\"Second\"");
    }

    @Test
    void aVideoIsSentInPartsAndPostedOnceLinkedInProcessedIt() throws Exception {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 330, 4);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), "Test pattern");
        LINKEDIN.partSize((int) Math.max(1024, Files.size(clip) / 3));
        LINKEDIN.processingPolls(3);
        String id = publish("A video " + UUID.randomUUID(), List.of(media));
        LinkedInStandIn.Post post = postOf(publishedTarget(id, Duration.ofSeconds(90)));
        LinkedInStandIn.Video video = LINKEDIN.videos().get(post.media().get(0));
        assertThat(video.size).isEqualTo(Files.size(clip));
        assertThat(video.parts.size()).isGreaterThanOrEqualTo(3);
        assertThat(video.puts.values()).as("each part sent once").allMatch(n -> n == 1);
        byte[] bytes = Files.readAllBytes(clip);
        for (int i = 0; i < video.parts.size(); i++) {
            long[] range = video.parts.get(i);
            assertThat(video.digests.get(i)).as("part %d holds its byte range", i).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOfRange(bytes, (int) range[0], (int) range[1] + 1))));
        }
        assertThat(video.polls.get()).as("three PROCESSING, then AVAILABLE").isEqualTo(4);
    }

    @Test
    void aConnectionDroppedAfterLinkedInCreatedThePostLeavesExactlyOnePost() {
        String text = "Dropped after create " + UUID.randomUUID();
        LINKEDIN.dropAfterCreateNext(1);
        String id = publish(text, List.of());
        JsonObject target = publishedTarget(id);
        assertThat(LINKEDIN.posts().stream().filter(p -> text.equals(p.shown()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(postOf(target).id());
        assertThat(LINKEDIN.requests()).anyMatch(r -> r.startsWith("GET /rest/posts?author="));
    }

    @Test
    void aServerErrorOnThePostIsLookedUpBeforeThePostIsSentAgain() {
        String text = "After a 500 " + UUID.randomUUID();
        LINKEDIN.failNext("posts", 1);
        int before = LINKEDIN.requests().size();
        String id = publish(text, List.of());
        publishedTarget(id);
        assertThat(LINKEDIN.posts().stream().filter(p -> text.equals(p.shown()))).hasSize(1);
        List<String> all = LINKEDIN.requests();
        List<String> calls = all.subList(before, all.size()).stream()
                .filter(r -> r.startsWith("POST /rest/posts") || r.startsWith("GET /rest/posts")).toList();
        int firstPost = calls.indexOf("POST /rest/posts");
        int secondPost = calls.lastIndexOf("POST /rest/posts");
        assertThat(secondPost).isGreaterThan(firstPost);
        assertThat(calls.subList(firstPost, secondPost)).as("a lookup between the 500 and the resend")
                .anyMatch(r -> r.startsWith("GET /rest/posts?author="));
    }

    @Test
    void aThreadIsRefusedAtValidationNamingTheRule() {
        Api.Reply refused = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", "Thread")
                .add("thread_parts", Json.createArrayBuilder().add("part two"))
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "linkedin")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(60).toString())))
                .build().toString());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("thread_parts").contains("does not support threads");
    }

    @Test
    void aRateLimitIsWaitedOut() {
        // LinkedIn sends no reset header; the wait is until the daily reset, so the job is only seen waiting here.
        String text = "Rate limited " + UUID.randomUUID();
        LINKEDIN.rateLimitNext("posts", 1);
        String id = publish(text, List.of());
        Await.untilAsserted(() -> assertThat(LINKEDIN.requests()).anyMatch(r -> r.equals("POST /rest/posts")));
        Await.untilAsserted(() -> assertThat(post(id).toString()).contains("HTTP 429"));
        assertThat(post(id).getString("status")).isNotEqualTo("failed");
        assertThat(LINKEDIN.posts().stream().filter(p -> text.equals(p.shown()))).isEmpty();
    }

    @Test
    void linkedInsRefusalIsKeptAsTheError() {
        LINKEDIN.refuseNext(1);
        String id = publish("Said before " + UUID.randomUUID(), List.of());
        Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("Content is a duplicate of urn:li:share:1");
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        String id;
        LINKEDIN.revokeTokens(true);
        try {
            id = publish("Token revoked " + UUID.randomUUID(), List.of());
            Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        } finally {
            LINKEDIN.revokeTokens(false);
        }
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String publish(String text, List<String> mediaIds) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text).add("media", media)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "linkedin")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject publishedTarget(String id) {
        return publishedTarget(id, Await.DEFAULT_TIMEOUT);
    }

    private JsonObject publishedTarget(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private static LinkedInStandIn.Post postOf(JsonObject target) {
        return LINKEDIN.posts().stream().filter(p -> p.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + target));
    }

    private JsonObject post(String id) {
        return PublishedPosts.post(api, id);
    }

    private String uploadToLibrary(String name, String type, byte[] content, String altText) {
        return PublishedPosts.uploadToLibrary(api, name, type, content, altText);
    }

    private static byte[] png() throws IOException {
        return PublishedPosts.png();
    }
}
