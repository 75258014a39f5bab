package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import dev.syndicast.media.boundary.MediaFiles;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YouTube connector over real HTTP against a small strict fake of the resumable upload protocol
 * (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol) in a JDK HttpServer: the session opened
 * with the metadata, chunks of 256 KiB multiples with contiguous {@code Content-Range}s, {@code 308} with {@code Range},
 * the {@code bytes *}{@code /N} status query, resuming from the byte the fake kept after a dropped connection or a 5xx
 * (never from zero), the lost answer to the last chunk found through the session or the uploads playlist, an expired
 * session, the quota, a renewed token, and the thumbnail.
 */
class YouTubeConnectorTest {

    private static final String TOKEN = "token";
    private static final String FRESH = "fresh-token";
    private static final int UNIT = 256 * 1024;
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private HttpServer server;
    private YouTubeConnector connector;
    private TickingClock clock;
    private Path work;
    private volatile String validToken = TOKEN;
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Upload> sessions = new ConcurrentHashMap<>();
    private final List<Video> videos = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> thumbnails = new CopyOnWriteArrayList<>();
    /** Faults: drop the connection once a session holds this many bytes (-1: never). */
    private volatile long dropAtByte = -1;
    private final AtomicInteger failChunks = new AtomicInteger();
    private final AtomicInteger dropLastAfterCreate = new AtomicInteger();
    private volatile boolean quotaExceeded;
    private volatile boolean refuseThumbnails;
    private volatile boolean expireSessions;

    record Video(String id, JsonObject resource, byte[] bytes, String notifySubscribers) {
    }

    static final class Upload {
        final String id;
        final long size;
        final String type;
        final JsonObject resource;
        final String notify;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        long bytesOnTheWire;
        String video;

        Upload(String id, long size, String type, JsonObject resource, String notify) {
            this.id = id;
            this.size = size;
            this.type = type;
            this.resource = resource;
            this.notify = notify;
        }
    }

    /** A clock that moves on by {@code tick} every time it is read. */
    static final class TickingClock extends Clock {
        Instant now = Instant.parse("2027-03-01T10:00:00Z");
        Duration tick = Duration.ZERO;

        @Override
        public synchronized Instant instant() {
            Instant at = now;
            now = now.plus(tick);
            return at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() throws IOException {
        work = Files.createTempDirectory("youtube-connector");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::route);
        server.start();
        clock = new TickingClock();
        connector = new YouTubeConnector();
        connector.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        connector.uploadUrl = connector.apiUrl + "/";
        connector.uploadTimeout = Duration.ofSeconds(10);
        connector.chunkSize = UNIT;
        connector.stepDuration = Duration.ofMinutes(10);
        connector.retryDelay = Duration.ofSeconds(2);
        connector.uploadDeadline = Duration.ofHours(24);
        connector.rateLimitWait = Duration.ofMinutes(1);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                validToken = FRESH;
                return TokenRefresher.Result.REFRESHED;
            }
        };
        UUID workspace = UUID.randomUUID();
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(workspace, "ada", FRESH));
            }
        };
        connector.accounts = accounts;
        connector.media = new MediaFiles() {
            @Override
            public Optional<Sendable> sendable(UUID workspaceId, UUID id) {
                Path image = work.resolve(id + ".png");
                if (!workspaceId.equals(workspace) || !Files.exists(image)) {
                    return Optional.empty();
                }
                return Optional.of(new Sendable(id, "image/png", 100, null, 8, 8,
                        () -> Files.newByteChannel(image, StandardOpenOption.READ)));
            }
        };
        connector.calls = PlatformCalls.of(clock, accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
        connector.init();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        try (var files = Files.list(work)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(work);
    }

    // ---- the tests ----------------------------------------------------------------------------------------------

    @Test
    void aVideoIsUploadedInChunksOfWholeUnitsWithItsMetadataAndPublished() throws IOException {
        PublishMedia video = file("clip.mp4", 4 * UNIT + 1000);
        JsonObject options = Json.createObjectBuilder().add("privacy_status", "unlisted").add("category_id", "27")
                .add("tags", Json.createArrayBuilder().add("launch").add("behind the scenes"))
                .add("made_for_kids", false).add("notify_subscribers", false).build();
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request(null, "Launch day\nEverything we shipped", video, options), steps);

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> {
            assertThat(p.externalId()).isEqualTo(videos.get(0).id());
            assertThat(p.url()).isEqualTo("https://www.youtube.com/watch?v=" + p.externalId());
        });
        assertThat(videos).hasSize(1);
        assertThat(videos.get(0).bytes()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
        assertThat(videos.get(0).notifySubscribers()).isEqualTo("false");
        JsonObject snippet = videos.get(0).resource().getJsonObject("snippet");
        assertThat(snippet.getString("title")).as("the text's first line").isEqualTo("Launch day");
        assertThat(snippet.getString("description")).isEqualTo("Launch day\nEverything we shipped");
        assertThat(snippet.getString("categoryId")).isEqualTo("27");
        assertThat(snippet.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("launch", "behind the scenes");
        JsonObject status = videos.get(0).resource().getJsonObject("status");
        assertThat(status.getString("privacyStatus")).isEqualTo("unlisted");
        assertThat(status.getBoolean("selfDeclaredMadeForKids")).isFalse();
        assertThat(steps).hasSize(2).first().isInstanceOfSatisfying(PublishOutcome.InProgress.class,
                s -> assertThat(YouTubeSteps.parse(s.state()).session()).as("the session is stored before any byte").isNotNull());
        assertThat(requests.stream().filter(r -> r.startsWith("PUT chunk"))).containsExactly(
                "PUT chunk bytes 0-262143/1049576", "PUT chunk bytes 262144-524287/1049576", "PUT chunk bytes 524288-786431/1049576",
                "PUT chunk bytes 786432-1048575/1049576", "PUT chunk bytes 1048576-1049575/1049576");
    }

    @Test
    void theDefaultsArePublicPeopleAndBlogsNotForKidsWithSubscribersToldAndThePostsOwnTitle() throws IOException {
        PublishOutcome outcome = publish(request("My title", "The description", file("clip.mp4", 1000), null));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        JsonObject resource = videos.get(0).resource();
        assertThat(resource.getJsonObject("snippet").getString("title")).isEqualTo("My title");
        assertThat(resource.getJsonObject("snippet").getString("categoryId")).isEqualTo("22");
        assertThat(resource.getJsonObject("snippet").containsKey("tags")).isFalse();
        assertThat(resource.getJsonObject("status").getString("privacyStatus")).isEqualTo("public");
        assertThat(resource.getJsonObject("status").getBoolean("selfDeclaredMadeForKids")).isFalse();
        assertThat(videos.get(0).notifySubscribers()).isEqualTo("true");
    }

    @Test
    void eachStepSendsChunksForItsDurationAndStoresWhatYouTubeConfirmed() throws IOException {
        clock.tick = Duration.ofMinutes(1);
        connector.stepDuration = Duration.ofSeconds(90);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("Stepped", "text", file("clip.mp4", 5 * UNIT), null), steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        List<Long> stored = steps.stream().filter(s -> s instanceof PublishOutcome.InProgress)
                .map(s -> YouTubeSteps.parse(((PublishOutcome.InProgress) s).state()).received()).toList();
        assertThat(stored).as("open, then two chunks per step").containsExactly(0L, 2L * UNIT, 4L * UNIT);
        assertThat(requests.stream().filter(r -> r.startsWith("PUT status"))).as("every upload step asks first").hasSize(3);
        assertThat(videos.get(0).bytes()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void chunksGrowWhileTheLinkIsFastUpToTheLargestChunkEachAMultipleOf256KiB() throws IOException {
        connector.uploadTimeout = Duration.ofMinutes(10); // a chunk may grow to what goes in 75 s at the last one's rate
        connector.maxChunkSize = 4 * UNIT;
        int size = 10 * UNIT + 5;
        PublishOutcome outcome = publish(request("Growing", "text", file("clip.mp4", size), null));

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(requests.stream().filter(r -> r.startsWith("PUT chunk"))).as("256 KiB first, then four times that")
                .containsExactly("PUT chunk bytes 0-262143/" + size, "PUT chunk bytes 262144-1310719/" + size,
                        "PUT chunk bytes 1310720-2359295/" + size, "PUT chunk bytes 2359296-2621444/" + size);
        assertThat(videos.get(0).bytes()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void theNextChunkTakesAboutAnEighthOfTheUploadTimeoutAtTheLastChunksRateWithinItsBounds() {
        long mib = 1024 * 1024;
        connector.chunkSize = (int) (8 * mib);
        connector.maxChunkSize = (int) (64 * mib);
        connector.uploadTimeout = Duration.ofSeconds(80); // an eighth: 10 s
        long tenth = 100_000_000L;
        assertThat(connector.nextChunk(8 * mib, tenth)).as("fast: at most four times the last chunk").isEqualTo(32 * mib);
        assertThat(connector.nextChunk(32 * mib, tenth)).as("never past max-chunk-size").isEqualTo(64 * mib);
        assertThat(connector.nextChunk(8 * mib, 8 * 1_000_000_000L)).as("1 MiB/s: 10 s worth").isEqualTo(10 * mib);
        assertThat(connector.nextChunk(8 * mib, 7 * 1_000_000_000L)).as("rounded down to 256 KiB")
                .isEqualTo(45L * UNIT);
        assertThat(connector.nextChunk(8 * mib, 80 * 1_000_000_000L)).as("slow: never below chunk-size").isEqualTo(8 * mib);
    }

    @Test
    void aDroppedConnectionResumesFromTheByteYouTubeHasNeverFromZero() throws IOException {
        int size = 6 * UNIT + 77;
        dropAtByte = 2L * UNIT + 100_000;
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("Dropped", "text", file("clip.mp4", size), null), steps);

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(steps).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(PublishOutcome.InProgress.class, i -> {
            assertThat(i.note()).contains("broke off", "resuming from the byte YouTube has");
            assertThat(i.checkAgainIn()).isEqualTo(Duration.ofSeconds(2));
        }));
        assertThat(requests).contains("PUT chunk bytes " + (2 * UNIT + 100_000) + "-" + (2 * UNIT + 100_000 + UNIT - 1) + "/" + size);
        Upload upload = sessions.values().iterator().next();
        assertThat(upload.bytesOnTheWire).as("every byte reached the fake exactly once").isEqualTo(size);
        assertThat(videos).hasSize(1);
        assertThat(videos.get(0).bytes()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void aServerErrorOnAChunkIsAnInterruptionThatResumesWithGrowingBackOff() throws IOException {
        failChunks.set(2);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("Flaky", "text", file("clip.mp4", 3 * UNIT), null), steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(steps).filteredOn(s -> s instanceof PublishOutcome.InProgress i && i.note().contains("HTTP 503"))
                .extracting(s -> ((PublishOutcome.InProgress) s).checkAgainIn())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(sessions.values().iterator().next().bytesOnTheWire).isEqualTo(3L * UNIT);
        assertThat(videos).hasSize(1);
    }

    @Test
    void aLostAnswerToTheLastChunkIsUnknownAndTheSessionNamesTheOneVideo() throws IOException {
        dropLastAfterCreate.set(1);
        PublishRequest first = request("Lost answer", "text", file("clip.mp4", 2 * UNIT), null);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(first, steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(videos).hasSize(1);
        String state = ((PublishOutcome.InProgress) steps.get(steps.size() - 2)).state();

        CheckOutcome check = connector.checkNow(withState(first, state));
        assertThat(check).isEqualTo(new CheckOutcome.Found(videos.get(0).id(), YouTubeAnswers.watchUrl(videos.get(0).id())));
        assertThat(requests).last().isEqualTo("PUT status bytes */" + 2 * UNIT);
        assertThat(videos).hasSize(1);
    }

    @Test
    void aLostLastAnswerWithAnExpiredSessionIsFoundInTheUploadsPlaylist() throws IOException {
        dropLastAfterCreate.set(1);
        PublishRequest first = request("Lost and expired", "The description\nsecond line", file("clip.mp4", UNIT + 5), null);
        List<PublishOutcome> steps = new ArrayList<>();
        assertThat(publish(first, steps)).isInstanceOf(PublishOutcome.Unknown.class);
        String state = ((PublishOutcome.InProgress) steps.get(steps.size() - 2)).state();
        expireSessions = true;

        CheckOutcome check = connector.checkNow(withState(first, state));
        assertThat(check).isEqualTo(new CheckOutcome.Found(videos.get(0).id(), YouTubeAnswers.watchUrl(videos.get(0).id())));
        assertThat(requests).contains("GET /youtube/v3/channels", "GET /youtube/v3/playlistItems");
        PublishRequest other = request("Never uploaded", "other text", file("other.mp4", 10), null);
        assertThat(connector.checkNow(withState(other, state))).isInstanceOf(CheckOutcome.NotFound.class);
    }

    @Test
    void aCheckBeforeEveryByteArrivedIsNotFoundAndThePublishGoesOnFromWhatYouTubeHas() throws IOException {
        clock.tick = Duration.ofMinutes(1);
        connector.stepDuration = Duration.ofSeconds(30);
        PublishRequest first = request("Crashed midway", "text", file("clip.mp4", 3 * UNIT), null);
        PublishOutcome opened = connector.publishNow(first);
        PublishOutcome oneChunk = connector.publishNow(withState(first, ((PublishOutcome.InProgress) opened).state()));
        String afterOneChunk = ((PublishOutcome.InProgress) oneChunk).state();
        assertThat(YouTubeSteps.parse(afterOneChunk).received()).isEqualTo(UNIT);

        // A restart after the stored step: the job is asked about first, then continues from YouTube's count.
        assertThat(connector.checkNow(withState(first, afterOneChunk))).isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(connector.checkNow(withState(first, null))).as("no session, no video").isInstanceOf(CheckOutcome.NotFound.class);
        PublishOutcome outcome = publish(withState(first, afterOneChunk));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(sessions.values().iterator().next().bytesOnTheWire).isEqualTo(3L * UNIT);
    }

    @Test
    void anExpiredSessionMidwayStartsOver() throws IOException {
        PublishRequest first = request("Expired", "text", file("clip.mp4", 2 * UNIT), null);
        PublishOutcome opened = connector.publishNow(first);
        expireSessions = true;
        assertThat(connector.publishNow(withState(first, ((PublishOutcome.InProgress) opened).state())))
                .isInstanceOfSatisfying(PublishOutcome.StartOver.class, s -> assertThat(s.reason()).contains("expired"));
        assertThat(videos).isEmpty();
    }

    @Test
    void aUsedUpQuotaWaitsUntilMidnightPacificTime() throws IOException {
        quotaExceeded = true;
        clock.now = Instant.parse("2027-03-01T10:00:00Z"); // 02:00 in Los Angeles (PST, UTC-8)
        PublishOutcome outcome = connector.publishNow(request("Quota", "text", file("clip.mp4", 10), null));
        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(22));
            assertThat(r.reason()).contains("quota", "quotaExceeded").doesNotContain("<a");
        });
        assertThat(sessions).isEmpty();
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheUploadGoesOn() throws IOException {
        validToken = FRESH;
        PublishRequest first = request("Renewed", "text", file("clip.mp4", UNIT + 1), null);
        PublishOutcome opened = connector.publishNow(first);
        assertThat(opened).isInstanceOf(PublishOutcome.InProgress.class);
        assertThat(refreshes.get()).as("the session call was refused once, renewed, sent again").isEqualTo(1);
        validToken = "rotated";
        PublishOutcome outcome = connector.publishNow(withState(first, ((PublishOutcome.InProgress) opened).state()));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(refreshes.get()).as("the upload's first call was refused, renewed, and the upload went on").isEqualTo(2);
        assertThat(videos).hasSize(1);
    }

    @Test
    void theThumbnailIsSetAsItsOwnStepAfterTheVideoExists() throws IOException {
        UUID image = UUID.randomUUID();
        Files.write(work.resolve(image + ".png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        JsonObject options = Json.createObjectBuilder().add("thumbnail_media_id", image.toString()).build();
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("Thumb", "text", file("clip.mp4", 100), options), steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(steps.get(steps.size() - 2)).isInstanceOfSatisfying(PublishOutcome.InProgress.class,
                s -> assertThat(YouTubeSteps.parse(s.state()).video()).isEqualTo(videos.get(0).id()));
        assertThat(thumbnails).containsExactly(videos.get(0).id() + " image/png 7");
    }

    @Test
    void aRefusedThumbnailKeepsTheVideoPublishedInPart() throws IOException {
        refuseThumbnails = true;
        UUID image = UUID.randomUUID();
        Files.write(work.resolve(image + ".png"), new byte[] {1, 2, 3});
        JsonObject options = Json.createObjectBuilder().add("thumbnail_media_id", image.toString()).build();
        PublishRequest request = request("Unverified", "text", file("clip.mp4", 100), options);
        PublishOutcome outcome = publish(request);
        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.PublishedInPart.class, p -> {
            assertThat(p.externalId()).isEqualTo(videos.get(0).id());
            assertThat(p.reason()).contains("without its thumbnail",
                    "The authenticated user doesn't have permissions to upload and set custom video thumbnails", "forbidden");
        });
        assertThat(videos).hasSize(1);
        String afterUpload = new YouTubeSteps(clock.now, "http://x/s", 100, 100, 0, videos.get(0).id(), 0).toJson();
        assertThat(connector.checkNow(withState(request, afterUpload))).as("after a crash the thumbnail step comes back")
                .isInstanceOf(CheckOutcome.FoundInPart.class);
    }

    @Test
    void aPostYouTubeCannotTakeIsRefusedBeforeAnyCall() throws IOException {
        assertThat(connector.publishNow(request(null, "x".repeat(101), file("clip.mp4", 10), null)))
                .isInstanceOfSatisfying(PublishOutcome.Permanent.class, p -> assertThat(p.reason()).contains("101 characters"));
        PublishMedia image = new PublishMedia("i", "image/png", 3, "i.png", null, () -> null);
        assertThat(connector.publishNow(new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "youtube", UUID.randomUUID(),
                "UC1", null, TOKEN, "text", "Title", List.of(), List.of("i"), List.of(image), null)))
                .isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(requests).isEmpty();
    }

    // ---- driving the steps as the dispatcher would ----------------------------------------------------------------

    private PublishOutcome publish(PublishRequest request) {
        return publish(request, new ArrayList<>());
    }

    private PublishOutcome publish(PublishRequest request, List<PublishOutcome> steps) {
        PublishRequest next = request;
        for (int i = 0; i < 40; i++) {
            PublishOutcome outcome = connector.publishNow(next);
            steps.add(outcome);
            if (!(outcome instanceof PublishOutcome.InProgress progress)) {
                return outcome;
            }
            next = withState(next, progress.state());
        }
        throw new AssertionError("never finished: " + steps);
    }

    private static PublishRequest withState(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), false, true, "youtube", r.accountId(),
                r.platformAccountId(), null, r.accessToken(), r.text(), r.title(), r.threadParts(), r.mediaUrls(), r.media(), state,
                r.options());
    }

    private static PublishRequest request(String title, String text, PublishMedia video, JsonObject options) {
        return new PublishRequest(UUID.randomUUID(), 1, "syn-" + UUID.randomUUID(), false, true, "youtube", UUID.randomUUID(),
                "UC1", null, TOKEN, text, title, List.of(), List.of(video.reference()), List.of(video), null, options);
    }

    private PublishMedia file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 997);
        }
        Path path = Files.write(work.resolve(name), bytes);
        return new PublishMedia(name, "video/mp4", size, name, null, () -> Files.newByteChannel(path, StandardOpenOption.READ));
    }

    // ---- the fake -----------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // Google's 401 body (developers.google.com/youtube/v3/docs/errors: authError).
                respond(exchange, 401, error(401, "Invalid Credentials", "global", "authError"));
                return;
            }
            if (method.equals("POST") && path.equals("/upload/youtube/v3/videos")) {
                open(exchange, query);
            } else if (method.equals("PUT") && path.equals("/upload/youtube/v3/videos")) {
                put(exchange, query);
            } else if (method.equals("POST") && path.equals("/upload/youtube/v3/thumbnails/set")) {
                requests.add("POST thumbnails/set");
                byte[] image = exchange.getRequestBody().readAllBytes();
                if (refuseThumbnails) {
                    respond(exchange, 403, error(403, "The authenticated user doesn't have permissions to upload and set"
                            + " custom video thumbnails.", "youtube.thumbnail", "forbidden"));
                    return;
                }
                thumbnails.add(query.get("videoId") + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + image.length);
                respond(exchange, 200, "{\"kind\":\"youtube#thumbnailSetResponse\",\"items\":[]}");
            } else if (method.equals("GET") && path.equals("/youtube/v3/channels")) {
                requests.add("GET /youtube/v3/channels");
                respond(exchange, 200, "{\"items\":[{\"id\":\"UC1\",\"contentDetails\":{\"relatedPlaylists\":{\"uploads\":\"UU1\"}}}]}");
            } else if (method.equals("GET") && path.equals("/youtube/v3/playlistItems") && "UU1".equals(query.get("playlistId"))) {
                requests.add("GET /youtube/v3/playlistItems");
                JsonArrayBuilder items = Json.createArrayBuilder();
                for (int i = videos.size() - 1; i >= 0; i--) {
                    Video v = videos.get(i);
                    items.add(Json.createObjectBuilder().add("snippet", Json.createObjectBuilder(v.resource().getJsonObject("snippet"))
                            .add("publishedAt", clock.now.toString())
                            .add("resourceId", Json.createObjectBuilder().add("kind", "youtube#video").add("videoId", v.id()))));
                }
                respond(exchange, 200, Json.createObjectBuilder().add("items", items).build().toString());
            } else {
                respond(exchange, 404, error(404, "Not Found", "global", "notFound"));
            }
        }
    }

    /** Step 1: the video resource and the X-Upload headers; answers the session URL in Location. */
    private void open(HttpExchange exchange, Map<String, String> query) throws IOException {
        JsonObject resource = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8))).readObject();
        requests.add("POST videos " + query.get("part"));
        if (quotaExceeded) {
            respond(exchange, 403, error(403, "The request cannot be completed because you have exceeded your"
                    + " <a href=\"/youtube/v3/getting-started#quota\">quota</a>.", "youtube.quota", "quotaExceeded"));
            return;
        }
        assertThat(query).containsEntry("uploadType", "resumable").containsEntry("part", "snippet,status");
        assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        String id = "S" + ids.incrementAndGet();
        sessions.put(id, new Upload(id, Long.parseLong(exchange.getRequestHeaders().getFirst("X-Upload-Content-Length")),
                exchange.getRequestHeaders().getFirst("X-Upload-Content-Type"), resource, query.get("notifySubscribers")));
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/upload/youtube/v3/videos?uploadType=resumable&upload_id=" + id);
        respond(exchange, 200, "");
    }

    /** Steps 3 and 4: a chunk with Content-Range a-b/N, or the status query bytes * /N. */
    private void put(HttpExchange exchange, Map<String, String> query) throws IOException {
        Upload upload = sessions.get(query.getOrDefault("upload_id", ""));
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        if (upload == null || expireSessions) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 404, error(404, "Not Found", "global", "notFound"));
            return;
        }
        if (range.equals("bytes */" + upload.size)) {
            requests.add("PUT status " + range);
            assertThat(exchange.getRequestBody().readAllBytes()).isEmpty();
            answer(exchange, upload);
            return;
        }
        requests.add("PUT chunk " + range);
        Matcher m = RANGE.matcher(range);
        assertThat(m.matches()).as(range).isTrue();
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        assertThat(Long.parseLong(m.group(3))).isEqualTo(upload.size);
        assertThat(first).as("a chunk starts at the byte YouTube has").isEqualTo(upload.held.size());
        boolean finalChunk = last + 1 == upload.size;
        assertThat(finalChunk || (last - first + 1) % UNIT == 0).as("chunks but the last are multiples of 256 KiB").isTrue();
        if (failChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getRequestBody().readAllBytes(); // refused: nothing of it is kept
            respond(exchange, 503, error(503, "Backend Error", "global", "backendError"));
            return;
        }
        InputStream body = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer)) > 0) {
            int keep = n;
            if (dropAtByte >= 0 && upload.held.size() + n >= dropAtByte) {
                keep = (int) (dropAtByte - upload.held.size());
            }
            upload.held.write(buffer, 0, keep);
            upload.bytesOnTheWire += keep;
            if (dropAtByte >= 0 && upload.held.size() >= dropAtByte) {
                dropAtByte = -1;
                return; // closing without an answer drops the connection: the rest of the chunk never arrives
            }
        }
        if (finalChunk && dropLastAfterCreate.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
            created(upload);
            return;
        }
        answer(exchange, upload);
    }

    private void answer(HttpExchange exchange, Upload upload) throws IOException {
        if (upload.held.size() == upload.size) {
            boolean fresh = upload.video == null;
            String id = created(upload);
            respond(exchange, fresh ? 201 : 200, Json.createObjectBuilder().add("kind", "youtube#video")
                    .add("id", id).addAll(Json.createObjectBuilder(upload.resource)).build().toString());
            return;
        }
        if (upload.held.size() > 0) {
            exchange.getResponseHeaders().add("Range", "bytes=0-" + (upload.held.size() - 1));
        }
        respond(exchange, 308, "");
    }

    private synchronized String created(Upload upload) {
        if (upload.video == null) {
            upload.video = "v" + ids.incrementAndGet() + "abcdefg".substring(0, 3);
            videos.add(new Video(upload.video, upload.resource, upload.held.toByteArray(), upload.notify));
        }
        return upload.video;
    }

    private static String error(int code, String message, String domain, String reason) {
        JsonObjectBuilder entry = Json.createObjectBuilder().add("message", message).add("domain", domain).add("reason", reason);
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code).add("message", message)
                .add("errors", Json.createArrayBuilder().add(entry))).build().toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
