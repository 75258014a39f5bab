package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TikTok connector over real HTTP against a small TikTok of its own (a JDK HttpServer), each rule after the
 * developers.tiktok.com page named beside it: creator_info first, the init's body and chunk plan, each chunk's
 * headers and bytes, the steps stored between calls, status polling to the post's page, and the faults that matter for
 * exactly once: a connection dropped inside a chunk, the answer of the final chunk lost, a 416, an expired upload URL,
 * a failed post, a rate limit and a token that ran out. The strict stand-in for the shared-server tests is in the web
 * module.
 */
class TikTokConnectorTest {

    private static final String TOKEN = "act.token";
    private static final String FRESH = "act.fresh";
    private static final long MB = 1024 * 1024;

    private HttpServer server;
    private String base;
    private TikTokConnector connector;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<JsonObject> inits = new CopyOnWriteArrayList<>();
    private final List<String> puts = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile String validToken = TOKEN;
    private volatile boolean refreshWorks = true;

    // The account (creator_info).
    private volatile List<String> privacyOptions = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
    private volatile boolean commentDisabled;
    private volatile int maxSeconds = 600;
    private volatile String creatorRefusal;

    // Faults.
    private volatile int initStatus = 200;
    private volatile String initCode = "ok";
    private volatile long dropInsideChunkAfter = -1;
    private volatile int loseAnswerOfChunk = -1;
    private volatile int answer416ForChunk = -1;
    private volatile int processingPolls;
    private volatile String failReason;
    private volatile boolean postIdAfterModeration = true;

    // The upload TikTok holds: bytes as a running digest, only whole chunks counted.
    private volatile long videoSize;
    private volatile long chunkSize;
    private volatile int chunkCount;
    private volatile long held;
    private volatile int chunksHeld;
    private MessageDigest digest;
    private final AtomicInteger statusPolls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::route);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        connector = new TikTokConnector();
        connector.apiUrl = base;
        connector.uploadTimeout = Duration.ofSeconds(10);
        connector.chunkSize = 5 * MB;
        // One chunk per step unless a test says otherwise: the steps between chunks are what most tests here look at.
        connector.uploadStep = Duration.ZERO;
        connector.processingPoll = Duration.ofSeconds(1);
        connector.publishDeadline = Duration.ofHours(2);
        connector.rateLimitWait = Duration.ofSeconds(60);
        connector.quotaWait = Duration.ofHours(1);
        connector.publicUrls = new PublicMediaUrls() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Optional<String> url(UUID itemId, Duration ttl) {
                return Optional.of("https://media.example.com/media/public/" + itemId + ".signed");
            }
        };
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                if (refreshWorks) {
                    validToken = FRESH;
                }
                return refreshWorks ? TokenRefresher.Result.REFRESHED : TokenRefresher.Result.REFUSED;
            }
        };
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(null, "ada", FRESH));
            }
        };
        connector.calls = PlatformCalls.of(clock, accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
        digest = MessageDigest.getInstance("SHA-256");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    // ---- the small TikTok ---------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        calls.add(method + " " + path);
        if ("PUT".equals(method) && path.equals("/upload/")) {
            upload(exchange);
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, error("access_token_invalid", "The access token is invalid or not found in the request."));
            return;
        }
        if (!exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
            answer(exchange, 400, error("invalid_param", "Content-Type"));
            return;
        }
        switch (path) {
            case "/v2/post/publish/creator_info/query/" -> answer(exchange, 200, creatorRefusal != null
                    ? error(creatorRefusal, "") // creator_info answers its spam refusals with 200, "intentional"
                    : "{\"data\":{\"creator_username\":\"ada\",\"creator_nickname\":\"Ada\",\"privacy_level_options\":"
                    + jsonList(privacyOptions) + ",\"comment_disabled\":" + commentDisabled + ",\"duet_disabled\":false,"
                    + "\"stitch_disabled\":true,\"max_video_post_duration_sec\":" + maxSeconds + "}," + ok() + "}");
            case "/v2/post/publish/video/init/", "/v2/post/publish/content/init/" -> init(exchange, path, body);
            case "/v2/post/publish/status/fetch/" -> status(exchange, body);
            default -> answer(exchange, 404, error("invalid_param", "no route"));
        }
    }

    private void init(HttpExchange exchange, String path, String body) throws IOException {
        JsonObject request = Json.createReader(new StringReader(body)).readObject();
        inits.add(request);
        if (initStatus != 200 || !"ok".equals(initCode)) {
            answer(exchange, initStatus, error(initCode, "refused"));
            return;
        }
        JsonObject source = request.getJsonObject("source_info");
        if (path.endsWith("/content/init/")) {
            answer(exchange, 200, "{\"data\":{\"publish_id\":\"p_pub_url~v2." + inits.size() + "\"}," + ok() + "}");
            return;
        }
        if ("PULL_FROM_URL".equals(source.getString("source"))) {
            answer(exchange, 200, "{\"data\":{\"publish_id\":\"v_pub_url~v2." + inits.size() + "\"}," + ok() + "}");
            return;
        }
        // Media transfer guide: total_chunk_count = floor(video_size / chunk_size).
        videoSize = source.getJsonNumber("video_size").longValue();
        chunkSize = source.getJsonNumber("chunk_size").longValue();
        chunkCount = source.getInt("total_chunk_count");
        if (chunkCount != videoSize / chunkSize || videoSize >= 5 * MB && (chunkSize < 5 * MB || chunkSize > 64 * MB)) {
            answer(exchange, 400, error("invalid_param", "The total chunk count is invalid"));
            return;
        }
        held = 0;
        chunksHeld = 0;
        digest.reset();
        answer(exchange, 200, "{\"data\":{\"publish_id\":\"v_pub_file~v2-1." + inits.size() + "\",\"upload_url\":\"" + base
                + "/upload/?upload_id=" + inits.size() + "&upload_token=Xza123\"}," + ok() + "}");
    }

    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private void upload(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        puts.add(range + " " + type + " auth=" + exchange.getRequestHeaders().containsKey("Authorization"));
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m == null || !m.matches() || Long.parseLong(m.group(3)) != videoSize) {
            answer(exchange, 400, "");
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        int index = chunksHeld;
        long expectedLength = index == chunkCount - 1 ? videoSize - first : chunkSize;
        if (first != held || index == answer416ForChunk) {
            answer416ForChunk = -1;
            exchange.getResponseHeaders().add("Content-Range", "bytes 0-" + held + "/" + videoSize);
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            answer(exchange, 416, "");
            return;
        }
        if (last - first + 1 != expectedLength) {
            answer(exchange, 400, "");
            return;
        }
        MessageDigest chunk;
        try {
            chunk = (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        long received = 0;
        byte[] buffer = new byte[65_536];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                chunk.update(buffer, 0, n);
                received += n;
                if (dropInsideChunkAfter >= 0 && received >= dropInsideChunkAfter) {
                    dropInsideChunkAfter = -1;
                    exchange.close(); // the connection drops; a partial chunk is not kept
                    return;
                }
            }
        }
        if (received != expectedLength) {
            answer(exchange, 400, "");
            return;
        }
        digest = chunk;
        held += received;
        chunksHeld++;
        if (index == loseAnswerOfChunk) {
            loseAnswerOfChunk = -1;
            exchange.close(); // TikTok has the chunk, the answer is lost
            return;
        }
        answer(exchange, chunksHeld == chunkCount ? 201 : 206, "");
    }

    private void status(HttpExchange exchange, String body) throws IOException {
        JsonObject request = Json.createReader(new StringReader(body)).readObject();
        String publishId = request.getString("publish_id");
        boolean file = publishId.startsWith("v_pub_file");
        if (file && held < videoSize) {
            answer(exchange, 200, "{\"data\":{\"status\":\"PROCESSING_UPLOAD\",\"uploaded_bytes\":" + held + "}," + ok() + "}");
            return;
        }
        if (statusPolls.incrementAndGet() <= processingPolls) {
            answer(exchange, 200, "{\"data\":{\"status\":\"" + (file ? "PROCESSING_UPLOAD" : "PROCESSING_DOWNLOAD") + "\""
                    + (file ? ",\"uploaded_bytes\":" + held : "") + "}," + ok() + "}");
            return;
        }
        if (failReason != null) {
            answer(exchange, 200, "{\"data\":{\"status\":\"FAILED\",\"fail_reason\":\"" + failReason
                    + "\",\"publicaly_available_post_id\":[]}," + ok() + "}");
            return;
        }
        String privacy = inits.get(inits.size() - 1).getJsonObject("post_info").getString("privacy_level");
        boolean visible = "PUBLIC_TO_EVERYONE".equals(privacy) && postIdAfterModeration;
        answer(exchange, 200, "{\"data\":{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":["
                + (visible ? "7300000000000000001" : "") + "]}," + ok() + "}");
    }

    private static String ok() {
        return "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"202612021000\"}";
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"log_id\":\"202612021000\"}}";
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    void aSmallVideoIsAskedAboutInitializedUploadedWholeAndPolledToItsPage(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 3_000_000, 12.0);
        processingPolls = 2;
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = run(request("My #cat video", List.of(video), Json.createObjectBuilder()
                .add("disable_duet", true).add("video_cover_timestamp_ms", 1500).add("is_aigc", true).build()), steps);

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("7300000000000000001",
                "https://www.tiktok.com/@ada/video/7300000000000000001"));
        assertThat(calls).startsWith("POST /v2/post/publish/creator_info/query/", "POST /v2/post/publish/video/init/",
                "PUT /upload/");
        JsonObject init = inits.get(0);
        assertThat(init.getJsonObject("post_info")).isEqualTo(Json.createObjectBuilder().add("title", "My #cat video")
                .add("privacy_level", "PUBLIC_TO_EVERYONE").add("disable_duet", true).add("disable_comment", false)
                .add("disable_stitch", true).add("video_cover_timestamp_ms", 1500).add("brand_content_toggle", false)
                .add("brand_organic_toggle", false).add("is_aigc", true).build());
        assertThat(init.getJsonObject("source_info")).isEqualTo(Json.createObjectBuilder().add("source", "FILE_UPLOAD")
                .add("video_size", 3_000_000).add("chunk_size", 3_000_000).add("total_chunk_count", 1).build());
        assertThat(puts).containsExactly("bytes 0-2999999/3000000 video/mp4 auth=false");
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
        TikTokSteps stored = TikTokSteps.parse(((PublishOutcome.InProgress) steps.get(0)).state());
        assertThat(stored.publishId()).as("the publish id is stored before any byte").isEqualTo("v_pub_file~v2-1.1");
        assertThat(stored.upload().url()).isEqualTo(base + "/upload/?upload_id=1&upload_token=Xza123");
        assertThat(stored.upload().acked()).isZero();
        assertThat(steps).filteredOn(s -> s instanceof PublishOutcome.InProgress).hasSize(4);
    }

    @Test
    void aLargerVideoGoesInChunksEachAStepAndACrashResumesAtTheNextChunk(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 17 * MB + 123, 20.0); // 5 MB chunks: floor(17 MB / 5 MB) = 3, the last 7 MB + 123
        PublishRequest request = request("chunks", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome firstChunk = connector.publish(withState(request, state(initialized))).get();
        assertThat(TikTokSteps.parse(state(firstChunk)).upload().acked()).isEqualTo(1);
        // A crash here: the next attempt starts from the stored state and sends chunk 2, never chunk 1 again.
        assertThat(run(withState(request, state(firstChunk)), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(inits.get(0).getJsonObject("source_info").getInt("total_chunk_count")).isEqualTo(3);
        assertThat(puts).containsExactly("bytes 0-5242879/17825915 video/mp4 auth=false",
                "bytes 5242880-10485759/17825915 video/mp4 auth=false", "bytes 10485760-17825914/17825915 video/mp4 auth=false");
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
    }

    @Test
    void aStepSendsTheChunksOneAfterAnotherWhileItLastsSoAVideoGoesUpInOneStep(@TempDir Path dir) throws Exception {
        connector.uploadStep = Duration.ofSeconds(30);
        PublishMedia video = video(dir, 17 * MB + 123, 20.0);
        PublishRequest request = request("one step", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        assertThat(puts).as("the publish id is stored before any byte").isEmpty();

        PublishOutcome uploaded = connector.publish(withState(request, state(initialized))).get();

        assertThat(uploaded).isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> {
            assertThat(p.note()).isEqualTo("All 3 chunk(s) are with TikTok; it is processing the video");
            assertThat(TikTokSteps.parse(p.state()).sent()).isNotNull();
        });
        assertThat(puts).containsExactly("bytes 0-5242879/17825915 video/mp4 auth=false",
                "bytes 5242880-10485759/17825915 video/mp4 auth=false", "bytes 10485760-17825914/17825915 video/mp4 auth=false");
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
        assertThat(run(withState(request, state(uploaded)), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(inits).hasSize(1);
    }

    @Test
    void aChunkLostInTheMiddleOfAStepKeepsTheChunksAcknowledgedBeforeItAndIsResolvedThroughStatus(@TempDir Path dir)
            throws Exception {
        connector.uploadStep = Duration.ofSeconds(30);
        PublishMedia video = video(dir, 16 * MB, 20.0);
        PublishRequest request = request("lost mid-step", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        loseAnswerOfChunk = 1;

        PublishOutcome broken = connector.publish(withState(request, state(initialized))).get();

        assertThat(broken).isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> {
            assertThat(p.note()).contains("chunk 2 of 3 broke after sending");
            assertThat(TikTokSteps.parse(p.state()).upload()).satisfies(u -> {
                assertThat(u.acked()).as("chunk 1, acknowledged earlier in the step").isEqualTo(1);
                assertThat(u.uncertain()).isTrue();
            });
        });
        assertThat(run(withState(request, state(broken)), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(puts).as("chunk 2 is not sent again: status/fetch says TikTok has it").hasSize(3);
        assertThat(inits).hasSize(1);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
    }

    @Test
    void aConnectionDroppedInsideAChunkIsResolvedThroughStatusAndEveryByteArrivesOnce(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 16 * MB, 20.0);
        PublishRequest request = request("dropped", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome first = connector.publish(withState(request, state(initialized))).get();
        dropInsideChunkAfter = 2 * MB;
        PublishOutcome broken = connector.publish(withState(request, state(first))).get();
        assertThat(broken).isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> {
            assertThat(p.note()).contains("chunk 2 of 3 broke after sending");
            assertThat(TikTokSteps.parse(p.state()).upload().uncertain()).isTrue();
        });
        PublishOutcome resolved = connector.publish(withState(request, state(broken))).get();
        assertThat(resolved).isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> {
            assertThat(p.note()).contains("TikTok has 1 of 3 chunks; continuing with chunk 2");
            assertThat(TikTokSteps.parse(p.state()).upload()).satisfies(u -> {
                assertThat(u.acked()).isEqualTo(1);
                assertThat(u.uncertain()).isFalse();
            });
        });
        assertThat(run(withState(request, state(resolved)), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(inits).hasSize(1);
        assertThat(puts).hasSize(4);
        assertThat(held).isEqualTo(16 * MB);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
    }

    @Test
    void theLostAnswerOfTheFinalChunkNeverLeadsToASecondInit(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 11 * MB, 20.0);
        loseAnswerOfChunk = 1;
        processingPolls = 1;
        List<PublishOutcome> steps = new ArrayList<>();
        assertThat(run(request("lost final answer", List.of(video), null), steps)).isInstanceOf(PublishOutcome.Published.class);
        assertThat(inits).hasSize(1);
        assertThat(puts).as("the final chunk is not even sent again: TikTok says it has every byte").hasSize(2);
        assertThat(steps).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(PublishOutcome.InProgress.class,
                p -> assertThat(p.note()).contains("every byte is with TikTok")));
    }

    @Test
    void a416SaysHowFarTikTokGotAndTheUploadContinuesFromThere(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 16 * MB, 20.0);
        PublishRequest request = request("416", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome first = connector.publish(withState(request, state(initialized))).get();
        // As after a crash between TikTok taking chunk 2 and the step being stored: the state still says one chunk.
        loseAnswerOfChunk = 1;
        connector.publish(withState(request, state(first))).get();
        PublishOutcome told = connector.publish(withState(request, state(first))).get();
        assertThat(told).isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> {
            assertThat(p.note()).contains("TikTok answered 416 for chunk 2 of 3: TikTok has 2 of 3 chunks; continuing with chunk 3");
            assertThat(TikTokSteps.parse(p.state()).upload().acked()).isEqualTo(2);
        });
        assertThat(run(withState(request, state(told)), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(dir.resolve("v.mp4")));
    }

    @Test
    void anUploadUrlOlderThanAnHourStartsOverBecauseTheUploadProvablyLacksBytes(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 11 * MB, 20.0);
        PublishRequest request = request("expired", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome first = connector.publish(withState(request, state(initialized))).get();
        clock.move(Duration.ofMinutes(61));
        assertThat(connector.publish(withState(request, state(first))).get()).isEqualTo(new PublishOutcome.StartOver(
                "TikTok's upload URL expired (it is valid one hour) with 1 of 2 chunks sent"));
    }

    @Test
    void aChunkInDoubtPastTheUploadUrlsHourIsAskedAboutBeforeAnyStartOver(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 11 * MB, 20.0);
        PublishRequest request = request("in doubt", List.of(video), null);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome first = connector.publish(withState(request, state(initialized))).get();
        loseAnswerOfChunk = 1;
        PublishOutcome lost = connector.publish(withState(request, state(first))).get();
        processingPolls = 5;
        clock.move(Duration.ofMinutes(61));
        PublishOutcome resolved = connector.publish(withState(request, state(lost))).get();
        assertThat(resolved).as("TikTok has every byte: the post is waited for, never made again")
                .isInstanceOfSatisfying(PublishOutcome.InProgress.class, p -> assertThat(TikTokSteps.parse(p.state()).sent()).isNotNull());
        assertThat(inits).hasSize(1);
    }

    @Test
    void thePrivacyLevelMustBeOfferedAndNothingIsInitializedOtherwise(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 1000, 5.0);
        PublishOutcome refused = run(request("private", List.of(video),
                Json.createObjectBuilder().add("privacy_level", "FOLLOWER_OF_CREATOR").build()), new ArrayList<>());
        assertThat(refused).isEqualTo(new PublishOutcome.Permanent("TikTok cannot take the post: privacy_level FOLLOWER_OF_CREATOR"
                + " is not offered by this TikTok account (it offers PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY); choose"
                + " one of those in the target's options"));
        assertThat(inits).isEmpty();

        privacyOptions = List.of("FOLLOWER_OF_CREATOR", "SELF_ONLY");
        commentDisabled = true;
        PublishOutcome published = run(request("default privacy", List.of(video), null), new ArrayList<>());
        assertThat(inits.get(0).getJsonObject("post_info").getString("privacy_level")).isEqualTo("FOLLOWER_OF_CREATOR");
        assertThat(inits.get(0).getJsonObject("post_info").getBoolean("disable_comment")).as("the account turned comments off").isTrue();
        assertThat(published).as("not public: no post id ever, published as its publish id")
                .isEqualTo(new PublishOutcome.Published("v_pub_file~v2-1.1", null));
    }

    @Test
    void aVideoLongerThanTheAccountMayPostIsRefusedSayingSo(@TempDir Path dir) throws Exception {
        maxSeconds = 300;
        PublishOutcome refused = run(request("long", List.of(video(dir, 1000, 312.4)), null), new ArrayList<>());
        assertThat(refused).isEqualTo(new PublishOutcome.Permanent("The video is 313 s long; this TikTok account can post videos"
                + " of at most 300 s (creator_info max_video_post_duration_sec)"));
        assertThat(inits).isEmpty();
    }

    @Test
    void refusalsOfCreatorInfoAndInitAreKeptRateLimitsWaitedOut(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 1000, 5.0);
        creatorRefusal = "spam_risk_too_many_posts";
        assertThat(run(request("cap", List.of(video), null), new ArrayList<>())).as("a used-up daily cap is waited out")
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
                    assertThat(r.reason()).contains("spam_risk_too_many_posts", "daily post cap");
                    assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(1));
                });
        assertThat(inits).as("nothing was sent to be posted").isEmpty();
        creatorRefusal = null;

        initStatus = 403;
        initCode = "unaudited_client_can_only_post_to_private_accounts";
        assertThat(run(request("unaudited", List.of(video), null), new ArrayList<>()))
                .isInstanceOfSatisfying(PublishOutcome.Permanent.class, p -> assertThat(p.reason())
                        .startsWith("TikTok refused the video init: unaudited_client_can_only_post_to_private_accounts"));
        initStatus = 429;
        initCode = "rate_limit_exceeded";
        assertThat(run(request("limited", List.of(video), null), new ArrayList<>())).isInstanceOf(PublishOutcome.RateLimited.class);
        initStatus = 500;
        initCode = "internal_error";
        assertThat(run(request("5xx", List.of(video), null), new ArrayList<>()))
                .as("a file upload's init publishes nothing without the bytes: made again, not looked up")
                .isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void aFailedPostKeepsItsFailReasonAndARetryableOneStartsOver(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 1000, 5.0);
        failReason = "frame_rate_check_failed";
        assertThat(run(request("fails", List.of(video), null), new ArrayList<>())).isEqualTo(new PublishOutcome.Permanent(
                "TikTok could not publish the post: fail_reason frame_rate_check_failed (unsupported frame rate (23 to 60 FPS))"));
        failReason = "internal";
        assertThat(run(request("internal", List.of(video), null), new ArrayList<>())).isInstanceOf(PublishOutcome.StartOver.class);
    }

    @Test
    void aTokenThatRanOutIsRenewedOnceARefusedRenewalEndsIt(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 1000, 5.0);
        validToken = "act.other";
        refreshWorks = false;
        assertThat(run(request("refused", List.of(video), null), new ArrayList<>())).isInstanceOfSatisfying(
                PublishOutcome.TokenRefused.class, t -> assertThat(t.reason()).contains("renewing the token was refused"));
        refreshWorks = true;
        assertThat(run(request("renewed", List.of(video), null), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(refreshes.get()).as("renewed once per step here: the test's request keeps the old token").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPublicPostWaitsForItsIdUntilTheDeadlineThenIsPublishedAsItsPublishId(@TempDir Path dir) throws Exception {
        postIdAfterModeration = false;
        PublishRequest request = request("moderated", List.of(video(dir, 1000, 5.0)), null);
        PublishOutcome step = connector.publish(request).get();
        step = connector.publish(withState(request, state(step))).get();
        PublishOutcome waiting = connector.publish(withState(request, state(step))).get();
        assertThat(waiting).isInstanceOfSatisfying(PublishOutcome.InProgress.class,
                p -> assertThat(p.note()).contains("its id follows once moderation is through"));
        clock.move(Duration.ofHours(3));
        assertThat(connector.publish(withState(request, state(waiting))).get())
                .isEqualTo(new PublishOutcome.Published("v_pub_file~v2-1.1", null));
    }

    @Test
    void pulledByUrlTheVideoInitCarriesTheSignedUrlAndItsLostAnswerIsUnknown(@TempDir Path dir) throws Exception {
        connector.pullFromUrl = true;
        PublishMedia video = video(dir, 1000, 5.0);
        PublishOutcome outcome = run(request("pulled", List.of(video), null), new ArrayList<>());
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(inits.get(0).getJsonObject("source_info")).isEqualTo(Json.createObjectBuilder().add("source", "PULL_FROM_URL")
                .add("video_url", "https://media.example.com/media/public/" + video.reference() + ".signed").build());
        assertThat(puts).isEmpty();

        initStatus = 502;
        initCode = "internal_error";
        assertThat(run(request("pulled 5xx", List.of(video), null), new ArrayList<>())).as("the init may have published by itself")
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(connector.check(request("pulled 5xx", List.of(video), null)).get()).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void photosArePostedByTheirUrlsWithTitleDescriptionAndCover() throws Exception {
        PublishMedia first = photo(UUID.randomUUID().toString());
        PublishMedia second = new PublishMedia("https://cdn.example.com/b.webp", "image/webp", -1, null, null, null);
        PublishRequest request = new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "tiktok", UUID.randomUUID(), "open-id",
                null, TOKEN, "this will be a #funny photo", "funny cat", List.of(), List.of(), List.of(first, second), null,
                Json.createObjectBuilder().add("photo_cover_index", 1).add("auto_add_music", true).build());
        assertThat(run(request, new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(calls).contains("POST /v2/post/publish/content/init/");
        assertThat(inits.get(0)).isEqualTo(Json.createObjectBuilder().add("media_type", "PHOTO").add("post_mode", "DIRECT_POST")
                .add("post_info", Json.createObjectBuilder().add("title", "funny cat").add("description", "this will be a #funny photo")
                        .add("privacy_level", "PUBLIC_TO_EVERYONE").add("disable_comment", false).add("auto_add_music", true)
                        .add("brand_content_toggle", false).add("brand_organic_toggle", false))
                .add("source_info", Json.createObjectBuilder().add("source", "PULL_FROM_URL")
                        .add("photo_images", Json.createArrayBuilder()
                                .add("https://media.example.com/media/public/" + first.reference() + ".signed")
                                .add("https://cdn.example.com/b.webp"))
                        .add("photo_cover_index", 1)).build());
    }

    @Test
    void theLookupAsksAboutTheStoredPublishIdAndNeverFindsWhatCannotExist(@TempDir Path dir) throws Exception {
        PublishMedia video = video(dir, 11 * MB, 20.0);
        PublishRequest request = request("lookup", List.of(video), null);
        assertThat(connector.check(request).get()).as("no init stored: a file upload's slot publishes nothing")
                .isInstanceOf(CheckOutcome.NotFound.class);
        PublishOutcome initialized = connector.publish(request).get();
        PublishOutcome first = connector.publish(withState(request, state(initialized))).get();
        assertThat(connector.check(withState(request, state(first))).get()).as("TikTok lacks bytes").isInstanceOf(CheckOutcome.NotFound.class);
        processingPolls = 1;
        PublishOutcome done = connector.publish(withState(request, state(first))).get();
        assertThat(connector.check(withState(request, state(done))).get()).isInstanceOfSatisfying(CheckOutcome.FoundInPart.class,
                f -> assertThat(TikTokSteps.parse(f.state()).sent()).isNotNull());
        assertThat(connector.check(withState(request, state(done))).get())
                .isEqualTo(new CheckOutcome.Found("7300000000000000001", "https://www.tiktok.com/@ada/video/7300000000000000001"));
        failReason = "spam_risk_text";
        assertThat(connector.check(withState(request, state(done))).get()).isInstanceOf(CheckOutcome.NotFound.class);
    }

    @Test
    void refusalsBeforeAnyCall() {
        PublishMedia mp4 = new PublishMedia("v", "video/mp4", 10, "v.mp4", null, () -> null);
        PublishMedia png = new PublishMedia("p", "image/png", 10, "p.png", null, () -> null);
        PublishMedia jpeg = new PublishMedia(UUID.randomUUID().toString(), "image/jpeg", 10, "p.jpg", null, () -> null);
        PublishMedia url = new PublishMedia("https://cdn.example.com/v.mp4", "video/mp4", -1, null, null, null);
        assertThat(TikTokConnector.refusal(request("text only", List.of(), null), true, false)).get().asString()
                .contains("no text-only posts");
        assertThat(TikTokConnector.refusal(request("both", List.of(mp4, jpeg), null), true, false)).get().asString().contains("not several videos or both");
        assertThat(TikTokConnector.refusal(request("png", List.of(png), null), true, false)).get().asString().contains("JPEG or WebP");
        assertThat(TikTokConnector.refusal(request("url", List.of(url), null), true, false)).get().asString().contains("upload it to the library");
        assertThat(TikTokConnector.refusal(request("url", List.of(url), null), true, true)).isEmpty();
        assertThat(TikTokConnector.refusal(request("no base", List.of(jpeg), null), false, false)).get().asString()
                .contains("syndicast.public-url");
        assertThat(TikTokConnector.refusal(request("cover", List.of(jpeg), Json.createObjectBuilder().add("photo_cover_index", 1).build()),
                true, false)).get().asString().contains("photo_cover_index 1 names no photo");
        assertThat(TikTokConnector.refusal(request("fine", List.of(mp4), null), false, false)).isEmpty();
        assertThat(connector.serves("tiktok", null)).isTrue();
        assertThat(connector.serves("tiktok", SandboxConnector.SERVICE)).isFalse();
        assertThat(connector.serves("youtube", null)).isFalse();
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        TikTokSteps steps = TikTokSteps.initialized(Instant.EPOCH, "video", "FILE_UPLOAD", "v_pub_file~v2-1.9", "ada", "SELF_ONLY",
                new TikTokSteps.Upload("https://upload.example/?id=1", Instant.EPOCH, TikTokChunkPlan.of(50_000_123, 10_000_000), 2, true));
        assertThat(TikTokSteps.parse(steps.toJson())).isEqualTo(steps);
        TikTokSteps sent = steps.allSent(Instant.EPOCH.plusSeconds(5));
        assertThat(TikTokSteps.parse(sent.toJson())).isEqualTo(sent);
        assertThat(sent.upload().acked()).isEqualTo(5);
        assertThat(TikTokSteps.parse("{broken")).isEqualTo(TikTokSteps.none());
        TikTokSteps photo = TikTokSteps.initialized(Instant.EPOCH, "photo", "PULL_FROM_URL", "p_pub_url~v2.1", null, "PUBLIC_TO_EVERYONE", null);
        assertThat(TikTokSteps.parse(photo.toJson())).isEqualTo(photo);
        assertThat(photo.sent()).as("pulled: nothing left to send after the init").isEqualTo(Instant.EPOCH);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Publishes step by step, as the job would, carrying the stored state between calls. */
    private PublishOutcome run(PublishRequest first, List<PublishOutcome> steps) throws Exception {
        PublishRequest request = first;
        statusPolls.set(0);
        for (int step = 0; step < 40; step++) {
            PublishOutcome outcome = connector.publish(request).get();
            steps.add(outcome);
            if (!(outcome instanceof PublishOutcome.InProgress p)) {
                return outcome;
            }
            request = withState(request, p.state());
        }
        throw new AssertionError("no end after 40 steps: " + steps);
    }

    private static String state(PublishOutcome outcome) {
        return ((PublishOutcome.InProgress) outcome).state();
    }

    private static PublishMedia video(Path dir, long size, double seconds) throws IOException {
        Path file = dir.resolve("v.mp4");
        SplittableRandom random = new SplittableRandom(size);
        byte[] block = new byte[65_536];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return new PublishMedia(UUID.randomUUID().toString(), "video/mp4", size, "v.mp4", null,
                () -> (SeekableByteChannel) Files.newByteChannel(file, StandardOpenOption.READ), seconds);
    }

    private static PublishMedia photo(String id) {
        return new PublishMedia(id, "image/jpeg", 10, "p.jpg", null, () -> null);
    }

    private static PublishRequest request(String text, List<PublishMedia> media, JsonObject options) {
        return new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "tiktok", UUID.randomUUID(), "open-id", null, TOKEN,
                text, null, List.of(), media.stream().map(PublishMedia::reference).toList(), media, null, options);
    }

    private static PublishRequest withState(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state, r.options());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65_536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** A clock the test moves (the upload URL's hour, the publish deadline). */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
