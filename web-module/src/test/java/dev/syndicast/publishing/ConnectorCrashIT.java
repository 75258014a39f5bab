package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.AtprotoPds;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.DroppingProxy;
import dev.syndicast.testsupport.LinkedInStandIn;
import dev.syndicast.testsupport.MastodonStandIn;
import dev.syndicast.testsupport.PlatformStub;
import dev.syndicast.testsupport.ServerProcess;
import dev.syndicast.testsupport.Stall;
import dev.syndicast.testsupport.ThreadsStandIn;
import dev.syndicast.testsupport.XStandIn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a crash, for every real platform connector: {@code bin/syndicast} is killed with SIGKILL while
 * ten publishes are in flight, two per platform, and after the restart each post exists exactly once on its platform.
 * One server start, one kill and one restart cover all ten (own-server restarts are what such a test costs).
 * <ul>
 *   <li><b>A video post killed mid-upload or mid-processing</b>: Mastodon and Threads are still processing the video
 *   (the job has stored the upload's or container's id and is polling); LinkedIn holds the second video part (the
 *   first part's ETag is stored); X holds the third chunk of its chunked upload (its media id and the first two
 *   segments are stored: the stand-in's settings make one append a step); the proxy in front of the Bluesky PDS holds
 *   the body of {@code uploadBlob}. After the restart Mastodon, Threads, LinkedIn and X resume from the stored step
 *   (one upload, one container, one registered video whose first part is not sent again, one X upload of which only the
 *   held segment is sent again); Bluesky, whose upload is one step, finds no post and uploads again, leaving the
 *   cut-off upload unattached.</li>
 *   <li><b>A post killed while the publish call is in flight</b>: the platform created the post (status, tweet,
 *   LinkedIn post, published thread, PDS record) and holds back its answer. After the restart the job asks the
 *   platform before sending anything and finds the post.</li>
 * </ul>
 * The stand-ins and the proxy show when each call is at its stall point; nothing here sleeps.
 */
class ConnectorCrashIT {

    private static final Path WORK = Path.of("target", "connector-crash-it").toAbsolutePath();
    private static final XStandIn X = XStandIn.instance();
    private static final LinkedInStandIn LINKEDIN = LinkedInStandIn.instance();
    private static final ThreadsStandIn THREADS = ThreadsStandIn.instance();
    private static final String ALT = "Crash test pattern";

    private final MastodonStandIn mastodon = new MastodonStandIn();
    private final List<Stall> stalls = new ArrayList<>();
    private final List<DroppingProxy> proxies = new ArrayList<>();
    private ServerProcess server;

    @AfterEach
    void stop() throws IOException {
        stalls.forEach(Stall::release);
        if (server != null) {
            server.kill();
        }
        mastodon.close();
        for (DroppingProxy proxy : proxies) {
            proxy.close();
        }
        THREADS.finishProcessing();
        LINKEDIN.partSize(4 * 1024 * 1024);
    }

    @Test
    void eachPostIsOnItsPlatformExactlyOnceAfterAKillMidUploadAndMidPublish() throws IOException {
        long began = System.nanoTime();
        AtprotoPds pds = AtprotoPds.instance();
        AtprotoPds.Account blueskyUploader = pds.createAccount(AtprotoPds.name());
        AtprotoPds.Account blueskyPoster = pds.createAccount(AtprotoPds.name());
        DroppingProxy uploadProxy = proxy(pds.port());
        DroppingProxy postProxy = proxy(pds.port());
        server = ServerProcess.start("syndicast_test_connector_crash", ConnectorCrashIT::environment);
        Api api = Api.at(server.url());
        long started = System.nanoTime();

        String mastodonAccount = connected(api.post("/api/external/v1/connections/mastodon", Json.createObjectBuilder()
                .add("instance_url", mastodon.baseUrl()).add("access_token", MastodonStandIn.TOKEN).build().toString()));
        String xAccount = oauth(api, "twitter");
        String linkedInAccount = oauth(api, "linkedin");
        String threadsAccount = oauth(api, "threads");
        String blueskyUploadAccount = bluesky(api, blueskyUploader, uploadProxy);
        String blueskyPostAccount = bluesky(api, blueskyPoster, postProxy);
        // 4 s: LinkedIn's shortest video is 3 s.
        Path clip = MediaFixtures.generatedMp4(WORK, "crash-" + UUID.randomUUID() + ".mp4", 550, 4);
        long clipSize = Files.size(clip);
        String clipSha256 = java.util.HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(clip)));
        String video = PublishedPosts.uploadToLibrary(api, "crash.mp4", "video/mp4", Files.readAllBytes(clip), ALT);
        Set<String> xUploadsBefore = Set.copyOf(X.uploads().keySet());
        Set<String> linkedInVideosBefore = Set.copyOf(LINKEDIN.videos().keySet());

        // The stall points: processing that never ends, a held upload part or body, an answer held after the create.
        mastodon.processingPolls(1_000_000);
        THREADS.videoPolls(1_000_000);
        LINKEDIN.partSize((int) Math.max(1024, clipSize / 3));
        Stall xChunk = stall(X.stallAppend(2));
        Stall linkedInPart = stall(LINKEDIN.stallPart(1));
        Stall blueskyBody = stall(uploadProxy.stallRequestBodyTo("/xrpc/com.atproto.repo.uploadBlob"));
        Stall mastodonAnswer = stall(mastodon.stallAnswerAfterCreate());
        Stall xAnswer = stall(X.stallAnswerAfterCreate());
        Stall linkedInAnswer = stall(LINKEDIN.stallAnswerAfterCreate());
        Stall threadsAnswer = stall(THREADS.stallAnswerAfterPublish());
        Stall blueskyAnswer = stall(postProxy.stallAnswerTo("/xrpc/com.atproto.repo.createRecord"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, String> posts = new LinkedHashMap<>();
        for (String[] c : new String[][] {
                {"mastodon video", "mastodon", mastodonAccount, video}, {"mastodon text", "mastodon", mastodonAccount, null},
                {"x video", "twitter", xAccount, video}, {"x text", "twitter", xAccount, null},
                {"linkedin video", "linkedin", linkedInAccount, video}, {"linkedin text", "linkedin", linkedInAccount, null},
                {"threads video", "threads", threadsAccount, video}, {"threads text", "threads", threadsAccount, null},
                {"bluesky video", "bluesky", blueskyUploadAccount, video}, {"bluesky text", "bluesky", blueskyPostAccount, null}}) {
            texts.put(c[0], "Crash " + run + " " + c[0]);
            posts.put(c[0], schedule(api, c[1], c[2], texts.get(c[0]), c[3]));
        }

        Map<String, Callable<Boolean>> atStall = new LinkedHashMap<>();
        atStall.put("mastodon video: processing, polled", () -> mastodonUploads().stream().anyMatch(m -> m.polls.get() >= 1));
        atStall.put("mastodon text: created, answer held", mastodonAnswer::reached);
        atStall.put("x video: third chunk held", xChunk::reached);
        atStall.put("x text: created, answer held", xAnswer::reached);
        atStall.put("linkedin video: second part held", linkedInPart::reached);
        atStall.put("linkedin text: created, answer held", linkedInAnswer::reached);
        atStall.put("threads video: container processing, polled", () -> THREADS.containers().stream()
                .anyMatch(c -> texts.get("threads video").equals(c.form.get("text")) && c.polls.get() >= 1));
        atStall.put("threads text: published, answer held", threadsAnswer::reached);
        atStall.put("bluesky video: uploadBlob body held", blueskyBody::reached);
        atStall.put("bluesky text: record created, answer held", blueskyAnswer::reached);
        Await.await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(notYet(atStall)).as("publishes not at their stall point yet").isEmpty());
        long stalled = System.nanoTime();

        server.kill();
        stalls.forEach(Stall::release);
        mastodon.finishProcessing();
        THREADS.finishProcessing();
        server = server.restart();
        Api restarted = Api.at(server.url());
        long restartedAt = System.nanoTime();

        Await.await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(statuses(restarted, posts))
                .as("every post published after the restart").allSatisfy((name, status) -> assertThat(status).isEqualTo("published")));
        long done = System.nanoTime();
        Map<String, JsonObject> targets = new HashMap<>();
        posts.forEach((name, id) -> targets.put(name, PublishedPosts.post(restarted, id).getJsonArray("targets").getJsonObject(0)));

        // Mastodon: the job resumed from the stored media id (one upload, polled on), and the held status was found.
        List<MastodonStandIn.Status> mastodonVideo = statusesWith(texts.get("mastodon video"));
        assertThat(mastodonVideo).as("one status for the video post").hasSize(1);
        assertThat(mastodonUploads()).as("resumed from the stored media id, not uploaded again").hasSize(1);
        assertThat(mastodonVideo.get(0).mediaIds()).containsExactly(mastodonUploads().get(0).id);
        assertThat(statusesWith(texts.get("mastodon text"))).as("one status for the text post").hasSize(1)
                .allSatisfy(s -> assertThat(s.id()).isEqualTo(targets.get("mastodon text").getString("external_id")));

        // X: the chunked upload resumed from the stored segment index (its media id stored before any segment); the
        // segment held at the kill is the only one sent again, and the tweet carries the file's exact bytes.
        List<XStandIn.Tweet> xVideo = tweetsWith(texts.get("x video"));
        assertThat(xVideo).as("one tweet for the video post").hasSize(1);
        XStandIn.Upload attached = X.uploads().get(xVideo.get(0).mediaIds().get(0));
        assertThat(attached.finalized).isTrue();
        assertThat(attached.size()).isEqualTo(clipSize);
        assertThat(attached.sha256()).isEqualTo(clipSha256);
        assertThat(X.uploads().keySet()).filteredOn(id -> !xUploadsBefore.contains(id)).as("one upload, resumed after the kill")
                .containsExactly(attached.id);
        assertThat(attached.segmentSizes().size()).isGreaterThan(3);
        assertThat(attached.sends()).as("the held segment sent again after the kill, no other")
                .hasSize(attached.segmentSizes().size()).allSatisfy((segment, sends) -> assertThat(sends).isEqualTo(segment == 2 ? 2 : 1));
        assertThat(tweetsWith(texts.get("x text"))).as("one tweet for the text post").hasSize(1)
                .allSatisfy(t -> assertThat(t.id()).isEqualTo(targets.get("x text").getString("external_id")));

        // LinkedIn: one registered video (its registration is stored before any part), resumed after the kill. The parts
        // the cut-short step sent (part 0, and part 2 if it went out beside the held part 1; ETags are stored when a step
        // ends, see LinkedInConnector's upload-step) are sent again to the same video, once more at most.
        List<LinkedInStandIn.Post> linkedInVideo = linkedInPostsWith(texts.get("linkedin video"));
        assertThat(linkedInVideo).as("one post for the video post").hasSize(1);
        assertThat(LINKEDIN.videos().keySet()).filteredOn(urn -> !linkedInVideosBefore.contains(urn))
                .as("the video registered once").containsExactly(linkedInVideo.get(0).media().get(0));
        LinkedInStandIn.Video registered = LINKEDIN.videos().get(linkedInVideo.get(0).media().get(0));
        assertThat(registered.parts.size()).isGreaterThanOrEqualTo(3);
        assertThat(registered.puts.keySet()).as("every part sent").hasSize(registered.parts.size());
        assertThat(registered.puts.values()).as("no part more than twice: a kill loses at most one step's parts")
                .allSatisfy(puts -> assertThat(puts).isBetween(1, 2));
        assertThat(registered.puts.get(1)).as("the held part sent again after the kill").isEqualTo(2);
        assertThat(linkedInPostsWith(texts.get("linkedin text"))).as("one post for the text post").hasSize(1)
                .allSatisfy(p -> assertThat(p.id()).isEqualTo(targets.get("linkedin text").getString("external_id")));

        // Threads: the stored container was polled on and published (not made again); the held publish was found.
        List<ThreadsStandIn.Thread> threadsVideo = threadsWith(texts.get("threads video"));
        assertThat(threadsVideo).as("one thread for the video post").hasSize(1);
        assertThat(threadsVideo.get(0).mediaType()).isEqualTo("VIDEO");
        assertThat(THREADS.containers()).filteredOn(c -> texts.get("threads video").equals(c.form.get("text")))
                .as("one container, resumed").extracting(c -> c.id).containsExactly(threadsVideo.get(0).containerId());
        assertThat(threadsWith(texts.get("threads text"))).as("one thread for the text post").hasSize(1)
                .allSatisfy(t -> assertThat(t.id()).isEqualTo(targets.get("threads text").getString("external_id")));

        // Bluesky, read back from the PDS: one record per post, the video embedded in full.
        List<JsonObject> uploaderPosts = pds.posts(blueskyUploader.did());
        assertThat(uploaderPosts).as("one record for the video post").hasSize(1);
        JsonObject embed = uploaderPosts.get(0).getJsonObject("value").getJsonObject("embed");
        assertThat(uploaderPosts.get(0).getJsonObject("value").getString("text")).isEqualTo(texts.get("bluesky video"));
        assertThat(embed.getString("$type")).isEqualTo("app.bsky.embed.video");
        assertThat(embed.getJsonObject("video").getJsonNumber("size").longValue()).isEqualTo(clipSize);
        assertThat(uploaderPosts.get(0).getString("uri")).isEqualTo(targets.get("bluesky video").getString("external_id"));
        List<JsonObject> posterPosts = pds.posts(blueskyPoster.did());
        assertThat(posterPosts).as("one record for the text post").hasSize(1);
        assertThat(posterPosts.get(0).getString("uri")).isEqualTo(targets.get("bluesky text").getString("external_id"));
        assertThat(postProxy.dropped()).as("the createRecord answer never arrived").isEqualTo(1);

        // Each held publish was found by the lookup after the restart, not sent again (no attempt recorded).
        Map<String, JsonObject> jobs = new HashMap<>();
        restarted.get("/api/external/v1/schedule?status=published&limit=100").json().getJsonArray("data")
                .forEach(j -> jobs.put(j.asJsonObject().getString("post_id"), j.asJsonObject()));
        for (String name : List.of("mastodon text", "x text", "linkedin text", "threads text", "bluesky text")) {
            assertThat(jobs.get(posts.get(name)).getInt("attempts")).as(name + ": confirmed by the lookup, not sent again").isZero();
        }

        System.out.printf("ConnectorCrashIT: server up %d s, at the stall points %d s later, restarted %d s later,"
                        + " all published %d s later; %d s in all%n", seconds(began, started), seconds(started, stalled),
                seconds(stalled, restartedAt), seconds(restartedAt, done), seconds(began, done));
    }

    /**
     * The server's settings for this test: the platform stand-ins the shared server is pointed at (as environment
     * variables, the way an operator sets them), its own URL as the public URL (Threads fetches the video from it),
     * and timings that keep the held calls held until the kill.
     */
    private static Map<String, String> environment(URL url) {
        Map<String, String> settings = new LinkedHashMap<>(PlatformStub.instance().serverSettings());
        settings.putAll(XStandIn.serverSettings());
        settings.putAll(LinkedInStandIn.serverSettings());
        settings.putAll(THREADS.serverSettings());
        settings.put("syndicast.publishing.mastodon.processing-poll", "PT1S");
        settings.put("syndicast.public-url", url.toString().replaceAll("/+$", ""));
        settings.put("syndicast.media.fetch.allowed-hosts", "127.0.0.1");
        // Small chunks, so X's upload is cut off midway (the test video is about 100 KB); XStandIn's settings make one
        // append a step, so every segment before the held one is stored when the kill comes.
        settings.put("syndicast.platforms.x.chunk-size", "16384");
        // No timeout may answer a held call before the kill does.
        settings.put("syndicast.platforms.http.request-timeout", "PT2M");
        settings.put("syndicast.publishing.mastodon.request-timeout", "PT2M");
        // A held job is not claimed again before the kill; after the restart the broker redelivers its message at once.
        settings.put("syndicast.publishing.dispatch-lease", "PT60S");
        // Each job its own message: a message's results are recorded together, so a held call would keep a
        // neighbour's finished step (an upload id to resume from) from being stored.
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

    private DroppingProxy proxy(int port) throws IOException {
        DroppingProxy proxy = new DroppingProxy(port);
        proxies.add(proxy);
        return proxy;
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

    private static String connected(Api.Reply connected) {
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        return connected.json().getString("id");
    }

    /** Connects through the OAuth stand-in ({@link PlatformStub}): start, consent, callback. */
    private static String oauth(Api api, String platform) {
        return PublishedPosts.connectThroughOAuth(api, platform).getString("id");
    }

    private static String bluesky(Api api, AtprotoPds.Account account, DroppingProxy proxy) {
        return connected(api.post("/api/external/v1/connections/bluesky", Json.createObjectBuilder().add("handle", account.handle())
                .add("app_password", account.appPassword()).add("service_url", proxy.url()).build().toString()));
    }

    private static String schedule(Api api, String platform, String account, String text, String media) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        if (media != null) {
            items.add(Json.createObjectBuilder().add("media_id", media));
        }
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text).add("media", items)
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", platform)
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(2).toString())))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().getString("id");
    }

    private List<MastodonStandIn.Media> mastodonUploads() {
        return mastodon.media().values().stream().filter(m -> ALT.equals(m.description)).toList();
    }

    private List<MastodonStandIn.Status> statusesWith(String text) {
        return mastodon.statuses().stream().filter(s -> text.equals(s.text())).toList();
    }

    private static List<XStandIn.Tweet> tweetsWith(String text) {
        return X.tweets().stream().filter(t -> text.equals(t.text())).toList();
    }

    private static List<LinkedInStandIn.Post> linkedInPostsWith(String text) {
        return LINKEDIN.posts().stream().filter(p -> text.equals(p.shown())).toList();
    }

    private static List<ThreadsStandIn.Thread> threadsWith(String text) {
        return THREADS.threads().stream().filter(t -> text.equals(t.text())).toList();
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(long from, long to) {
        return Duration.ofNanos(to - from).toSeconds();
    }
}
