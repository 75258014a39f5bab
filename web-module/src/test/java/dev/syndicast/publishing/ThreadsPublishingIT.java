package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.ThreadsStandIn;
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

import java.io.IOException;
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
 * Publishing to Threads end to end, against {@link ThreadsStandIn} (a strict local Threads API that fetches media by
 * URL as Meta does): text, an image fetched through its signed public URL, a video Threads processes over several
 * polls, a carousel, a thread posted as replies, exactly one thread when the connection drops after publishing, a
 * used-up quota waited out, a refusal kept, a revoked token, a refused bad media URL, and a thread posted after the
 * login's short-lived token ran out (the long-lived token it was exchanged for is used). Each test has its own
 * workspace and account, connected through the OAuth stand-in ({@code PlatformStub}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThreadsPublishingIT {

    private static final Path WORK = Path.of("target", "threads-it").toAbsolutePath();
    private static final ThreadsStandIn THREADS = ThreadsStandIn.instance();

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
        Api.at(base).anonymous().post("/test-support/public-base?url=" + base.toString().replaceAll("/+$", ""), "");
        TenantFixture tenant = TenantFixture.create(Api.at(base), "threads");
        api = tenant.withNewKey("threads", List.of("*"));
        JsonObject started = api.get("/api/external/v1/connections/threads/start").json();
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(URI.create(started.getString("authorization_url"))).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        account = callback.json().getJsonArray("accounts").getJsonObject(0).getString("id");
        THREADS.videoPolls(0);
    }

    @AfterEach
    void resetPublicBase() {
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        PlatformStub.instance().resetMetaTokens();
    }

    @Test
    void aThreadPostedAfterTheLoginsShortLivedTokenRanOutPublishesWithTheLongLivedToken() {
        PlatformStub stub = PlatformStub.instance();
        List<String> shortLived = stub.issuedTokens().stream().filter(t -> t.startsWith("sl-threads-")).toList();
        assertThat(shortLived).isNotEmpty();
        assertThat(stub.grantTypes()).contains("threads:th_exchange_token");

        stub.advanceClock(Duration.ofHours(2));
        assertThat(stub.accepts("threads", shortLived.get(shortLived.size() - 1))).as("the login's token lives an hour").isFalse();

        String text = "Two hours after connecting " + UUID.randomUUID();
        assertThat(threadOf(publishedTarget(publish(text, List.of(), List.of()))).text()).isEqualTo(text);
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("active");
    }

    @Test
    void aTextPostBecomesOneThreadWithItsPermalink() {
        String text = "Hello Threads " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(text, List.of(), List.of()));
        ThreadsStandIn.Thread thread = threadOf(target);
        assertThat(thread.text()).isEqualTo(text);
        assertThat(thread.mediaType()).isEqualTo("TEXT");
        assertThat(target.getString("platform_url")).isEqualTo(thread.permalink());
    }

    @Test
    void anImageIsFetchedByThreadsThroughItsSignedPublicUrl() throws IOException {
        byte[] png = png();
        String media = uploadToLibrary("pixel.png", "image/png", png, "A red pixel");
        ThreadsStandIn.Thread thread = threadOf(publishedTarget(publish("An image " + UUID.randomUUID(), List.of(media), List.of())));
        assertThat(thread.mediaType()).isEqualTo("IMAGE");
        ThreadsStandIn.Container container = THREADS.container(thread.containerId());
        assertThat(container.form.get("image_url")).startsWith(base.toString().replaceAll("/+$", "") + "/media/public/" + media + ".");
        assertThat(container.form.get("alt_text")).isEqualTo("A red pixel");
        assertThat(container.fetchedType).isEqualTo("image/png");
        assertThat(container.fetchedSize).isEqualTo(png.length);

        // The URL is signed: Threads (here the stand-in's own fetch) is refused a tampered one.
        String tampered = container.form.get("image_url").replace(media, UUID.randomUUID().toString());
        Api.Reply refused = Api.at(base).anonymous().send(HttpRequest.newBuilder(URI.create(tampered)).GET());
        assertThat(refused.status()).isEqualTo(404);
    }

    @Test
    void aVideoThreadsProcessesOverSeveralPollsIsPublishedOnceFinished() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 330);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), "Test pattern");
        THREADS.videoPolls(3);
        ThreadsStandIn.Thread thread = threadOf(publishedTarget(publish("A video " + UUID.randomUUID(), List.of(media), List.of()),
                Duration.ofSeconds(60)));
        ThreadsStandIn.Container container = THREADS.container(thread.containerId());
        assertThat(thread.mediaType()).isEqualTo("VIDEO");
        assertThat(container.fetchedType).isEqualTo("video/mp4");
        assertThat(container.fetchedSize).isEqualTo(Files.size(clip));
        assertThat(container.polls.get()).as("three IN_PROGRESS, then FINISHED").isEqualTo(4);
    }

    @Test
    void twoImagesBecomeACarouselAndThreadPartsReplies() throws IOException {
        String first = uploadToLibrary("a.png", "image/png", png(), "A");
        String second = uploadToLibrary("b.png", "image/png", png(), "B");
        String text = "Carousel thread " + UUID.randomUUID();
        JsonObject target = publishedTarget(publish(text, List.of(first, second), List.of(text + " part two", text + " part three")));
        List<ThreadsStandIn.Thread> thread = THREADS.threads().stream().filter(t -> t.text() != null && t.text().startsWith(text)).toList();
        assertThat(thread).extracting(ThreadsStandIn.Thread::text).containsExactly(text, text + " part two", text + " part three");
        assertThat(thread.get(0).mediaType()).isEqualTo("CAROUSEL");
        assertThat(thread.get(0).id()).isEqualTo(target.getString("external_id"));
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).replyTo()).isEqualTo(thread.get(1).id());
    }

    @Test
    void aConnectionDroppedAfterPublishingLeavesExactlyOneThread() {
        String text = "Dropped after publish " + UUID.randomUUID();
        THREADS.dropAfterPublishNext();
        JsonObject target = publishedTarget(publish(text, List.of(), List.of()));
        assertThat(THREADS.threads().stream().filter(t -> text.equals(t.text()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(threadOf(target).id());
        assertThat(target.getString("platform_url")).isEqualTo(threadOf(target).permalink());
        assertThat(THREADS.requests()).as("looked up through the stored container")
                .contains("GET /v1.0/" + threadOf(target).containerId(), "GET /v1.0/" + ThreadsStandIn.USER_ID + "/threads");
    }

    @Test
    void aUsedUpQuotaIsWaitedOutWithoutSpendingAnAttempt() {
        String text = "Over quota " + UUID.randomUUID();
        THREADS.quotaTotal(0);
        long checksBefore = limitChecks();
        String id;
        try {
            id = publish(text, List.of(), List.of());
            // Asked, told to wait (PT2S here), asked again: the job waits without failing.
            Await.await().atMost(Duration.ofSeconds(30)).until(() -> limitChecks() >= checksBefore + 3);
            assertThat(post(id).getString("status")).isNotEqualTo("failed");
            assertThat(THREADS.threads().stream().filter(t -> text.equals(t.text()))).isEmpty();
        } finally {
            THREADS.quotaTotal(250);
        }
        publishedTarget(id);
        assertThat(THREADS.threads().stream().filter(t -> text.equals(t.text()))).hasSize(1);
    }

    @Test
    void threadsRefusalIsKeptAndNothingIsSentAgain() {
        THREADS.maxCharacters(20);
        try {
            String id = publish("Longer than Threads allows here " + UUID.randomUUID(), List.of(), List.of());
            Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
            assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error"))
                    .contains("Param text must be at most 20 characters long");
        } finally {
            THREADS.maxCharacters(500);
        }
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        String id;
        THREADS.revoke(true);
        try {
            id = publish("Token revoked " + UUID.randomUUID(), List.of(), List.of());
            Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        } finally {
            THREADS.revoke(false);
        }
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
    }

    @Test
    void libraryMediaIsRefusedAtValidationWithoutAPublicBase() throws IOException {
        String media = uploadToLibrary("c.png", "image/png", png(), "C");
        Api.at(base).anonymous().post("/test-support/public-base?reset=true", "");
        Api.Reply refused = api.post("/api/external/v1/posts", body("No base", List.of(media), List.of()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("syndicast.public-url");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static long limitChecks() {
        return THREADS.requests().stream().filter(r -> r.endsWith("/threads_publishing_limit")).count();
    }

    private String body(String text, List<String> mediaIds, List<String> parts) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        JsonArrayBuilder thread = Json.createArrayBuilder();
        parts.forEach(thread::add);
        return Json.createObjectBuilder().add("text", text).add("media", media).add("thread_parts", thread)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "threads")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())))
                .build().toString();
    }

    private String publish(String text, List<String> mediaIds, List<String> parts) {
        Api.Reply created = api.post("/api/external/v1/posts", body(text, mediaIds, parts));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private JsonObject publishedTarget(String id) {
        return publishedTarget(id, Await.DEFAULT_TIMEOUT);
    }

    private JsonObject publishedTarget(String id, Duration within) {
        return PublishedPosts.publishedTarget(api, id, within);
    }

    private static ThreadsStandIn.Thread threadOf(JsonObject target) {
        return THREADS.threads().stream().filter(t -> t.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + target));
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
