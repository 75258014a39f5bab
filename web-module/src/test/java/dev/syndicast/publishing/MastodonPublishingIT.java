package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.MastodonStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
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
 * Publishing to Mastodon end to end, against {@link MastodonStandIn} (a strict local instance): text, an image with
 * its alt text, a video the instance processes over several polls (each poll a durable step through the dispatcher),
 * exactly one status when the connection drops after the instance created it, a thread posted as chained replies
 * even when one part's answer is lost, a 429 waited out, a refusal kept, and a revoked token that marks the account for reconnecting. Each test has its own workspace, account and stand-in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MastodonPublishingIT {

    private static final Path WORK = Path.of("target", "mastodon-it").toAbsolutePath();
    private static final MastodonStandIn INSTANCE = new MastodonStandIn();

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String account;

    @AfterAll
    static void stopInstance() {
        INSTANCE.close();
    }

    @BeforeEach
    void ownWorkspaceAndAccount() {
        api = TenantFixture.create(Api.at(base), "masto").withNewKey("masto", List.of("*"));
        Api.Reply connected = api.post("/api/external/v1/connections/mastodon", """
                {"instance_url":"%s","access_token":"%s"}""".formatted(INSTANCE.baseUrl(), MastodonStandIn.TOKEN));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        account = connected.json().getString("id");
        INSTANCE.processingPolls(0);
    }

    @Test
    void aTextPostBecomesOneStatusWithItsIdAndPublicUrl() {
        String id = publish("Hello from Syndicast " + UUID.randomUUID() + " https://example.com/launch", List.of());
        JsonObject target = publishedTarget(id);
        MastodonStandIn.Status status = statusOf(target);
        assertThat(status.text()).startsWith("Hello from Syndicast");
        assertThat(status.idempotencyKey()).startsWith("syn-");
        assertThat(target.getString("platform_url")).isEqualTo(INSTANCE.baseUrl() + "/@ada/" + status.id());
    }

    @Test
    void anImageIsUploadedWithItsAltTextAndAttached() throws IOException {
        String media = uploadToLibrary("pixel.png", "image/png", png(), "A single red pixel");
        String id = publish("An image " + UUID.randomUUID(), List.of(media));
        MastodonStandIn.Status status = statusOf(publishedTarget(id));
        assertThat(status.mediaIds()).hasSize(1);
        MastodonStandIn.Media attached = INSTANCE.media().get(status.mediaIds().get(0));
        assertThat(attached.description).isEqualTo("A single red pixel");
        assertThat(attached.contentType).isEqualTo("image/png");
        assertThat(attached.fileName).isEqualTo("pixel.png");
    }

    @Test
    void aVideoTheInstanceProcessesOverSeveralPollsIsPostedOnceProcessed() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 330);
        String media = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip), "Test pattern");
        INSTANCE.processingPolls(3);
        String id = publish("A video " + UUID.randomUUID(), List.of(media));
        MastodonStandIn.Status status = statusOf(publishedTarget(id, Duration.ofSeconds(60)));
        MastodonStandIn.Media video = INSTANCE.media().get(status.mediaIds().get(0));
        assertThat(video.contentType).isEqualTo("video/mp4");
        assertThat(video.size).isEqualTo(Files.size(clip));
        assertThat(video.polls.get()).as("polled until processed: three 206, then 200").isEqualTo(4);
        assertThat(INSTANCE.media().values().stream().filter(m -> "Test pattern".equals(m.description)
                && m.size == video.size)).as("uploaded once").hasSize(1);
    }

    @Test
    void aConnectionDroppedAfterTheInstanceCreatedTheStatusLeavesExactlyOneStatus() {
        String text = "Dropped after create " + UUID.randomUUID();
        INSTANCE.dropAfterCreateNext(1);
        String id = publish(text, List.of());
        JsonObject target = publishedTarget(id);
        assertThat(INSTANCE.statuses().stream().filter(s -> text.equals(s.text()))).hasSize(1);
        assertThat(target.getString("external_id")).isEqualTo(statusOf(target).id());
        assertThat(INSTANCE.keyBodyMismatches()).isZero();
    }

    @Test
    void aThreadIsPostedAsRepliesInOrderExactlyOnceEvenWhenAPartsAnswerIsLost() {
        String text = "Thread " + UUID.randomUUID();
        INSTANCE.dropAfterCreateOfNextReply();
        String id = publishThread(text, List.of(text + " part two", text + " part three"));
        JsonObject target = publishedTarget(id);
        List<MastodonStandIn.Status> thread = INSTANCE.statuses().stream()
                .filter(s -> s.text() != null && s.text().startsWith(text)).toList();
        assertThat(thread).extracting(MastodonStandIn.Status::text)
                .containsExactly(text, text + " part two", text + " part three");
        assertThat(thread.get(0).id()).isEqualTo(target.getString("external_id"));
        assertThat(thread.get(0).inReplyTo()).isNull();
        assertThat(thread.get(1).inReplyTo()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).inReplyTo()).isEqualTo(thread.get(1).id());
        assertThat(thread).extracting(MastodonStandIn.Status::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownOutcomeAfterA5xxIsLookedUpThenSentOnceWithTheSameKey() {
        String text = "After a 503 " + UUID.randomUUID();
        INSTANCE.failNext("statuses", 1);
        String id = publish(text, List.of());
        publishedTarget(id);
        assertThat(INSTANCE.statuses().stream().filter(s -> text.equals(s.text()))).hasSize(1);
        assertThat(INSTANCE.requests()).contains("GET /api/v1/accounts/" + MastodonStandIn.ACCOUNT_ID + "/statuses");
    }

    @Test
    void aStatusCallThatTimesOutWhileTheInstanceStillCreatesItLeavesExactlyOneStatus() {
        String text = "Stalled " + UUID.randomUUID();
        // The server gives up after 3 s; the instance handles the call after 5 s all the same.
        INSTANCE.stallNext(1, Duration.ofSeconds(5));
        String id = publish(text, List.of());
        publishedTarget(id);
        Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> INSTANCE.statuses().stream().filter(s -> text.equals(s.text())).count() == 1);
    }

    @Test
    void aRateLimitIsWaitedOutWithoutSpendingAnAttempt() {
        String text = "Rate limited " + UUID.randomUUID();
        INSTANCE.rateLimitNext("statuses", 5, Duration.ofSeconds(2));
        String id = publish(text, List.of());
        publishedTarget(id);
        assertThat(INSTANCE.statuses().stream().filter(s -> text.equals(s.text()))).hasSize(1);
    }

    @Test
    void theInstancesRefusalIsKeptAndNothingIsSentAgain() {
        INSTANCE.maxCharacters(20);
        try {
            String id = publish("Longer than this instance allows " + UUID.randomUUID(), List.of());
            Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
            assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error"))
                    .contains("Validation failed: Text character limit of 20 exceeded");
        } finally {
            INSTANCE.maxCharacters(500);
        }
    }

    @Test
    void theCharacterLimitIsTheInstancesOwnReadWhenTheAccountConnects() {
        String text = "Longer than 500 " + UUID.randomUUID() + " " + "m".repeat(500);
        Api.Reply refused = create(Json.createObjectBuilder().add("text", text));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().getString("detail"))
                .isEqualTo("mastodon: content exceeds platform character limit (" + text.length() + " characters, each URL counted as 23; the limit is 500)");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("platform_meta"))
                .isEqualTo("{\"instance\":{\"max_characters\":500,\"max_media_attachments\":4}}");

        INSTANCE.maxCharacters(5000);
        try {
            // Connecting again reads the instance's limits again.
            Api.Reply reconnected = api.post("/api/external/v1/connections/mastodon", """
                    {"instance_url":"%s","access_token":"%s"}""".formatted(INSTANCE.baseUrl(), MastodonStandIn.TOKEN));
            assertThat(reconnected.status()).as(reconnected.toString()).isEqualTo(201);
            assertThat(reconnected.json().getString("id")).isEqualTo(account);
            Api.Reply accepted = create(Json.createObjectBuilder().add("text", text));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
            publishedTarget(accepted.json().getString("id"));
            assertThat(INSTANCE.statuses().stream().filter(s -> text.equals(s.text()))).hasSize(1);
        } finally {
            INSTANCE.maxCharacters(500);
        }
    }

    @Test
    void thePostsLanguageIsTheStatusLanguageAndAPostWithoutOneSendsNone() {
        String text = "Olá " + UUID.randomUUID();
        Api.Reply created = create(Json.createObjectBuilder().add("text", text).add("language", "pt-br"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("language")).isEqualTo("pt-BR");
        publishedTarget(created.json().getString("id"));
        String plain = "No language " + UUID.randomUUID();
        publishedTarget(publish(plain, List.of()));

        assertThat(INSTANCE.statuses().stream().filter(s -> text.equals(s.text())).map(MastodonStandIn.Status::language))
                .containsExactly("pt-BR");
        assertThat(INSTANCE.statuses().stream().filter(s -> plain.equals(s.text())).map(MastodonStandIn.Status::language))
                .containsExactly((String) null);

        Api.Reply bad = create(Json.createObjectBuilder().add("text", "Bad tag").add("language", "en_US"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("language");
        assertThat(bad.json().getString("detail")).startsWith("language must be a BCP 47 language tag such as en or pt-BR (got 'en_US'");
    }

    @Test
    void theTargetsVisibilityAndContentWarningGoWithEveryStatusOfTheThread() {
        String text = "Behind a warning " + UUID.randomUUID();
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text)
                .add("thread_parts", Json.createArrayBuilder().add(text + " part two"))
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "mastodon")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())
                        .add("options", Json.createObjectBuilder().add("visibility", "unlisted").add("spoiler_text", "Plot details"))))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        publishedTarget(created.json().getString("id"));

        List<MastodonStandIn.Status> thread = INSTANCE.statuses().stream().filter(s -> s.text().startsWith(text)).toList();
        assertThat(thread).hasSize(2).allSatisfy(status -> {
            assertThat(status.params().get("visibility")).containsExactly("unlisted");
            assertThat(status.params().get("spoiler_text")).containsExactly("Plot details");
        });
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheAccountToBeReconnected() {
        String id;
        INSTANCE.revokeToken();
        try {
            id = publish("Token revoked " + UUID.randomUUID(), List.of());
            Await.untilAsserted(() -> assertThat(post(id).getString("status")).isEqualTo("failed"));
        } finally {
            INSTANCE.restoreToken();
        }
        assertThat(post(id).getJsonArray("targets").getJsonObject(0).getString("error")).contains("refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
        assertThat(api.get("/api/external/v1/notifications").body()).contains("token_expired", account);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String publish(String text, List<String> mediaIds) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        mediaIds.forEach(m -> media.add(Json.createObjectBuilder().add("media_id", m)));
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text).add("media", media)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "mastodon")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    /** Creates a post of {@code body} with one Mastodon target due in a second. */
    private Api.Reply create(jakarta.json.JsonObjectBuilder body) {
        return api.post("/api/external/v1/posts", body.add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("platform", "mastodon").add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())))
                .build().toString());
    }

    private String publishThread(String text, List<String> parts) {
        JsonArrayBuilder thread = Json.createArrayBuilder();
        parts.forEach(thread::add);
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text)
                .add("thread_parts", thread)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "mastodon")
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

    private static MastodonStandIn.Status statusOf(JsonObject target) {
        return INSTANCE.statuses().stream().filter(s -> s.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no status " + target));
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
