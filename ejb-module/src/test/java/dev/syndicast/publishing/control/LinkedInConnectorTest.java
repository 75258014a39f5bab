package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.TokenRefresher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's calls against a small local LinkedIn: which requests it sends in which order, with which headers and
 * bodies, and how it reads the answers. The strict stand-in for the shared-server tests is in the web module.
 */
class LinkedInConnectorTest {

    private HttpServer server;
    private String base;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Long> uploaded = new ConcurrentHashMap<>();
    /** The Authorization header of every request, uploads included. */
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private volatile int postStatus = 201;
    private volatile int part2Status = 201;
    private volatile java.util.concurrent.CountDownLatch part2Arrived;
    private final java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newFixedThreadPool(4);
    private LinkedInConnector connector;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        connector = new LinkedInConnector();
        connector.apiUrl = base;
        connector.version = "202605";
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.processingPoll = Duration.ofSeconds(1);
        connector.uploadStep = Duration.ofSeconds(30);
        connector.processingDeadline = Duration.ofHours(1);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                return TokenRefresher.Result.REFUSED;
            }
        };
        connector.calls = PlatformCalls.of(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC), null, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        calls.add(method + " " + path + (query == null ? "" : "?" + query));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (!"PUT".equals(method) && (!"202605".equals(exchange.getRequestHeaders().getFirst("LinkedIn-Version"))
                || !"2.0.0".equals(exchange.getRequestHeaders().getFirst("X-Restli-Protocol-Version")))) {
            answer(exchange, 400, "{\"message\":\"missing version headers\"}");
            return;
        }
        if ("PUT".equals(method)) {
            java.util.concurrent.CountDownLatch waitFor = part2Arrived;
            if (waitFor != null && path.equals("/upload/part2")) {
                waitFor.countDown();
            } else if (waitFor != null && path.equals("/upload/part1")) {
                try {
                    // Part 1 is answered only once part 2 is on its way too (or refused after 5 s).
                    if (!waitFor.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                        answer(exchange, 500, "{\"message\":\"part 2 never came while part 1 was open\"}");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long n;
            try (InputStream in = exchange.getRequestBody()) {
                n = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (path.equals("/upload/part2") && part2Status != 201) {
                answer(exchange, part2Status, "{\"status\":" + part2Status + ",\"message\":\"part refused\"}");
                return;
            }
            uploaded.put(path, n);
            exchange.getResponseHeaders().add("ETag", "etag" + path.replace('/', '-'));
            answer(exchange, 201, "");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.put(method + " " + path + (query == null ? "" : "?" + query), body);
        switch (method + " " + path + (query == null ? "" : "?" + query)) {
            case "POST /rest/images?action=initializeUpload" -> answer(exchange, 200, "{\"value\":{\"uploadUrlExpiresAt\":1,"
                    + "\"uploadUrl\":\"" + base + "/upload/image" + calls.size() + "\",\"image\":\"urn:li:image:i" + calls.size() + "\"}}");
            case "POST /rest/videos?action=initializeUpload" -> answer(exchange, 200, "{\"value\":{\"video\":\"urn:li:video:v1\","
                    + "\"uploadToken\":\"tok\",\"uploadInstructions\":[{\"uploadUrl\":\"" + base + "/upload/part1\",\"firstByte\":0,"
                    + "\"lastByte\":5},{\"uploadUrl\":\"" + base + "/upload/part2\",\"firstByte\":6,\"lastByte\":9}]}}");
            case "POST /rest/videos?action=finalizeUpload" -> answer(exchange, 200, "");
            case "GET /rest/videos/urn:li:video:v1" -> answer(exchange, 200, polls.incrementAndGet() < 3
                    ? "{\"status\":\"PROCESSING\"}" : "{\"status\":\"AVAILABLE\"}");
            case "POST /rest/posts" -> {
                if (postStatus == 201) {
                    exchange.getResponseHeaders().add("x-restli-id", "urn:li:share:42");
                }
                answer(exchange, postStatus, postStatus == 201 ? "" : "{\"status\":" + postStatus + ",\"message\":\"nope\"}");
            }
            default -> answer(exchange, 404, "{\"message\":\"no route\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** Publishes step by step, as the job would, carrying the stored state between calls. */
    private PublishOutcome run(PublishRequest first) throws Exception {
        PublishRequest request = first;
        for (int step = 0; step < 20; step++) {
            PublishOutcome outcome = connector.publish(request).get();
            if (!(outcome instanceof PublishOutcome.InProgress p)) {
                return outcome;
            }
            request = withState(request, p.state());
        }
        throw new AssertionError("no end after 20 steps");
    }

    @Test
    void aTextPostIsEscapedAndNamesTheMemberAsAuthor() throws Exception {
        PublishOutcome outcome = run(request("Launch (beta) #1 @team", List.of()));
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("urn:li:share:42", "https://www.linkedin.com/feed/update/urn:li:share:42/"));
        String body = bodies.get("POST /rest/posts");
        assertThat(body).contains("\"author\":\"urn:li:person:abc\"")
                .contains("\"commentary\":\"Launch \\\\(beta\\\\) \\\\#1 \\\\@team\"")
                .contains("\"visibility\":\"PUBLIC\"").contains("\"lifecycleState\":\"PUBLISHED\"")
                .contains("\"feedDistribution\":\"MAIN_FEED\"").doesNotContain("content");
    }

    @Test
    void imagesAreUploadedOneStepEachThenPostedAsMultiImage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PublishOutcome outcome = run(request("two", List.of(media(dir, "a.png", "image/png", 7), media(dir, "b.png", "image/png", 3))));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(calls).filteredOn(c -> c.startsWith("POST /rest/images")).hasSize(2);
        assertThat(uploaded.values()).containsExactlyInAnyOrder(7L, 3L);
        assertThat(bodies.get("POST /rest/images?action=initializeUpload")).contains("\"owner\":\"urn:li:person:abc\"");
        assertThat(bodies.get("POST /rest/posts")).contains("\"multiImage\"").contains("urn:li:image:i");
    }

    @Test
    void aVideoIsSentInItsPartsFinalizedWithTheEtagsAndPolledUntilAvailable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PublishRequest request = new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "linkedin", null,
                "urn:li:organization:9", null, "token", "clip", "A title", List.of(), List.of("v"),
                List.of(media(dir, "v.mp4", "video/mp4", 10)), null);
        PublishOutcome outcome = run(request);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(uploaded).containsEntry("/upload/part1", 6L).containsEntry("/upload/part2", 4L);
        assertThat(authorizations).as("every call and every part upload carries the account's token").containsOnly("Bearer token");
        assertThat(bodies.get("POST /rest/videos?action=initializeUpload")).contains("\"fileSizeBytes\":10")
                .contains("urn:li:organization:9");
        assertThat(bodies.get("POST /rest/videos?action=finalizeUpload"))
                .contains("\"uploadedPartIds\":[\"etag-upload-part1\",\"etag-upload-part2\"]").contains("\"uploadToken\":\"tok\"");
        assertThat(polls.get()).isEqualTo(3);
        assertThat(bodies.get("POST /rest/posts")).contains("\"media\":{\"id\":\"urn:li:video:v1\",\"title\":\"A title\"}");
    }

    @Test
    void theRegistrationIsStoredFirstThenPartsAndFinalizeShareOneStep(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PublishRequest request = request("clip", List.of(media(dir, "v.mp4", "video/mp4", 10)));
        PublishOutcome.InProgress registered = (PublishOutcome.InProgress) connector.publish(request).get();
        assertThat(calls).as("no part before the registration is stored").containsExactly("POST /rest/videos?action=initializeUpload");
        assertThat(LinkedInSteps.parse(registered.state()).video().etags()).isEmpty();
        assertThat(registered.checkAgainIn()).isZero();

        PublishOutcome.InProgress step = (PublishOutcome.InProgress) connector.publish(withState(request, registered.state())).get();
        assertThat(calls).hasSize(4).startsWith("POST /rest/videos?action=initializeUpload")
                .endsWith("POST /rest/videos?action=finalizeUpload").contains("PUT /upload/part1", "PUT /upload/part2");
        assertThat(LinkedInSteps.parse(step.state()).video().finalized()).isTrue();
        assertThat(LinkedInSteps.parse(step.state()).video().etags()).containsExactly("etag-upload-part1", "etag-upload-part2");
        assertThat(step.checkAgainIn()).as("LinkedIn is asked after the processing poll").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void twoPartsAreOnTheirWayAtOnce(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        part2Arrived = new java.util.concurrent.CountDownLatch(1);
        PublishRequest request = request("clip", List.of(media(dir, "v.mp4", "video/mp4", 10)));
        PublishOutcome.InProgress registered = (PublishOutcome.InProgress) connector.publish(request).get();
        PublishOutcome.InProgress step = (PublishOutcome.InProgress) connector.publish(withState(request, registered.state())).get();
        assertThat(LinkedInSteps.parse(step.state()).video().etags()).as("part 1 answered while part 2 was sent")
                .containsExactly("etag-upload-part1", "etag-upload-part2");
    }

    @Test
    void aCrashAfterAPartResumesAtTheNextPart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        connector.uploadStep = Duration.ZERO; // one call per step: the state after each call is stored
        PublishMedia video = media(dir, "v.mp4", "video/mp4", 10);
        PublishRequest request = request("clip", List.of(video));
        PublishOutcome registered = connector.publish(request).get();
        PublishOutcome firstPart = connector.publish(withState(request, ((PublishOutcome.InProgress) registered).state())).get();
        String stored = ((PublishOutcome.InProgress) firstPart).state();
        assertThat(LinkedInSteps.parse(stored).video().etags()).containsExactly("etag-upload-part1");
        uploaded.clear();
        assertThat(run(withState(request, stored))).isInstanceOf(PublishOutcome.Published.class);
        assertThat(uploaded).containsOnlyKeys("/upload/part2");
    }

    @Test
    void aPartThatFailsAfterOthersWereSentInTheSameStepKeepsThoseParts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        part2Status = 503;
        PublishRequest request = request("clip", List.of(media(dir, "v.mp4", "video/mp4", 10)));
        PublishOutcome.InProgress registered = (PublishOutcome.InProgress) connector.publish(request).get();
        PublishOutcome.InProgress failed = (PublishOutcome.InProgress) connector.publish(withState(request, registered.state())).get();
        assertThat(LinkedInSteps.parse(failed.state()).video().etags()).containsExactly("etag-upload-part1");
        assertThat(failed.checkAgainIn()).isEqualTo(Duration.ofSeconds(1));
        part2Status = 201;
        uploaded.clear();
        assertThat(run(withState(request, failed.state()))).isInstanceOf(PublishOutcome.Published.class);
        assertThat(uploaded).containsOnlyKeys("/upload/part2");
    }

    @Test
    void answersOfThePostCallFollowTheExactlyOnceRule() throws Exception {
        postStatus = 500;
        assertThat(run(request("x", List.of()))).isInstanceOf(PublishOutcome.Unknown.class);
        postStatus = 422;
        assertThat(run(request("x", List.of()))).isEqualTo(new PublishOutcome.Permanent("LinkedIn refused the post call: nope"));
        postStatus = 429;
        assertThat(run(request("x", List.of()))).isInstanceOf(PublishOutcome.RateLimited.class);
        postStatus = 401;
        assertThat(run(request("x", List.of()))).isInstanceOf(PublishOutcome.TokenRefused.class);
    }

    @Test
    void refusals() {
        assertThat(LinkedInConnector.refusal(new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "linkedin", null, "a", null,
                "t", "x", null, List.of("part"), List.of(), List.of(), null))).get().asString().contains("no threads");
        PublishMedia image = new PublishMedia("i", "image/png", 1, "i.png", null, () -> null);
        PublishMedia video = new PublishMedia("v", "video/mp4", 1, "v.mp4", null, () -> null);
        assertThat(LinkedInConnector.refusal(request("x", List.of(image, video)))).get().asString().contains("not both");
        assertThat(LinkedInConnector.refusal(request(" ", List.of()))).isPresent();
        assertThat(LinkedInConnector.refusal(request("x", List.of(image)))).isEmpty();
        assertThat(LinkedInConnector.author("abc")).isEqualTo("urn:li:person:abc");
        assertThat(LinkedInConnector.author("urn:li:organization:5")).isEqualTo("urn:li:organization:5");
        assertThat(connector.serves("linkedin", null)).isTrue();
        assertThat(connector.serves("linkedin", SandboxConnector.SERVICE)).isFalse();
        assertThat(connector.serves("mastodon", null)).isFalse();
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        LinkedInSteps steps = LinkedInSteps.none().uploaded("urn:li:image:1", Instant.EPOCH)
                .withVideo(new LinkedInSteps.Video("urn:li:video:2", "t", List.of(new LinkedInSteps.Part("u", 0, 9)),
                        List.of("e1"), true), Instant.EPOCH);
        assertThat(LinkedInSteps.parse(steps.toJson())).isEqualTo(steps);
        assertThat(LinkedInSteps.parse("{broken")).isEqualTo(LinkedInSteps.none());
    }

    @Test
    void theTargetsVisibilityOptionIsThePostsVisibility() {
        PublishRequest r = request("to my network", List.of());
        PublishRequest connections = new PublishRequest(r.jobId(), 1, "k", false, true, "linkedin", null, "abc", null, "token",
                r.text(), null, List.of(), List.of(), List.of(), null, null,
                jakarta.json.Json.createObjectBuilder().add("visibility", "CONNECTIONS").build());

        assertThat(LinkedInConnector.postBody(r, List.of()).getString("visibility")).isEqualTo("PUBLIC");
        assertThat(LinkedInConnector.postBody(connections, List.of()).getString("visibility")).isEqualTo("CONNECTIONS");
    }

    private static PublishMedia media(Path dir, String name, String type, int size) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, new byte[size]);
        return new PublishMedia(name, type, size, name, "alt " + name,
                () -> (SeekableByteChannel) Files.newByteChannel(file, StandardOpenOption.READ));
    }

    private static PublishRequest request(String text, List<PublishMedia> media) {
        return new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "linkedin", null, "abc", null, "token", text, null,
                List.of(), media.stream().map(PublishMedia::reference).toList(), media, null);
    }

    private static PublishRequest withState(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state);
    }
}
