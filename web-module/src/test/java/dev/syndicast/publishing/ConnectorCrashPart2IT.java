package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.MetaGraphStandIn;
import dev.syndicast.testsupport.PinterestStandIn;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.ServerProcess;
import dev.syndicast.testsupport.Stall;
import dev.syndicast.testsupport.TikTokStandIn;
import dev.syndicast.testsupport.YouTubeStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a crash for the video platforms: {@code bin/syndicast} is killed with SIGKILL while ten
 * publishes are in flight, two per platform, and after the restart each post exists exactly once on its platform. One
 * server start, one kill and one restart cover all ten, as in {@link ConnectorCrashIT}.
 * <ul>
 *   <li><b>Killed mid-upload</b>: YouTube has taken the second 256 KiB chunk of a resumable session and holds its
 *   answer; TikTok holds the second (last) chunk of an 11 MB upload unread; Facebook's Resumable Upload API holds a
 *   transfer after 32 KiB; Pinterest's upload URL holds the file unread. After the restart YouTube and Facebook go on
 *   from the byte the platform has (every byte taken once), TikTok from the chunk it has (one init), and Pinterest
 *   ends with one pin of a whole upload. Instagram uploads nothing itself (Meta fetches {@code video_url}), so its two
 *   cases are the ones below.</li>
 *   <li><b>Killed while the platform processes</b>: a TikTok publish in PROCESSING_UPLOAD, an Instagram reel container
 *   IN_PROGRESS, a Facebook video processing, a Pinterest video processing, each polled at least once. After the
 *   restart the job polls the id it stored (one init, container, video, upload) instead of starting over.</li>
 *   <li><b>Killed while the publish call is in flight after the platform created the post</b>: YouTube's last chunk
 *   created the video and its answer is held; Instagram's media_publish published the image and its answer is held.
 *   After the restart the job finds the post (the session's status, the account's media) and sends nothing again.</li>
 * </ul>
 * The stand-ins show when each call is at its stall point; nothing here sleeps.
 */
class ConnectorCrashPart2IT {

    private static final Path WORK = Path.of("target", "connector-crash-part2-it").toAbsolutePath();
    private static final YouTubeStandIn YOUTUBE = YouTubeStandIn.instance();
    private static final TikTokStandIn TIKTOK = TikTokStandIn.instance();
    private static final MetaGraphStandIn META = MetaGraphStandIn.instance();
    private static final PinterestStandIn PINTEREST = PinterestStandIn.instance();
    private static final long MB = 1024L * 1024L;
    private static final int YOUTUBE_CHUNK = YouTubeStandIn.CHUNK_UNIT;
    private static final long TIKTOK_CHUNK = 5 * MB;
    private static final long FACEBOOK_HELD_AT = 32 * 1024;
    private static final String ALT = "Crash test pattern";

    private final List<Stall> stalls = new ArrayList<>();
    private ServerProcess server;

    @AfterEach
    void stop() {
        stalls.forEach(Stall::release);
        if (server != null) {
            server.kill();
        }
        TIKTOK.resetAccount();
        META.finishProcessing();
        PINTEREST.finishProcessing();
    }

    @Test
    void eachVideoPostIsOnItsPlatformExactlyOnceAfterAKillMidUploadMidProcessingAndMidPublish() throws Exception {
        long began = System.nanoTime();
        TIKTOK.resetAccount();
        server = ServerProcess.start("syndicast_test_connector_crash_part2", ConnectorCrashPart2IT::environment);
        Api api = Api.at(server.url());
        long started = System.nanoTime();

        String youtube = PublishedPosts.connectThroughOAuth(api, "youtube").getString("id");
        String tiktok = PublishedPosts.connectThroughOAuth(api, "tiktok").getString("id");
        String instagram = PublishedPosts.connectThroughOAuth(api, "instagram").getString("id");
        String facebook = facebookPage(api);
        String pinterest = PublishedPosts.connectThroughOAuth(api, "pinterest").getString("id");

        String run = UUID.randomUUID().toString().substring(0, 8);
        Path clip = MediaFixtures.generatedMp4(WORK, "crash-" + run + ".mp4", 550, 4);
        // YouTube: three chunks of 256 KiB (the last shorter), so the kill falls between the second and the third.
        Path youtubeClip = MediaFixtures.paddedMp4(WORK, "crash-yt-" + run + ".mp4", 4, 2L * YOUTUBE_CHUNK + 40_000);
        // TikTok: 5 MB chunks and about 11 MB, so two chunks (the last one takes the rest).
        Path tiktokClip = MediaFixtures.paddedMp4(WORK, "crash-tt-" + run + ".mp4", 4, 11 * MB);
        String video = PublishedPosts.uploadToLibrary(api, "crash.mp4", "video/mp4", Files.readAllBytes(clip), ALT);
        String youtubeVideo = PublishedPosts.uploadToLibrary(api, "crash-yt.mp4", "video/mp4", Files.readAllBytes(youtubeClip), ALT);
        String tiktokVideo = PublishedPosts.uploadToLibrary(api, "crash-tt.mp4", "video/mp4", Files.readAllBytes(tiktokClip), ALT);
        String image = PublishedPosts.uploadToLibrary(api, "crash.jpg", "image/jpeg", jpeg(), "A red square");

        // The stall points: a held chunk, transfer or upload; processing that does not end; an answer held after the create.
        TIKTOK.processingPolls(1_000_000);
        META.videoPolls(1_000_000);
        PINTEREST.processingPolls(1_000_000);
        Stall youtubeChunk = stall(YOUTUBE.stallChunkAt(YOUTUBE_CHUNK));
        Stall youtubeAnswer = stall(YOUTUBE.stallAnswerAfterCreate());
        Stall tiktokChunk = stall(TIKTOK.stallChunk(1));
        Stall instagramAnswer = stall(META.stallAnswerAfterPublish());
        Stall facebookTransfer = stall(META.stallTransferAfter(FACEBOOK_HELD_AT));
        Stall pinterestUpload = stall(PINTEREST.stallUpload());

        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> posts = new LinkedHashMap<>();
        JsonObjectBuilder none = Json.createObjectBuilder();
        schedule(api, texts, posts, run, "youtube upload", "youtube", youtube, youtubeVideo, none);
        schedule(api, texts, posts, run, "youtube publish", "youtube", youtube, video, none);
        schedule(api, texts, posts, run, "tiktok upload", "tiktok", tiktok, tiktokVideo, none);
        schedule(api, texts, posts, run, "tiktok processing", "tiktok", tiktok, video, none);
        schedule(api, texts, posts, run, "instagram processing", "instagram", instagram, video, none);
        schedule(api, texts, posts, run, "instagram publish", "instagram", instagram, image, none);
        schedule(api, texts, posts, run, "facebook upload", "facebook", facebook, video, none);
        schedule(api, texts, posts, run, "pinterest upload", "pinterest", pinterest, video,
                Json.createObjectBuilder().add("board_id", PinterestStandIn.BOARD));
        // Facebook's transfers and Pinterest's uploads say nothing of their post: the second upload of each starts
        // only once the first is held, so the held one is the upload case's.
        Await.await().atMost(Duration.ofSeconds(90)).until(() -> facebookTransfer.reached() && pinterestUpload.reached());
        schedule(api, texts, posts, run, "facebook processing", "facebook", facebook, video, none);
        schedule(api, texts, posts, run, "pinterest processing", "pinterest", pinterest, video,
                Json.createObjectBuilder().add("board_id", PinterestStandIn.BOARD));

        Map<String, Callable<Boolean>> atStall = new LinkedHashMap<>();
        atStall.put("youtube upload: second chunk taken, answer held", youtubeChunk::reached);
        atStall.put("youtube publish: video created, answer held", youtubeAnswer::reached);
        atStall.put("tiktok upload: second chunk held", tiktokChunk::reached);
        atStall.put("tiktok processing: PROCESSING_UPLOAD, polled", () -> tiktokPublishes(texts.get("tiktok processing")).stream()
                .anyMatch(p -> p.polls.get() >= 1));
        atStall.put("instagram processing: container IN_PROGRESS, polled", () -> containersWith(texts.get("instagram processing"))
                .stream().anyMatch(c -> c.polls.get() >= 1));
        atStall.put("instagram publish: published, answer held", instagramAnswer::reached);
        atStall.put("facebook upload: transfer held", facebookTransfer::reached);
        atStall.put("facebook processing: video processing, polled", () -> facebookVideos(texts.get("facebook processing"))
                .stream().anyMatch(v -> v.polls.get() >= 1));
        atStall.put("pinterest upload: upload held", pinterestUpload::reached);
        atStall.put("pinterest processing: processing, polled", () -> PINTEREST.uploads().values().stream()
                .anyMatch(u -> u.polls.get() >= 1));
        Await.await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(notYet(atStall)).as("publishes not at their stall point yet").isEmpty());
        long stalled = System.nanoTime();
        // What each processing case was waiting on, to show that the job went on with it after the restart.
        String tiktokPublishId = tiktokPublishes(texts.get("tiktok processing")).get(0).publishId;
        String instagramContainer = containersWith(texts.get("instagram processing")).get(0).id;
        String facebookVideo = facebookVideos(texts.get("facebook processing")).get(0).id;
        List<String> pinterestPolled = PINTEREST.uploads().values().stream().filter(u -> u.polls.get() >= 1).map(u -> u.id).toList();
        assertThat(pinterestPolled).as("one Pinterest video processing").hasSize(1);

        server.kill();
        stalls.forEach(Stall::release);
        TIKTOK.processingPolls(0);
        META.finishProcessing();
        PINTEREST.finishProcessing();
        server = server.restart();
        Api restarted = Api.at(server.url());
        long restartedAt = System.nanoTime();

        // Settled first (published or failed), so a post failed after the restart shows at once, with its error.
        Await.await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(statuses(restarted, posts))
                .as("every post settled after the restart").allSatisfy((name, status) -> assertThat(status).isIn("published", "failed")));
        assertThat(statuses(restarted, posts)).as("every post published after the restart; errors: %s", errors(restarted, posts))
                .allSatisfy((name, status) -> assertThat(status).isEqualTo("published"));
        long done = System.nanoTime();
        Map<String, JsonObject> targets = new HashMap<>();
        posts.forEach((name, id) -> targets.put(name, PublishedPosts.post(restarted, id).getJsonArray("targets").getJsonObject(0)));

        // YouTube: one session each; the upload went on at the third chunk (every byte once), the created video was found.
        String youtubeUpload = texts.get("youtube upload");
        assertThat(YOUTUBE.videosTitled(youtubeUpload)).as("one video for the upload case").hasSize(1);
        assertThat(YOUTUBE.sessionsTitled(youtubeUpload)).as("one session, resumed").hasSize(1);
        YouTubeStandIn.Session session = YOUTUBE.sessionsTitled(youtubeUpload).get(0);
        assertThat(session.chunkStarts).as("each chunk taken once").containsExactly(0L, (long) YOUTUBE_CHUNK, 2L * YOUTUBE_CHUNK);
        assertThat(YOUTUBE.videosTitled(youtubeUpload).get(0).sha256()).isEqualTo(sha256(youtubeClip));
        assertThat(YOUTUBE.videosTitled(youtubeUpload).get(0).id()).isEqualTo(targets.get("youtube upload").getString("external_id"));
        assertThat(YOUTUBE.videosTitled(texts.get("youtube publish"))).as("one video for the publish case").hasSize(1)
                .allSatisfy(v -> assertThat(v.id()).isEqualTo(targets.get("youtube publish").getString("external_id")));
        assertThat(YOUTUBE.sessionsTitled(texts.get("youtube publish"))).as("not uploaded again").hasSize(1);

        // TikTok: one init each; the upload went on from the chunk TikTok had; the publish polled on was the one stored.
        List<TikTokStandIn.Publish> tiktokUpload = tiktokPublishes(texts.get("tiktok upload"));
        assertThat(tiktokUpload).as("one init for the upload case").hasSize(1);
        assertThat(tiktokUpload.get(0).held).isEqualTo(Files.size(tiktokClip));
        assertThat(tiktokUpload.get(0).sha256Hex()).as("each byte kept once, in order").isEqualTo(sha256(tiktokClip));
        assertThat(tiktokPosts(tiktokUpload.get(0).publishId)).as("one post for the upload case").hasSize(1);
        assertThat(tiktokPublishes(texts.get("tiktok processing"))).as("one init for the processing case")
                .extracting(p -> p.publishId).containsExactly(tiktokPublishId);
        assertThat(tiktokPosts(tiktokPublishId)).as("one post for the processing case").hasSize(1);

        // Instagram: the stored container was polled on and published; the held media_publish was found, not sent again.
        assertThat(instagramPosts(texts.get("instagram processing"))).as("one reel").hasSize(1)
                .allSatisfy(p -> assertThat(p.containerId()).isEqualTo(instagramContainer));
        assertThat(containersWith(texts.get("instagram processing"))).as("one container, resumed").hasSize(1);
        assertThat(instagramPosts(texts.get("instagram publish"))).as("one image post").hasSize(1)
                .allSatisfy(p -> assertThat(p.id()).isEqualTo(targets.get("instagram publish").getString("external_id")));

        // Facebook: the cut-off transfer went on from the byte Facebook had (the session holds the file exactly);
        // the stored video was polled on until ready.
        List<MetaGraphStandIn.Post> facebookUpload = facebookPosts(texts.get("facebook upload"));
        assertThat(facebookUpload).as("one video for the upload case").hasSize(1);
        MetaGraphStandIn.Upload transferred = META.upload(facebookUpload.get(0).containerId());
        assertThat(transferred.received.toByteArray()).as("each byte once, in order").isEqualTo(Files.readAllBytes(clip));
        assertThat(transferred.transfers.get()).as("the held transfer, then one from its offset").isEqualTo(2);
        assertThat(facebookPosts(texts.get("facebook processing"))).as("one video for the processing case")
                .extracting(MetaGraphStandIn.Post::id).containsExactly(facebookVideo);

        // Pinterest: one pin each, of a whole upload; the processing case pinned the video it had registered.
        List<PinterestStandIn.Pin> pinterestUploadPins = pins(texts.get("pinterest upload"));
        assertThat(pinterestUploadPins).as("one pin for the upload case").hasSize(1);
        assertThat(PINTEREST.uploads().get(pinterestUploadPins.get(0).mediaId()).received).isEqualTo(Files.size(clip));
        assertThat(pins(texts.get("pinterest processing"))).as("one pin for the processing case")
                .extracting(PinterestStandIn.Pin::mediaId).containsExactlyElementsOf(pinterestPolled);

        // The posts that were created before the kill were confirmed by a lookup, not sent again.
        Map<String, JsonObject> jobs = new HashMap<>();
        restarted.get("/api/external/v1/schedule?status=published&limit=100").json().getJsonArray("data")
                .forEach(j -> jobs.put(j.asJsonObject().getString("post_id"), j.asJsonObject()));
        for (String name : List.of("youtube publish", "instagram publish")) {
            assertThat(jobs.get(posts.get(name)).getInt("attempts")).as(name + ": confirmed, not sent again").isZero();
        }

        System.out.printf("ConnectorCrashPart2IT: server up %d s, at the stall points %d s later, restarted %d s later,"
                        + " all published %d s later; %d s in all%n", seconds(began, started), seconds(started, stalled),
                seconds(stalled, restartedAt), seconds(restartedAt, done), seconds(began, done));
    }

    /**
     * The server's settings for this test: the stand-ins (as environment variables, the way an operator sets them),
     * its own URL as the public URL (Instagram fetches the video from it), small chunks, and timings that keep the held
     * calls held until the kill.
     */
    private static Map<String, String> environment(URL url) {
        Map<String, String> settings = new LinkedHashMap<>(PlatformStub.instance().serverSettings());
        settings.putAll(YouTubeStandIn.serverSettings());
        settings.putAll(TIKTOK.serverSettings());
        settings.putAll(META.serverSettings());
        settings.putAll(PINTEREST.serverSettings());
        settings.put("syndicast.public-url", url.toString().replaceAll("/+$", ""));
        settings.put("syndicast.media.fetch.allowed-hosts", "127.0.0.1");
        settings.put("syndicast.platforms.youtube.chunk-size", String.valueOf(YOUTUBE_CHUNK));
        // Chunks stay 256 KiB (they would grow on a fast link): the kill must come between two chunks of a known size.
        settings.put("syndicast.platforms.youtube.max-chunk-size", String.valueOf(YOUTUBE_CHUNK));
        settings.put("syndicast.platforms.tiktok.chunk-size", String.valueOf(TIKTOK_CHUNK));
        // No timeout may answer a held call before the kill does.
        settings.put("syndicast.platforms.http.request-timeout", "PT2M");
        settings.put("syndicast.platforms.youtube.upload-timeout", "PT2M");
        // A held job is not claimed again before the kill; after the restart the broker redelivers its message at once.
        settings.put("syndicast.publishing.dispatch-lease", "PT60S");
        // Each job its own message, so a held call does not keep a neighbour's finished step from being stored.
        settings.put("syndicast.publishing.jobs-per-message", "1");
        Map<String, String> environment = new HashMap<>();
        settings.forEach((name, value) -> environment.put(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return environment;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Stall stall(Stall stall) {
        stalls.add(stall);
        return stall;
    }

    /** Facebook Login through the OAuth stand-in: the workspace's app, then the first of the login's Pages. */
    private static String facebookPage(Api api) {
        Api.Reply saved = api.put("/api/external/v1/settings/platform-oauth/facebook",
                "{\"client_id\":\"" + PlatformStub.FACEBOOK_CLIENT + "\",\"client_secret\":\"" + PlatformStub.FACEBOOK_SECRET + "\"}");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        URI authorize = URI.create(api.get("/api/external/v1/connections/facebook/start").json().getString("authorization_url"));
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(authorize).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        Api.Reply confirmed = api.post("/api/external/v1/accounts/confirm", "{\"nonce\":\"" + callback.json().getString("nonce")
                + "\",\"selections\":[{\"index\":0}]}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        return confirmed.json().getJsonArray("account_ids").getString(0);
    }

    private static void schedule(Api api, Map<String, String> texts, Map<String, String> posts, String run, String name,
                                 String platform, String account, String media, JsonObjectBuilder options) {
        String text = "Crash " + run + " " + name;
        JsonArrayBuilder items = Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media));
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text).add("media", items)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", platform)
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(2).toString())
                        .add("options", options)))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        texts.put(name, text);
        posts.put(name, created.json().getString("id"));
    }

    private static List<String> notYet(Map<String, Callable<Boolean>> conditions) throws Exception {
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<String, Callable<Boolean>> c : conditions.entrySet()) {
            if (!c.getValue().call()) {
                waiting.add(c.getKey());
            }
        }
        return waiting;
    }

    private static Map<String, String> statuses(Api api, Map<String, String> posts) {
        Map<String, String> statuses = new LinkedHashMap<>();
        posts.forEach((name, id) -> statuses.put(name, PublishedPosts.post(api, id).getString("status")));
        return statuses;
    }

    private static Map<String, String> errors(Api api, Map<String, String> posts) {
        Map<String, String> errors = new LinkedHashMap<>();
        posts.forEach((name, id) -> {
            JsonObject target = PublishedPosts.post(api, id).getJsonArray("targets").getJsonObject(0);
            if (target.containsKey("error") && !target.isNull("error")) {
                errors.put(name, target.getString("error"));
            }
        });
        return errors;
    }

    private static List<TikTokStandIn.Publish> tiktokPublishes(String text) {
        return TIKTOK.publishes().stream().filter(p -> text.equals(p.postInfo.getString("title", null))).toList();
    }

    private static List<TikTokStandIn.Post> tiktokPosts(String publishId) {
        return TIKTOK.posts().stream().filter(p -> publishId.equals(p.publishId())).toList();
    }

    private static List<MetaGraphStandIn.Container> containersWith(String caption) {
        return META.containers().stream().filter(c -> caption.equals(c.form.get("caption"))).toList();
    }

    private static List<MetaGraphStandIn.Post> instagramPosts(String caption) {
        return META.posts().stream().filter(p -> MetaGraphStandIn.IG_USER_ID.equals(p.owner()) && caption.equals(p.text())).toList();
    }

    private static List<MetaGraphStandIn.Post> facebookPosts(String text) {
        return META.posts().stream().filter(p -> "video".equals(p.kind()) && text.equals(p.text())).toList();
    }

    private static List<MetaGraphStandIn.Video> facebookVideos(String text) {
        return facebookPosts(text).stream().map(p -> META.video(p.id())).toList();
    }

    private static List<PinterestStandIn.Pin> pins(String text) {
        return PINTEREST.pins().stream().filter(p -> text.equals(p.description())).toList();
    }

    private static String sha256(Path file) throws IOException {
        return MediaFixtures.sha256(Files.newInputStream(file));
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 1, UUID.randomUUID().hashCode() & 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
