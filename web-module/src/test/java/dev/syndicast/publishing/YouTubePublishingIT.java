package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.YouTubeStandIn;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to YouTube end to end, against {@link YouTubeStandIn} (a strict local YouTube Data API v3 with the
 * resumable upload protocol) with a channel connected through the OAuth flow of {@link PlatformStub}: a video with its
 * options and custom thumbnail; a 300 MB upload whose connection drops at about half and that resumes from the byte the
 * stand-in holds, every byte arriving exactly once (SHA-256) in one video; a used-up daily quota that postpones the post,
 * without spending an attempt, to midnight Pacific time and then publishes it; a lost answer to the last chunk that
 * leaves exactly one video; 5xx on chunks resumed; an expired session started over; a thumbnail refusal that keeps the video published in part;
 * YouTube's refusal kept as the target's error; metadata YouTube would refuse refused at validation; a revoked token.
 * Each test has its own workspace and channel connection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class YouTubePublishingIT {

    private static final Path WORK = Path.of("target", "youtube-it").toAbsolutePath();
    private static final YouTubeStandIn YOUTUBE = YouTubeStandIn.instance();
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    /** A ~300 MB upload (a real MP4 padded with an ISO BMFF free box, see {@link #paddedMp4}). */
    private static final long LARGE = 300L * 1000 * 1000;

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api;
    private String account;

    @BeforeEach
    void ownWorkspaceAndChannel() {
        api = TenantFixture.create(Api.at(base), "ytpub").withNewKey("ytpub", List.of("*"));
        URI authorize = URI.create(api.get("/api/external/v1/connections/youtube/start").json().getString("authorization_url"));
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(authorize).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        JsonObject connected = callback.json().getJsonArray("accounts").getJsonObject(0);
        assertThat(connected.getString("platform_account_id")).isEqualTo(PlatformStub.YOUTUBE_CHANNEL_ID);
        account = connected.getString("id");
        YOUTUBE.refuseThumbnails(false);
    }

    @Test
    void aVideoWithItsOptionsAndThumbnailIsUploadedResumablyAndPublished() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-" + UUID.randomUUID() + ".mp4", 440);
        String video = uploadToLibrary("clip.mp4", "video/mp4", Files.readAllBytes(clip));
        byte[] png = PublishedPosts.png();
        String thumbnail = uploadToLibrary("thumb.png", "image/png", png);
        String title = "Launch day " + UUID.randomUUID();
        String text = title + "\nEverything we shipped this week.";
        JsonObjectBuilder options = Json.createObjectBuilder().add("privacy_status", "unlisted").add("category_id", "28")
                .add("tags", Json.createArrayBuilder().add("launch").add("behind the scenes")).add("made_for_kids", true)
                .add("notify_subscribers", false).add("thumbnail_media_id", thumbnail);

        JsonObject target = PublishedPosts.publishedTarget(api, publish(text, null, video, options), Duration.ofSeconds(60));

        YouTubeStandIn.Video published = videoOf(target);
        assertThat(target.getString("platform_url")).isEqualTo("https://www.youtube.com/watch?v=" + published.id());
        JsonObject snippet = published.resource().getJsonObject("snippet");
        assertThat(snippet.getString("title")).as("the text's first line").isEqualTo(title);
        assertThat(snippet.getString("description")).isEqualTo(text);
        assertThat(snippet.getString("categoryId")).isEqualTo("28");
        assertThat(snippet.getJsonArray("tags").toString()).isEqualTo("[\"launch\",\"behind the scenes\"]");
        JsonObject status = published.resource().getJsonObject("status");
        assertThat(status.getString("privacyStatus")).isEqualTo("unlisted");
        assertThat(status.get("selfDeclaredMadeForKids")).isEqualTo(JsonValue.TRUE);
        assertThat(published.notifySubscribers()).isEqualTo("false");
        assertThat(published.size()).isEqualTo(Files.size(clip));
        assertThat(published.sha256()).isEqualTo(MediaFixtures.sha256(Files.newInputStream(clip)));
        assertThat(YOUTUBE.thumbnailOf(published.id())).isEqualTo(new YouTubeStandIn.Thumbnail("image/png", png.length));
    }

    @Test
    void a300MegabyteUploadDroppedAtHalfResumesFromTheByteYouTubeHasAndEveryByteArrivesOnce() {
        Path clip = MediaFixtures.generatedMp4(WORK, "large-" + UUID.randomUUID() + ".mp4", 660);
        String expected = MediaFixtures.sha256(paddedMp4(clip, LARGE));
        Api.Reply uploaded = api.send(api.request("/api/external/v1/media/upload").timeout(Duration.ofMinutes(5))
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("large.mp4", "video/mp4",
                        paddedMp4(clip, LARGE)))));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        JsonObject item = uploaded.json().getJsonObject("item");
        assertThat(item.getJsonNumber("size_bytes").longValue()).isEqualTo(LARGE);
        assertThat(item.getString("type")).as("the library probed a real video").isEqualTo("video");
        long half = 150_000_000L;
        YOUTUBE.dropAtByte(half);

        String title = "Large upload " + UUID.randomUUID();
        JsonObject target = PublishedPosts.publishedTarget(api, publish("The long one", title, item.getString("id"), null),
                Duration.ofMinutes(4));

        YouTubeStandIn.Video video = videoOf(target);
        assertThat(YOUTUBE.videosTitled(title)).as("one video").hasSize(1);
        YouTubeStandIn.Session session = YOUTUBE.session(video.sessionId());
        assertThat(session.drops.get()).as("the connection dropped once, at half").isEqualTo(1);
        assertThat(session.held).isEqualTo(LARGE);
        assertThat(video.sha256()).as("every byte arrived, in order, exactly once").isEqualTo(expected);
        assertThat(session.chunkStarts).as("resumed from the byte YouTube had, not from zero").contains(0L, half)
                .isSorted().doesNotHaveDuplicates();
        assertThat(session.statusQueries.get()).as("asked what YouTube has before resuming").isGreaterThanOrEqualTo(2);
        assertThat(YOUTUBE.sessionsTitled(title)).as("resumed in its session, not started over").hasSize(1);
    }

    @Test
    void aUsedUpQuotaPostponesThePostToMidnightPacificWithoutAnAttemptAndThenPublishes() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "quota-" + UUID.randomUUID() + ".mp4", 770);
        String video = uploadToLibrary("quota.mp4", "video/mp4", Files.readAllBytes(clip));
        Api bootstrap = Api.at(base);
        try {
            // The quota day ends at midnight Pacific time: move the server's clock to 15 s before the next one.
            Instant serverNow = Instant.parse(bootstrap.anonymous().post("/test-support/clock?advance=PT0S", "").json().getString("now"));
            Instant midnight = LocalDate.ofInstant(serverNow, PACIFIC).plusDays(1).atStartOfDay(PACIFIC).toInstant();
            Duration advance = Duration.between(serverNow, midnight).minusSeconds(15);
            Instant movedNow = Instant.parse(bootstrap.anonymous().post("/test-support/clock?advance=" + advance, "").json()
                    .getString("now"));
            // The stand-in's quota day ends with the server's (a second early, so a delivery a few milliseconds ahead of
            // its due time cannot meet a quota that is still used up).
            YOUTUBE.exhaustQuotaUntil(Instant.now().plus(Duration.between(movedNow, midnight)).minusSeconds(1));
            int refusedBefore = YOUTUBE.quotaRefusals();
            String title = "After the quota day " + UUID.randomUUID();
            String id = publishAt(title, title, video, null, movedNow.plusSeconds(1));

            // The job as it went, read until the post is published.
            List<JsonObject> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            Await.await().atMost(Duration.ofSeconds(90)).until(() -> {
                JsonObject job = jobOf(id);
                seen.add(Json.createObjectBuilder(job).add("seen_at", Instant.now().toString()).build());
                return job.getString("status").equals("published");
            });
            assertThat(seen).as(() -> "the job as it went: " + seen + "; the stand-in saw " + YOUTUBE.requests())
                    .anySatisfy(job -> {
                        assertThat(job.getString("status")).isEqualTo("pending");
                        assertThat(job.getString("last_error", "")).contains("quota", "midnight Pacific time");
                        // The wait is YouTube's quota day end as the connector computed it, recorded a moment later.
                        assertThat(Instant.parse(job.getString("run_at", "")))
                                .isBetween(midnight, midnight.plusSeconds(5));
                        assertThat(job.getInt("attempts")).as("waiting out the quota spends no attempt").isZero();
                    });
            assertThat(YOUTUBE.quotaRefusals()).as(() -> "refused sessions; the job as it went: " + seen
                    + "; the stand-in saw " + YOUTUBE.requests()).isEqualTo(refusedBefore + 1);
            JsonObject target = PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0);
            assertThat(videoOf(target).title()).isEqualTo(title);
            assertThat(YOUTUBE.videosTitled(title)).hasSize(1);
            assertThat(jobOf(id).getInt("attempts")).isEqualTo(1);
        } finally {
            bootstrap.anonymous().post("/test-support/clock?reset=true", "");
            YOUTUBE.exhaustQuotaUntil(Instant.MIN);
        }
    }

    @Test
    void aLostAnswerToTheLastChunkLeavesExactlyOneVideo() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "lost-" + UUID.randomUUID() + ".mp4", 880);
        String video = uploadToLibrary("lost.mp4", "video/mp4", Files.readAllBytes(clip));
        String title = "Lost answer " + UUID.randomUUID();
        YOUTUBE.dropLastAnswerNext(1);
        String id = publish("The answer was lost", title, video, null);
        JsonObject target = PublishedPosts.publishedTarget(api, id, Duration.ofSeconds(60));
        YouTubeStandIn.Video published = videoOf(target);
        assertThat(YOUTUBE.videosTitled(title)).as("exactly one video").hasSize(1);
        assertThat(YOUTUBE.sessionsTitled(title)).as("never uploaded again").hasSize(1);
        YouTubeStandIn.Session session = YOUTUBE.session(published.sessionId());
        assertThat(session.statusQueries.get()).as("the session was asked after the lost answer").isGreaterThanOrEqualTo(2);
        assertThat(jobOf(id).getInt("checks")).as("the unknown outcome was looked up").isGreaterThanOrEqualTo(1);
    }

    @Test
    void serverErrorsOnChunksAreResumedFromWhatYouTubeHas() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "flaky-" + UUID.randomUUID() + ".mp4", 990);
        String video = uploadToLibrary("flaky.mp4", "video/mp4", Files.readAllBytes(clip));
        String title = "Flaky backend " + UUID.randomUUID();
        YOUTUBE.failChunksNext(2);
        YouTubeStandIn.Video published = videoOf(PublishedPosts.publishedTarget(api, publish("Flaky", title, video, null),
                Duration.ofSeconds(60)));
        assertThat(published.sha256()).isEqualTo(MediaFixtures.sha256(Files.newInputStream(clip)));
        assertThat(YOUTUBE.videosTitled(title)).hasSize(1);
    }

    @Test
    void anExpiredSessionStartsOverWithANewOneAndStillOneVideo() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "expired-" + UUID.randomUUID() + ".mp4", 770);
        String video = uploadToLibrary("expired.mp4", "video/mp4", Files.readAllBytes(clip));
        String title = "Expired session " + UUID.randomUUID();
        YOUTUBE.expireNextSessionAtByte(0);
        YouTubeStandIn.Video published = videoOf(PublishedPosts.publishedTarget(api, publish("Expired", title, video, null),
                Duration.ofSeconds(60)));
        assertThat(YOUTUBE.sessionsTitled(title)).as("the expired session, then a new one").hasSize(2);
        assertThat(YOUTUBE.videosTitled(title)).hasSize(1);
        assertThat(published.sha256()).isEqualTo(MediaFixtures.sha256(Files.newInputStream(clip)));
    }

    @Test
    void aRefusedThumbnailKeepsTheVideoPublishedAndTellsTheOwner() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "thumb-" + UUID.randomUUID() + ".mp4", 330);
        String video = uploadToLibrary("thumbless.mp4", "video/mp4", Files.readAllBytes(clip));
        String thumbnail = uploadToLibrary("thumb.png", "image/png", PublishedPosts.png());
        YOUTUBE.refuseThumbnails(true);
        String title = "No custom thumbnail " + UUID.randomUUID();
        JsonObject target = PublishedPosts.publishedTarget(api, publish("Unverified channel", title, video,
                Json.createObjectBuilder().add("thumbnail_media_id", thumbnail)), Duration.ofSeconds(60));
        YouTubeStandIn.Video published = videoOf(target);
        assertThat(YOUTUBE.thumbnailOf(published.id())).isNull();
        assertThat(api.get("/api/external/v1/notifications").body()).contains("publish_incomplete",
                "The authenticated user doesn't have permissions to upload and set custom video thumbnails");
    }

    @Test
    void youTubesRefusalIsKeptAsTheTargetsError() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "refused-" + UUID.randomUUID() + ".mp4", 550);
        String video = uploadToLibrary("refused.mp4", "video/mp4", Files.readAllBytes(clip));
        String id = publish("Unknown category", "Refused " + UUID.randomUUID(), video,
                Json.createObjectBuilder().add("category_id", "99"));
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("The snippet.categoryId property specifies an invalid category ID", "invalidCategoryId");
    }

    @Test
    void metadataYouTubeWouldRefuseIsRefusedBeforeTheVideoIsScheduled() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "invalid-" + UUID.randomUUID() + ".mp4", 220);
        String video = uploadToLibrary("invalid.mp4", "video/mp4", Files.readAllBytes(clip));
        Api.Reply longLine = create("x".repeat(101) + "\nrest", null, video, null);
        assertThat(longLine.status()).as(longLine.toString()).isEqualTo(422);
        assertThat(longLine.body()).contains("targets[0].text", "the video's title (the text's first line, as the post has no"
                + " title) has 101 characters; the limit is 100");
        Api.Reply markup = create("Plain text", "A <b>bold</b> title", video, null);
        assertThat(markup.status()).isEqualTo(422);
        assertThat(markup.body()).contains("targets[0].title", "the video's title may not contain < or >");
        Api.Reply noVideo = create("Just words", "Words", null, null);
        assertThat(noVideo.status()).isEqualTo(422);
        assertThat(noVideo.body()).contains("targets[0].media", "a YouTube post is one video; the post has none");
        Api.Reply thumbnail = create("Thumb", "Thumb", video, Json.createObjectBuilder().add("thumbnail_media_id", video));
        assertThat(thumbnail.status()).isEqualTo(422);
        assertThat(thumbnail.body()).contains("options.thumbnail_media_id must name a JPEG or PNG image");
    }

    @Test
    void aRevokedTokenFailsThePostAndAsksForTheChannelToBeReconnected() throws IOException {
        Path clip = MediaFixtures.generatedMp4(WORK, "revoked-" + UUID.randomUUID() + ".mp4", 660);
        String video = uploadToLibrary("revoked.mp4", "video/mp4", Files.readAllBytes(clip));
        PlatformStub.instance().revokeAll("youtube");
        String id = publish("Token revoked", "Revoked " + UUID.randomUUID(), video, null);
        Await.untilAsserted(() -> assertThat(PublishedPosts.post(api, id).getString("status")).isEqualTo("failed"));
        assertThat(PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0).getString("error"))
                .contains("YouTube refused the access token");
        assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status")).isEqualTo("token_expired");
        assertThat(api.get("/api/external/v1/notifications").body()).contains("token_expired");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String publish(String text, String title, String mediaId, JsonObjectBuilder options) {
        return publishAt(text, title, mediaId, options, Instant.now().plusSeconds(1));
    }

    private String publishAt(String text, String title, String mediaId, JsonObjectBuilder options, Instant at) {
        Api.Reply created = create(text, title, mediaId, options, at);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private Api.Reply create(String text, String title, String mediaId, JsonObjectBuilder options) {
        return create(text, title, mediaId, options, Instant.now().plusSeconds(1));
    }

    private Api.Reply create(String text, String title, String mediaId, JsonObjectBuilder options, Instant at) {
        JsonArrayBuilder media = Json.createArrayBuilder();
        if (mediaId != null) {
            media.add(Json.createObjectBuilder().add("media_id", mediaId));
        }
        JsonObjectBuilder target = Json.createObjectBuilder().add("platform", "youtube").add("account_id", account)
                .add("scheduled_at", at.toString());
        if (options != null) {
            target.add("options", options);
        }
        JsonObjectBuilder post = Json.createObjectBuilder().add("text", text).add("media", media);
        if (title != null) {
            post.add("title", title);
        }
        return api.post("/api/external/v1/posts", post.add("targets", Json.createArrayBuilder().add(target)).build().toString());
    }

    /** The post's publish job, from the schedule route. */
    private JsonObject jobOf(String postId) {
        return api.get("/api/external/v1/schedule?limit=200").json().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(j -> j.getString("post_id").equals(postId)).findFirst()
                .orElseThrow(() -> new AssertionError("no job for post " + postId));
    }

    private static YouTubeStandIn.Video videoOf(JsonObject target) {
        return YOUTUBE.videos().stream().filter(v -> v.id().equals(target.getString("external_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no video " + target));
    }

    private String uploadToLibrary(String name, String type, byte[] content) {
        return PublishedPosts.uploadToLibrary(api, name, type, content, null);
    }

    /**
     * {@code size} bytes that are a real MP4: the clip, then one top-level {@code free} box (ISO/IEC 14496-12: a box
     * whose contents are ignored) filling the rest with a pseudo-random pattern that never repeats at a short period,
     * so bytes sent at a wrong offset would change the checksum. The library probes the clip as it is; the file is
     * streamed, never held in memory.
     */
    static InputStream paddedMp4(Path clip, long size) {
        try {
            byte[] head = Files.readAllBytes(clip);
            long box = size - head.length;
            if (box < 8 || box > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a free box of " + box + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate(8).putInt((int) box).put("free".getBytes(StandardCharsets.US_ASCII));
            return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
                    new ByteArrayInputStream(header.array())), new Pattern(box - 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cheap deterministic stream: each 8 bytes are SplitMix64 of their index. */
    private static final class Pattern extends InputStream {
        private final long size;
        private long position;
        private long wordIndex = -1;
        private long word;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                if (p >>> 3 != wordIndex) {
                    wordIndex = p >>> 3;
                    word = mix(wordIndex);
                }
                b[off + i] = (byte) (word >>> ((p & 7) * 8));
            }
            position += n;
            return n;
        }

        private static long mix(long index) {
            long z = index * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
