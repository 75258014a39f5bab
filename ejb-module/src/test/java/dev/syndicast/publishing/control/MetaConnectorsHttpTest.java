package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Instagram and Facebook connectors over real HTTP against a small fake Graph API (a JDK HttpServer): an Instagram
 * reel through its container, polled, the quota read before {@code media_publish}, a used-up quota, a connection
 * dropped after publishing found through the container's status; a Facebook video uploaded through the Resumable
 * Upload API, the transfer broken halfway and resumed from the offset the fake reports, processed, and a feed post
 * whose answer is lost found by its message.
 */
class MetaConnectorsHttpTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> containers = new LinkedHashMap<>();
    private final List<String[]> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final AtomicInteger polls = new AtomicInteger();
    private final ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
    private volatile int quotaUsage;
    private volatile boolean dropAfterPublish;
    private volatile int breakTransferAfter = -1;
    private volatile String lastFeedMessage;
    private Path work;

    @BeforeEach
    void start() throws IOException {
        work = Files.createTempDirectory("meta-http");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v25.0/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/v25.0/".length());
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            if (method.equals("POST") && path.startsWith("upload:")) {
                transfer(exchange);
                return;
            }
            if (method.equals("GET") && path.startsWith("upload:")) {
                respond(exchange, 200, "{\"id\":\"" + path + "\",\"file_offset\":" + uploaded.size() + "}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String[] parts = path.split("/");
            String id = String.valueOf(ids.incrementAndGet());
            switch (method + " " + (parts.length > 1 ? parts[1] : "")) {
                case "POST media" -> {
                    containers.put(id, "IN_PROGRESS");
                    respond(exchange, 200, "{\"id\":\"" + id + "\"}");
                }
                case "GET content_publishing_limit" -> respond(exchange, 200, "{\"data\":[{\"quota_usage\":" + quotaUsage
                        + ",\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}");
                case "POST media_publish" -> {
                    containers.put(form.get("creation_id"), "PUBLISHED");
                    published.add(new String[]{id, "Reel caption"});
                    if (!dropAfterPublish) {
                        respond(exchange, 200, "{\"id\":\"" + id + "\"}");
                    }
                    dropAfterPublish = false;
                }
                case "GET media" -> respond(exchange, 200, "{\"data\":[" + String.join(",", published.stream().map(p -> "{\"id\":\"" + p[0]
                        + "\",\"caption\":\"" + p[1] + "\",\"permalink\":\"https://www.instagram.com/reel/" + p[0]
                        + "/\",\"timestamp\":\"2026-12-02T07:00:10+0000\"}").toList()) + "]}");
                case "POST uploads" -> respond(exchange, 200, "{\"id\":\"upload:s" + id + "\"}");
                case "POST videos" -> respond(exchange, 200, "{\"id\":\"v" + id + "\"}");
                case "POST feed" -> {
                    lastFeedMessage = form.get("message");
                    // The post is made, but the answer is lost.
                }
                case "GET published_posts" -> respond(exchange, 200, "{\"data\":[{\"id\":\"page-1_" + id + "\",\"message\":\""
                        + lastFeedMessage + "\",\"permalink_url\":\"https://www.facebook.com/1/posts/" + id
                        + "\",\"created_time\":\"2026-12-02T07:00:05+0000\"}]}");
                default -> {
                    if (method.equals("GET") && parts.length == 1 && parts[0].startsWith("v")) {
                        respond(exchange, 200, "{\"status\":{\"video_status\":\"" + (polls.incrementAndGet() > 1 ? "ready" : "processing")
                                + "\"},\"permalink_url\":\"/page-1/videos/" + parts[0] + "/\",\"id\":\"" + parts[0] + "\"}");
                    } else if (method.equals("GET") && containers.containsKey(parts[0])) {
                        String status = containers.get(parts[0]);
                        if (status.equals("IN_PROGRESS") && polls.incrementAndGet() > 1) {
                            containers.put(parts[0], "FINISHED");
                        }
                        respond(exchange, 200, "{\"status_code\":\"" + status + "\",\"id\":\"" + parts[0] + "\"}");
                    } else if (method.equals("GET")) {
                        respond(exchange, 200, "{\"id\":\"" + parts[0] + "\",\"permalink\":\"https://www.instagram.com/reel/" + parts[0] + "/\"}");
                    } else {
                        respond(exchange, 400, "{\"error\":{\"message\":\"Unsupported\",\"code\":100}}");
                    }
                }
            }
        }
    }

    /** {@code POST /upload:{id}}: the bytes must start where the fake has them; a broken transfer keeps what arrived. */
    private void transfer(HttpExchange exchange) throws IOException {
        long offset = Long.parseLong(exchange.getRequestHeaders().getFirst("file_offset"));
        assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("OAuth page-token");
        assertThat(offset).isEqualTo(uploaded.size());
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            int keep = breakTransferAfter >= 0 ? Math.min(n, breakTransferAfter - uploaded.size()) : n;
            uploaded.write(buffer, 0, Math.max(0, keep));
            if (breakTransferAfter >= 0 && uploaded.size() >= breakTransferAfter) {
                breakTransferAfter = -1;
                return; // closed without an answer
            }
        }
        respond(exchange, 200, "{\"h\":\"2::handle\"}");
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    // ---- connectors --------------------------------------------------------------------------------------------------

    private static final class Urls extends PublicMediaUrls {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Optional<String> url(UUID itemId, Duration ttl) {
            return Optional.of("https://syndicast.example/media/public/" + itemId + ".sig");
        }
    }

    private InstagramConnector instagram() {
        InstagramConnector c = new InstagramConnector();
        c.apiUrl = base();
        c.apiVersion = "v25.0";
        c.processingPoll = Duration.ofSeconds(30);
        c.processingDeadline = Duration.ofMinutes(30);
        c.quotaWait = Duration.ofHours(1);
        c.publicUrls = new Urls();
        c.calls = PlatformCalls.of(Clock.fixed(NOW, ZoneOffset.UTC), null, null, Duration.ofSeconds(2), Duration.ofSeconds(5));
        c.init();
        return c;
    }

    private FacebookConnector facebook() {
        FacebookConnector c = new FacebookConnector();
        c.apiUrl = base();
        c.videoUrl = base();
        c.apiVersion = "v25.0";
        c.uploadTimeout = Duration.ofSeconds(5);
        c.processingPoll = Duration.ofSeconds(30);
        c.processingDeadline = Duration.ofHours(2);
        c.publicUrls = new Urls();
        c.accounts = new Accounts() {
            @Override
            public Optional<String> appId(UUID accountId, String platform) {
                return Optional.of("app-77");
            }
        };
        c.calls = PlatformCalls.of(Clock.fixed(NOW, ZoneOffset.UTC), c.accounts, null, Duration.ofSeconds(2), Duration.ofSeconds(5));
        c.init();
        return c;
    }

    private PublishRequest request(String platform, String token, String text, List<PublishMedia> media, String state) {
        return new PublishRequest(UUID.randomUUID(), 1, "key", false, true, platform, UUID.randomUUID(),
                platform.equals("facebook") ? "page-1" : "17841", null, token, text, "A title", List.of(),
                media.stream().map(PublishMedia::reference).toList(), media, state,
                Json.createObjectBuilder().add("share_to_feed", false).add("thumb_offset", 1500).build());
    }

    private PublishMedia video(int bytes) throws IOException {
        Path file = work.resolve("clip-" + UUID.randomUUID() + ".mp4");
        byte[] content = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            content[i] = (byte) i;
        }
        Files.write(file, content);
        return new PublishMedia(UUID.randomUUID().toString(), "video/mp4", bytes, "clip.mp4", null,
                () -> Files.newByteChannel(file, StandardOpenOption.READ));
    }

    /** Publishes step by step, each InProgress state handed back, until an outcome that is not a step. */
    private PublishOutcome run(Connector connector, PublishRequest first, List<String> notes) {
        PublishRequest r = first;
        for (int i = 0; i < 20; i++) {
            PublishOutcome outcome = connector.publish(r).join();
            if (!(outcome instanceof PublishOutcome.InProgress step)) {
                return outcome;
            }
            notes.add(step.note());
            lastState = step.state();
            r = new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), false, true, r.platform(), r.accountId(),
                    r.platformAccountId(), null, r.accessToken(), r.text(), r.title(), r.threadParts(), r.mediaUrls(), r.media(),
                    step.state(), r.options());
        }
        throw new AssertionError("no outcome after 20 steps: " + notes);
    }

    private String lastState;

    @Test
    void aReelGoesThroughItsContainerAndTheQuotaIsReadBeforePublishing() throws IOException {
        List<String> notes = new java.util.ArrayList<>();
        PublishOutcome outcome = run(instagram(), request("instagram", "ig-token", "Reel caption", List.of(video(64)), null), notes);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(((PublishOutcome.Published) outcome).url()).startsWith("https://www.instagram.com/reel/");
        assertThat(requests).containsSubsequence("POST 17841/media", "GET 17841/content_publishing_limit", "POST 17841/media_publish");
        assertThat(notes).anyMatch(n -> n.contains("still processing")).anyMatch(n -> n.contains("finished"));
    }

    @Test
    void aUsedUpQuotaWaitsAndADroppedPublishIsFoundThroughTheContainer() throws IOException {
        InstagramConnector connector = instagram();
        quotaUsage = 100;
        List<String> notes = new java.util.ArrayList<>();
        PublishRequest first = request("instagram", "ig-token", "Reel caption", List.of(video(64)), null);
        PublishOutcome waiting = run(connector, first, notes);
        assertThat(waiting).isInstanceOf(PublishOutcome.RateLimited.class);
        assertThat(requests).doesNotContain("POST 17841/media_publish");

        quotaUsage = 3;
        dropAfterPublish = true;
        PublishRequest again = new PublishRequest(first.jobId(), 1, "key", false, true, "instagram", first.accountId(), "17841", null,
                "ig-token", "Reel caption", null, List.of(), first.mediaUrls(), first.media(), lastState, first.options());
        assertThat(connector.publish(again).join()).isInstanceOf(PublishOutcome.Unknown.class);
        CheckOutcome found = connector.check(again).join();
        assertThat(found).isInstanceOf(CheckOutcome.Found.class);
        assertThat(((CheckOutcome.Found) found).externalId()).isEqualTo(published.get(0)[0]);
        assertThat(published).hasSize(1);
    }

    @Test
    void aVideoUploadBrokenHalfwayResumesFromTheOffsetFacebookReports() throws IOException {
        breakTransferAfter = 3000;
        List<String> notes = new java.util.ArrayList<>();
        PublishOutcome outcome = run(facebook(), request("facebook", "page-token", "A video", List.of(video(10_000)), null), notes);
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        String id = ((PublishOutcome.Published) outcome).externalId();
        assertThat(id).startsWith("v");
        assertThat(((PublishOutcome.Published) outcome).url()).isEqualTo("https://www.facebook.com/page-1/videos/" + id + "/");
        assertThat(uploaded.size()).isEqualTo(10_000);
        byte[] bytes = uploaded.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i]).as("byte " + i).isEqualTo((byte) i);
        }
        assertThat(requests).containsSubsequence("POST app-77/uploads", "POST upload:s101", "GET upload:s101", "POST upload:s101", "POST page-1/videos");
        assertThat(notes).anyMatch(n -> n.contains("Resuming the upload from byte 3000"));
    }

    @Test
    void aFeedPostWhoseAnswerIsLostIsFoundByItsMessage() {
        FacebookConnector connector = facebook();
        PublishRequest post = request("facebook", "page-token", "Hello Page", List.of(), null);
        assertThat(connector.publish(post).join()).isInstanceOf(PublishOutcome.Unknown.class);
        CheckOutcome found = connector.check(post).join();
        assertThat(found).isInstanceOf(CheckOutcome.Found.class);
        assertThat(((CheckOutcome.Found) found).url()).startsWith("https://www.facebook.com/1/posts/");
    }
}
