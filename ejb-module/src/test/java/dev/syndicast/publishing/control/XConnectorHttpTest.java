package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The X connector over real HTTP against a small strict stand-in of X API v2 (a JDK HttpServer), each rule after the
 * docs.x.com page named beside it: text, an image, a video uploaded in chunks and processed over several status polls
 * (each poll a separate step), a thread as a reply chain, exactly one tweet when the connection drops after X created
 * it (the lookup finds it), a 429 with its reset, a refusal whose problem is kept, and a 401 refreshed once.
 */
class XConnectorHttpTest {

    private static final String TOKEN = "token";
    private static final String FRESH = "fresh-token";

    private HttpServer server;
    private XConnector connector;
    private final List<Tweet> tweets = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000);
    private final AtomicInteger processingPolls = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger tweetCalls = new AtomicInteger();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Faults of one append each, by segment index: taken then the connection dropped; answered 503; 429. */
    private final Map<Integer, String> appendFaults = new ConcurrentHashMap<>();
    private volatile boolean expireUploads;
    private volatile boolean refreshWorks = true;
    private volatile String validToken = TOKEN;
    private Path work;

    record Tweet(String id, String text, List<String> mediaIds, String inReplyTo) {
    }

    /** An upload as X holds it: its segments by index (a segment sent again replaces it), and each index's sends. */
    static final class Upload {
        final String id;
        final String category;
        final long total;
        final List<byte[]> segments = new ArrayList<>();
        final Map<Integer, Integer> sends = new ConcurrentHashMap<>();
        boolean finalized;
        boolean expired;
        boolean ready;
        final AtomicInteger polls = new AtomicInteger();

        Upload(String id, String category, long total) {
            this.id = id;
            this.category = category;
            this.total = total;
        }

        synchronized byte[] received() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            segments.forEach(all::writeBytes);
            return all.toByteArray();
        }

        synchronized int nextSegment() {
            return segments.size();
        }
    }

    @BeforeEach
    void start() throws IOException {
        work = Files.createTempDirectory("x-connector");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::route);
        server.start();
        connector = new XConnector();
        connector.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        connector.uploadUrl = Optional.empty();
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.chunkSize = 1000;
        connector.uploadStep = Duration.ofSeconds(30);
        connector.processingPoll = Duration.ofSeconds(1);
        connector.processingDeadline = Duration.ofMinutes(30);
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
        connector.calls = PlatformCalls.of(Clock.systemUTC(), accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(3));
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
    void aTextPostBecomesOneTweet() {
        PublishOutcome outcome = publish(request("Hello https://example.com/launch", List.of(), List.of()));
        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Published.class, p -> {
            assertThat(p.url()).isEqualTo("https://x.com/i/web/status/" + p.externalId());
            assertThat(tweets).extracting(Tweet::id).containsExactly(p.externalId());
        });
        assertThat(tweets.get(0).text()).isEqualTo("Hello https://example.com/launch");
    }

    @Test
    void anImageIsUploadedSimplyAndAttached() throws IOException {
        PublishMedia image = file("pixel.png", "image/png", 300);
        PublishOutcome outcome = publish(request("An image", List.of(), List.of(image)));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(upload.category).isEqualTo("tweet_image");
        assertThat(upload.received()).hasSize(300);
    }

    @Test
    void aVideoIsUploadedInChunksAndPolledThroughSeveralStepsUntilProcessed() throws IOException {
        PublishMedia video = file("clip.mp4", "video/mp4", 2_500);
        processingPolls.set(3);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("A video", List.of(), List.of(video)), steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(upload.category).isEqualTo("tweet_video");
        assertThat(upload.nextSegment()).as("three appends of at most 1000 bytes").isEqualTo(3);
        assertThat(upload.sends).as("each segment sent once").containsOnly(Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 1));
        assertThat(upload.received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
        assertThat(upload.polls.get()).as("three in_progress, then succeeded").isEqualTo(4);
        assertThat(steps).as("initialize; the appends and finalize; four polls").filteredOn(s -> s instanceof PublishOutcome.InProgress)
                .hasSize(6);
        assertThat(steps).filteredOn(s -> s instanceof PublishOutcome.InProgress i && !i.checkAgainIn().isZero()).hasSize(4);
    }

    @Test
    void theInitializeIsAStepOfItsOwnStoredBeforeAnySegmentGoesOut() throws IOException {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        connector.calls.clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        assertThat(calls).containsExactly("POST /2/media/upload/initialize");
        assertThat(initialized.checkAgainIn()).isZero();
        UploadSteps.Chunked upload = UploadSteps.parse(initialized.state()).chunked();
        assertThat(upload).isEqualTo(new UploadSteps.Chunked(uploads.keySet().iterator().next(), 0, 1000, 2_500,
                now.plusSeconds(86_400)));
        assertThat(upload.segments()).isEqualTo(3);
    }

    @Test
    void withAShortUploadStepEachStepAppendsOneSegmentAndStoresTheNextIndex() throws IOException {
        connector.uploadStep = Duration.ZERO; // at least one call a step: exactly one here
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        List<PublishOutcome> steps = new ArrayList<>();
        assertThat(publish(request, steps)).isInstanceOf(PublishOutcome.Published.class);
        assertThat(steps.subList(0, 4)).extracting(s -> UploadSteps.parse(((PublishOutcome.InProgress) s).state()).chunked().segment())
                .as("initialized, then one more segment stored by each step").containsExactly(0, 1, 2, 3);
        assertThat(UploadSteps.parse(((PublishOutcome.InProgress) steps.get(4)).state()).chunked())
                .as("finalized in a step of its own: the upload is one of the post's media now").isNull();
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(upload.sends).containsOnly(Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 1));
        assertThat(upload.received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void aDroppedAppendStoresTheSegmentsBeforeItAndOnlyThatSegmentIsSentAgain() throws IOException {
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 3_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        appendFaults.put(2, "drop");
        PublishOutcome.InProgress dropped = (PublishOutcome.InProgress) connector.publishNow(withState(request, initialized.state()));
        assertThat(UploadSteps.parse(dropped.state()).chunked().segment()).as("0 and 1 acknowledged, 2 in flight").isEqualTo(2);
        assertThat(dropped.checkAgainIn()).isEqualTo(connector.processingPoll);
        assertThat(dropped.note()).contains("segment 2 of 4", "sent again");

        assertThat(publish(withState(request, dropped.state()))).isInstanceOf(PublishOutcome.Published.class);
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(uploads).as("one upload, resumed").hasSize(1);
        assertThat(upload.sends).as("the dropped segment sent again, no other")
                .containsOnly(Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 2), Map.entry(3, 1));
        assertThat(upload.received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void anAppendFailingAsAStepsFirstCallIsNotProcessedAndTheStoredIndexStays() throws IOException {
        connector.uploadStep = Duration.ZERO;
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        PublishOutcome.InProgress first = (PublishOutcome.InProgress) connector.publishNow(withState(request, initialized.state()));
        appendFaults.put(1, "503");
        assertThat(connector.publishNow(withState(request, first.state())))
                .as("nothing got further: an attempt, and the job keeps the state it has").isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(publish(withState(request, first.state()))).isInstanceOf(PublishOutcome.Published.class);
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(upload.sends).containsOnly(Map.entry(0, 1), Map.entry(1, 1), Map.entry(2, 1));
        assertThat(upload.received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void aRateLimitAfterSomeSegmentsStoresThemAndTheNextStepWaitsItOut() throws IOException {
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        appendFaults.put(1, "429");
        PublishOutcome.InProgress limited = (PublishOutcome.InProgress) connector.publishNow(withState(request, initialized.state()));
        assertThat(UploadSteps.parse(limited.state()).chunked().segment()).isEqualTo(1);
        appendFaults.put(1, "429");
        assertThat(connector.publishNow(withState(request, limited.state()))).isInstanceOf(PublishOutcome.RateLimited.class);
    }

    @Test
    void aStepCutShortByACrashIsMadeAgainFromTheStoredIndexToTheSameUpload() throws IOException {
        connector.uploadStep = Duration.ZERO;
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 4_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        PublishOutcome.InProgress stored = (PublishOutcome.InProgress) connector.publishNow(withState(request, initialized.state()));
        connector.uploadStep = Duration.ofSeconds(30);
        appendFaults.put(3, "drop");
        connector.publishNow(withState(request, stored.state())); // segments 1 and 2 acknowledged, 3 taken: never stored

        assertThat(publish(withState(request, stored.state()))).isInstanceOf(PublishOutcome.Published.class);
        assertThat(uploads).as("no second initialize").hasSize(1);
        Upload upload = uploads.get(tweets.get(0).mediaIds().get(0));
        assertThat(upload.sends).as("the lost step's segments sent once more, the stored one not")
                .containsOnly(Map.entry(0, 1), Map.entry(1, 2), Map.entry(2, 2), Map.entry(3, 2), Map.entry(4, 1));
        assertThat(upload.received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void anUploadPastItsExpiryStartsOverWithoutACall() throws IOException {
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        connector.calls.clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(86_400));
        calls.clear();
        assertThat(connector.publishNow(withState(request, initialized.state())))
                .isInstanceOfSatisfying(PublishOutcome.StartOver.class, o -> assertThat(o.reason()).contains("expired"));
        assertThat(calls).isEmpty();
    }

    @Test
    void anAppendXRefusesStartsOverFromInitialize() throws IOException {
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        uploads.values().forEach(u -> u.expired = true);
        assertThat(connector.publishNow(withState(request, initialized.state())))
                .isInstanceOfSatisfying(PublishOutcome.StartOver.class, o -> assertThat(o.reason()).contains("invalid media id"));
        assertThat(publish(request)).as("the next attempt, its state dropped").isInstanceOf(PublishOutcome.Published.class);
        assertThat(uploads).hasSize(2);
        assertThat(uploads.get(tweets.get(0).mediaIds().get(0)).received()).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
    }

    @Test
    void aFileThatIsNotTheOneInitializedStartsOver() throws IOException {
        PublishRequest request = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_500)));
        PublishOutcome.InProgress initialized = (PublishOutcome.InProgress) connector.publishNow(request);
        PublishRequest other = request("A video", List.of(), List.of(file("clip.mp4", "video/mp4", 2_400)));
        assertThat(connector.publishNow(withState(other, initialized.state()))).isInstanceOf(PublishOutcome.StartOver.class);
    }

    @Test
    void aThreadIsAReplyChain() {
        PublishOutcome outcome = publish(request("one", List.of("two", "three"), List.of()));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(tweets).extracting(Tweet::text).containsExactly("one", "two", "three");
        assertThat(tweets.get(0).inReplyTo()).isNull();
        assertThat(tweets.get(1).inReplyTo()).isEqualTo(tweets.get(0).id());
        assertThat(tweets.get(2).inReplyTo()).isEqualTo(tweets.get(1).id());
        assertThat(((PublishOutcome.Published) outcome).externalId()).isEqualTo(tweets.get(0).id());
    }

    @Test
    void aConnectionDroppedAfterCreateIsUnknownAndTheLookupFindsTheOneTweet() {
        dropAfterCreate.set(1);
        PublishRequest request = request("Dropped & found https://example.com/a", List.of(), List.of());
        assertThat(connector.publishNow(request)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(tweets).hasSize(1);
        CheckOutcome found = connector.checkNow(request);
        assertThat(found).isEqualTo(new CheckOutcome.Found(tweets.get(0).id(), XAnswers.tweetUrl(tweets.get(0).id())));
        assertThat(connector.checkNow(request("never sent", List.of(), List.of()))).isInstanceOf(CheckOutcome.NotFound.class);
    }

    @Test
    void aDuplicateRefusedAfterAnUnknownOutcomeIsLookedUpAgainNotFailed() {
        PublishRequest request = request("Once only", List.of(), List.of());
        assertThat(publish(request)).isInstanceOf(PublishOutcome.Published.class);
        PublishRequest resend = new PublishRequest(request.jobId(), 2, request.idempotencyKey(), true, true, "twitter",
                request.accountId(), "42", null, TOKEN, request.text(), null, List.of(), List.of(), List.of(), null);
        assertThat(connector.publishNow(resend)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(connector.publishNow(request)).as("a first send refused as duplicate is a refusal kept")
                .isInstanceOfSatisfying(PublishOutcome.Permanent.class, p -> assertThat(p.reason())
                        .isEqualTo("X refused the post: Forbidden: You are not allowed to create a Tweet with duplicate content."
                                + " (about:blank)"));
        assertThat(tweets).hasSize(1);
    }

    @Test
    void aRateLimitWaitsUntilTheReset() {
        rateLimitNext.set(1);
        PublishOutcome outcome = connector.publishNow(request("Later", List.of(), List.of()));
        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61)));
        assertThat(tweets).isEmpty();
    }

    @Test
    void aRefusedTokenIsRefreshedOnceThenTheCallRepeated() {
        validToken = FRESH;
        assertThat(publish(request("After refresh", List.of(), List.of()))).isInstanceOf(PublishOutcome.Published.class);
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(tweetCalls.get()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenThatCannotBeRefreshedIsRefused() {
        validToken = "revoked-everything";
        refreshWorks = false;
        assertThat(connector.publishNow(request("Never", List.of(), List.of()))).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(tweets).isEmpty();
    }

    // ---- driving the steps as the dispatcher would ----------------------------------------------------------------

    private PublishOutcome publish(PublishRequest request) {
        return publish(request, new ArrayList<>());
    }

    private PublishOutcome publish(PublishRequest request, List<PublishOutcome> steps) {
        PublishRequest next = request;
        for (int i = 0; i < 30; i++) {
            PublishOutcome outcome = connector.publishNow(next);
            steps.add(outcome);
            if (!(outcome instanceof PublishOutcome.InProgress progress)) {
                return outcome;
            }
            next = withState(next, progress.state());
        }
        throw new AssertionError("never finished: " + steps);
    }

    private static PublishRequest withState(PublishRequest request, String state) {
        return new PublishRequest(request.jobId(), request.generation(), request.idempotencyKey(), false, true, "twitter",
                request.accountId(), "42", null, request.accessToken(), request.text(), null, request.threadParts(),
                request.mediaUrls(), request.media(), state);
    }

    private static PublishRequest request(String text, List<String> thread, List<PublishMedia> media) {
        return new PublishRequest(UUID.randomUUID(), 1, "syn-" + UUID.randomUUID(), false, true, "twitter", UUID.randomUUID(),
                "42", null, TOKEN, text, null, thread, media.stream().map(PublishMedia::reference).toList(), media, null);
    }

    private PublishMedia file(String name, String type, int size) throws IOException {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        Path path = Files.write(work.resolve(name), bytes);
        return new PublishMedia(name, type, size, name, null, () -> Files.newByteChannel(path, StandardOpenOption.READ));
    }

    // ---- the stand-in -------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            calls.add(method + " " + path);
            if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                // docs.x.com/x-api/fundamentals/response-codes-and-errors: 401 with a problem body.
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
                if (path.equals("/2/tweets")) {
                    tweetCalls.incrementAndGet();
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("POST") && path.equals("/2/tweets")) {
                createTweet(exchange, body);
            } else if (method.equals("GET") && path.equals("/2/users/42/tweets")) {
                timeline(exchange);
            } else if (method.equals("POST") && path.equals("/2/media/upload")) {
                simpleUpload(exchange, body);
            } else if (method.equals("GET") && path.equals("/2/media/upload")) {
                status(exchange);
            } else if (method.equals("POST") && path.equals("/2/media/upload/initialize")) {
                initialize(exchange, body);
            } else if (method.equals("POST") && path.matches("/2/media/upload/[^/]+/append")) {
                append(exchange, path.split("/")[4], body);
            } else if (method.equals("POST") && path.matches("/2/media/upload/[^/]+/finalize")) {
                finalizeUpload(exchange, path.split("/")[4]);
            } else {
                respond(exchange, 404, problem("Not Found", "no route " + method + " " + path));
            }
        } finally {
            exchange.close();
        }
    }

    /** docs.x.com/x-api/posts/create-post: 201 with data.id and text; 403 for duplicate content. */
    private void createTweet(HttpExchange exchange, byte[] body) throws IOException {
        tweetCalls.incrementAndGet();
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // docs.x.com/x-api/fundamentals/rate-limits: x-rate-limit-reset is in epoch seconds.
            exchange.getResponseHeaders().add("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond() + 60));
            respond(exchange, 429, problem("Too Many Requests", "Too Many Requests"));
            return;
        }
        JsonObject tweet = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        String text = tweet.getString("text", "");
        List<String> media = tweet.containsKey("media")
                ? tweet.getJsonObject("media").getJsonArray("media_ids").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList() : List.of();
        for (String id : media) {
            Upload upload = uploads.get(id);
            if (upload == null || !upload.ready) {
                // Strict: attaching unprocessed or unknown media is a bug in the connector.
                respond(exchange, 400, problem("Invalid Request", "Your media IDs are invalid."));
                return;
            }
        }
        String inReplyTo = tweet.containsKey("reply") ? tweet.getJsonObject("reply").getString("in_reply_to_tweet_id") : null;
        if (inReplyTo != null && tweets.stream().noneMatch(t -> t.id().equals(inReplyTo))) {
            respond(exchange, 400, problem("Invalid Request", "The tweet you are replying to does not exist."));
            return;
        }
        if (!text.isEmpty() && tweets.stream().anyMatch(t -> t.text().equals(text))) {
            respond(exchange, 403, "{\"title\":\"Forbidden\",\"detail\":\"You are not allowed to create a Tweet with duplicate content.\","
                    + "\"type\":\"about:blank\",\"status\":403}");
            return;
        }
        Tweet created = new Tweet(String.valueOf(ids.incrementAndGet()), text, media, inReplyTo);
        tweets.add(created);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // the tweet exists; closing before any response drops the connection
        }
        respond(exchange, 201, Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("id", created.id())
                .add("text", created.text())).build().toString());
    }

    /** docs.x.com/x-api/users/get-posts: newest first; links as t.co, & escaped; media as media_keys. */
    private void timeline(HttpExchange exchange) throws IOException {
        JsonArrayBuilder data = Json.createArrayBuilder();
        List<Tweet> newestFirst = new ArrayList<>(tweets);
        java.util.Collections.reverse(newestFirst);
        for (Tweet t : newestFirst) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("id", t.id())
                    .add("text", t.text().replaceAll("https?://\\S+", "https://t.co/abc123").replace("&", "&amp;"));
            if (!t.mediaIds().isEmpty()) {
                JsonArrayBuilder keys = Json.createArrayBuilder();
                t.mediaIds().forEach(id -> keys.add("7_" + id));
                o.add("attachments", Json.createObjectBuilder().add("media_keys", keys));
            }
            if (t.inReplyTo() != null) {
                o.add("referenced_tweets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "replied_to")
                        .add("id", t.inReplyTo())));
            }
            data.add(o);
        }
        respond(exchange, 200, Json.createObjectBuilder().add("data", data).build().toString());
    }

    /** docs.x.com/x-api/media/upload-media: multipart media + media_category. */
    private void simpleUpload(HttpExchange exchange, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (!text.contains("name=\"media_category\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\ntweet_image")) {
            respond(exchange, 400, problem("Invalid Request", "media_category is required"));
            return;
        }
        Upload upload = new Upload(String.valueOf(ids.incrementAndGet()), "tweet_image", -1);
        upload.segments.add(filePart(exchange, body));
        upload.finalized = true;
        upload.ready = true;
        uploads.put(upload.id, upload);
        respond(exchange, 200, "{\"data\":{\"id\":\"" + upload.id + "\",\"media_key\":\"3_" + upload.id + "\"}}");
    }

    private void initialize(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject init = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        Upload upload = new Upload(String.valueOf(ids.incrementAndGet()), init.getString("media_category"),
                init.getJsonNumber("total_bytes").longValue());
        assertThat(init.getString("media_type")).isEqualTo("video/mp4");
        uploads.put(upload.id, upload);
        respond(exchange, 200, "{\"data\":{\"id\":\"" + upload.id + "\",\"expires_after_secs\":86400}}");
    }

    /**
     * Segments arrive in order from segment_index 0; a segment X already has may be sent again (the chunked upload guide:
     * "Failed chunks can be retried individually") and replaces it, the ones after it then following again. An expired
     * upload's id is refused (the FINALIZE reference: a media id used after expires_after_secs is a 4xx).
     */
    private void append(HttpExchange exchange, String id, byte[] body) throws IOException {
        Upload upload = uploads.get(id);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int segment = Integer.parseInt(text.replaceAll("(?s).*name=\"segment_index\"\r\n\r\n(\\d+)\r\n.*", "$1"));
        if (upload == null || upload.expired || expireUploads) {
            respond(exchange, 400, problem("Invalid Request", "invalid media id"));
            return;
        }
        String fault = appendFaults.remove(segment);
        if ("503".equals(fault)) {
            respond(exchange, 503, problem("Service Unavailable", "try again"));
            return;
        }
        if ("429".equals(fault)) {
            exchange.getResponseHeaders().add("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond() + 60));
            respond(exchange, 429, problem("Too Many Requests", "Too Many Requests"));
            return;
        }
        synchronized (upload) {
            if (segment > upload.nextSegment()) {
                respond(exchange, 400, problem("Invalid Request", "segment_index out of order"));
                return;
            }
            upload.segments.subList(segment, upload.segments.size()).clear();
            upload.segments.add(filePart(exchange, body));
            upload.sends.merge(segment, 1, Integer::sum);
        }
        if ("drop".equals(fault)) {
            return; // taken; closing before any response drops the connection
        }
        respond(exchange, 200, "{\"data\":{\"expires_at\":1}}");
    }

    private void finalizeUpload(HttpExchange exchange, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (upload == null || upload.expired || upload.received().length != upload.total) {
            respond(exchange, 400, problem("Invalid Request", "size mismatch"));
            return;
        }
        upload.finalized = true;
        upload.ready = processingPolls.get() == 0;
        JsonObjectBuilder data = Json.createObjectBuilder().add("id", id).add("media_key", "7_" + id);
        if (processingPolls.get() > 0) {
            data.add("processing_info", Json.createObjectBuilder().add("state", "pending").add("check_after_secs", 1));
        }
        respond(exchange, 200, Json.createObjectBuilder().add("data", data).build().toString());
    }

    /** GET /2/media/upload?command=STATUS&media_id=…: in_progress for the configured number of polls. */
    private void status(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String id = query.replaceAll(".*media_id=(\\d+).*", "$1");
        Upload upload = uploads.get(id);
        if (upload == null || !query.contains("command=STATUS")) {
            respond(exchange, 400, problem("Invalid Request", "unknown media"));
            return;
        }
        int poll = upload.polls.incrementAndGet();
        String state = poll <= processingPolls.get() ? "in_progress" : "succeeded";
        upload.ready = upload.ready || state.equals("succeeded");
        respond(exchange, 200, "{\"data\":{\"id\":\"" + id + "\",\"processing_info\":{\"state\":\"" + state
                + "\",\"check_after_secs\":1,\"progress_percent\":" + Math.min(100, poll * 25) + "}}}");
    }

    private static byte[] filePart(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int media = text.indexOf("name=\"media\"");
        int start = text.indexOf("\r\n\r\n", media) + 4;
        int end = text.lastIndexOf("\r\n--" + boundary + "--");
        return java.util.Arrays.copyOfRange(body, start, end);
    }

    private static String problem(String title, String detail) {
        return Json.createObjectBuilder().add("title", title).add("detail", detail).add("type", "about:blank").build().toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

}
