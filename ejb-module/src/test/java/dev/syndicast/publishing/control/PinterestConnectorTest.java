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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pinterest connector's calls against a small local Pinterest API: requests in order, their bodies and headers,
 * and how answers become outcomes. The strict stand-in for the shared-server tests is in the web module.
 */
class PinterestConnectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private HttpServer server;
    private String base;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger dropUploads = new AtomicInteger();
    private volatile int pinStatus = 201;
    private volatile int pollsUntilDone = 2;
    private volatile String finalStatus = "succeeded";
    private volatile String boardPins = "{\"items\":[],\"bookmark\":null}";
    private volatile String acceptedToken = "token";
    private volatile String publicBase;
    private volatile TokenRefresher.Result refresh = TokenRefresher.Result.REFUSED;
    private PinterestConnector connector;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        connector = new PinterestConnector();
        connector.apiUrl = base;
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.processingPoll = Duration.ofSeconds(1);
        connector.processingDeadline = Duration.ofHours(1);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                return refresh;
            }
        };
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(accountId, "ada", "renewed"));
            }
        };
        connector.publicUrls = new PublicMediaUrls() {
            @Override
            public boolean available() {
                return publicBase != null;
            }

            @Override
            public Optional<String> url(UUID itemId, Duration ttl) {
                return Optional.ofNullable(publicBase).map(b -> b + "/media/public/" + itemId + ".signed");
            }
        };
        connector.calls = PlatformCalls.of(Clock.fixed(NOW, ZoneOffset.UTC), accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String call = method + " " + path + (query == null ? "" : "?" + query);
        calls.add(call);
        if (path.equals("/upload")) {
            headers.put(call, exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestHeaders().getFirst("Content-Length")
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            if (dropUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getRequestBody().readNBytes(10);
                exchange.close();
                return;
            }
            try (InputStream in = exchange.getRequestBody()) {
                bodies.put(call, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
            answer(exchange, 204, "");
            return;
        }
        if (!("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"code\":2,\"message\":\"Authentication failed.\"}");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.put(call, body);
        headers.put(call, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Length")));
        switch (call) {
            case "POST /v5/media" -> answer(exchange, 201, "{\"media_id\":\"m1\",\"media_type\":\"video\",\"upload_url\":\""
                    + base + "/upload\",\"upload_parameters\":{\"x-amz-date\":\"d\",\"key\":\"uploads/m1\",\"policy\":\"p\","
                    + "\"Content-Type\":\"multipart/form-data\"}}");
            case "GET /v5/media/m1" -> answer(exchange, 200, "{\"media_id\":\"m1\",\"media_type\":\"video\",\"status\":\""
                    + (polls.incrementAndGet() <= pollsUntilDone ? "processing" : finalStatus) + "\"}");
            case "POST /v5/pins" -> {
                if (pinStatus == 429) {
                    exchange.getResponseHeaders().add("X-RateLimit-Reset", "12");
                }
                answer(exchange, pinStatus, pinStatus == 201 ? "{\"id\":\"813744226420795884\",\"board_id\":\"b1\"}"
                        : "{\"code\":" + pinStatus + ",\"message\":\"nope\"}");
            }
            case "GET /v5/boards/b1/pins?page_size=100" -> answer(exchange, 200, boardPins);
            default -> answer(exchange, 404, "{\"code\":404,\"message\":\"no route " + call + "\"}");
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
    void anImageIsInlinedAsBase64WithoutAPublicBaseAndThePinNamesTheBoardTitleAndLink(@TempDir Path dir) throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6};
        PublishOutcome outcome = run(request("A description", "A title", List.of(media(dir, "a.png", "image/png", png)),
                Json.createObjectBuilder().add("board_id", "b1").add("link", "https://example.com/a").build()));
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("813744226420795884",
                "https://www.pinterest.com/pin/813744226420795884/"));
        JsonObject pin = json(bodies.get("POST /v5/pins"));
        assertThat(pin.getString("board_id")).isEqualTo("b1");
        assertThat(pin.getString("title")).isEqualTo("A title");
        assertThat(pin.getString("description")).isEqualTo("A description");
        assertThat(pin.getString("link")).isEqualTo("https://example.com/a");
        assertThat(pin.getString("alt_text")).isEqualTo("alt a.png");
        assertThat(pin.getJsonObject("media_source").getString("source_type")).isEqualTo("image_base64");
        assertThat(pin.getJsonObject("media_source").getString("content_type")).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(pin.getJsonObject("media_source").getString("data"))).isEqualTo(png);
        assertThat(headers.get("POST /v5/pins")).as("Content-Length declared")
                .isEqualTo(String.valueOf(bodies.get("POST /v5/pins").getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void withAPublicBaseImagesAreFetchedByPinterestFromTheirSignedUrlAndTwoMakeACarousel(@TempDir Path dir) throws Exception {
        publicBase = "https://syndicast.example";
        PublishMedia first = media(dir, "a.jpg", "image/jpeg", new byte[]{1});
        PublishMedia second = media(dir, "b.png", "image/png", new byte[]{2});
        assertThat(run(request("one", null, List.of(first), board()))).isInstanceOf(PublishOutcome.Published.class);
        JsonObject single = json(bodies.get("POST /v5/pins")).getJsonObject("media_source");
        assertThat(single.getString("source_type")).isEqualTo("image_url");
        assertThat(single.getString("url")).isEqualTo("https://syndicast.example/media/public/" + first.reference() + ".signed");

        assertThat(run(request("two", null, List.of(first, second), board()))).isInstanceOf(PublishOutcome.Published.class);
        JsonObject carousel = json(bodies.get("POST /v5/pins")).getJsonObject("media_source");
        assertThat(carousel.getString("source_type")).isEqualTo("multiple_image_urls");
        assertThat(carousel.getJsonArray("items")).hasSize(2);
        assertThat(json(bodies.get("POST /v5/pins")).containsKey("title")).isFalse();
    }

    @Test
    void aVideoIsRegisteredUploadedWithItsParametersPolledUntilSucceededThenPinned(@TempDir Path dir) throws Exception {
        byte[] clip = new byte[5000];
        new java.util.Random(3).nextBytes(clip);
        PublishMedia video = media(dir, "clip.mp4", "video/mp4", clip);
        PublishOutcome registered = connector.publish(request("A video", "Clip", List.of(video), board())).get();
        assertThat(registered).isInstanceOf(PublishOutcome.InProgress.class);
        assertThat(PinterestSteps.parse(((PublishOutcome.InProgress) registered).state()).media().id()).as("the media id is stored")
                .isEqualTo("m1");

        PublishOutcome outcome = run(withState(request("A video", "Clip", List.of(video), board()), ((PublishOutcome.InProgress) registered).state()));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(calls).containsSubsequence("POST /v5/media", "POST /upload", "GET /v5/media/m1", "GET /v5/media/m1",
                "GET /v5/media/m1", "POST /v5/pins");
        assertThat(json(bodies.get("POST /v5/media")).getString("media_type")).isEqualTo("video");
        String upload = bodies.get("POST /upload");
        assertThat(upload.indexOf("name=\"x-amz-date\"")).isLessThan(upload.indexOf("name=\"key\""));
        assertThat(upload.indexOf("name=\"Content-Type\"")).as("the file comes last").isLessThan(upload.indexOf("name=\"file\""));
        assertThat(upload).contains(new String(clip, StandardCharsets.ISO_8859_1));
        assertThat(headers.get("POST /upload")).startsWith("multipart/form-data; boundary=").endsWith("auth=null")
                .contains(" " + upload.length() + " ");
        JsonObject source = json(bodies.get("POST /v5/pins")).getJsonObject("media_source");
        assertThat(source.getString("source_type")).isEqualTo("video_id");
        assertThat(source.getString("media_id")).isEqualTo("m1");
        assertThat(source.getInt("cover_image_key_frame_time")).isEqualTo(1);
    }

    @Test
    void aBrokenUploadIsSentAgainAndAFailedProcessingStartsOver(@TempDir Path dir) throws Exception {
        dropUploads.set(1);
        PublishMedia video = media(dir, "clip.mp4", "video/mp4", new byte[3000]);
        PublishRequest request = request("v", null, List.of(video), board());
        PublishOutcome registered = connector.publish(request).get();
        PublishOutcome broken = connector.publish(withState(request, ((PublishOutcome.InProgress) registered).state())).get();
        assertThat(broken).isInstanceOf(PublishOutcome.InProgress.class);
        assertThat(((PublishOutcome.InProgress) broken).note()).contains("sending it again");
        assertThat(PinterestSteps.parse(((PublishOutcome.InProgress) broken).state()).media().uploaded()).isFalse();

        finalStatus = "failed";
        assertThat(run(withState(request, ((PublishOutcome.InProgress) broken).state())))
                .isEqualTo(new PublishOutcome.StartOver("Pinterest failed to process the video"));
        assertThat(calls.stream().filter("POST /upload"::equals)).hasSize(2);
    }

    @Test
    void answersOfThePinCallFollowTheExactlyOnceRule(@TempDir Path dir) throws Exception {
        List<PublishMedia> image = List.of(media(dir, "a.png", "image/png", new byte[]{1, 2}));
        pinStatus = 500;
        assertThat(run(request("x", null, image, board()))).isInstanceOf(PublishOutcome.Unknown.class);
        pinStatus = 400;
        assertThat(run(request("x", null, image, board()))).isEqualTo(new PublishOutcome.Permanent("Pinterest refused the pin call: nope (code 400)"));
        pinStatus = 429;
        assertThat(run(request("x", null, image, board()))).isEqualTo(new PublishOutcome.RateLimited(
                "the pin call answered HTTP 429: nope (code 429)", Duration.ofSeconds(12)));
        pinStatus = 201;
        acceptedToken = "other";
        assertThat(run(request("x", null, image, board()))).isInstanceOf(PublishOutcome.TokenRefused.class);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheCallSentAgain(@TempDir Path dir) throws Exception {
        acceptedToken = "renewed";
        refresh = TokenRefresher.Result.REFRESHED;
        assertThat(run(request("x", null, List.of(media(dir, "a.png", "image/png", new byte[]{1})), board())))
                .isInstanceOf(PublishOutcome.Published.class);
        assertThat(calls.stream().filter("POST /v5/pins"::equals)).hasSize(2);
    }

    @Test
    void theLookupFindsThePinOnItsBoardByWhatThePostSent(@TempDir Path dir) throws Exception {
        PublishRequest request = request("Same text", "Launch", List.of(media(dir, "a.png", "image/png", new byte[]{1})),
                Json.createObjectBuilder().add("board_id", "b1").add("link", "https://example.com/a").build());
        assertThat(connector.check(request).get()).isEqualTo(new CheckOutcome.NotFound());
        boardPins = "{\"items\":[{\"id\":\"55\",\"title\":\"Launch\",\"description\":\"Same text\",\"link\":\"https://example.com/a\"}]}";
        assertThat(connector.check(request).get()).isEqualTo(new CheckOutcome.Found("55", "https://www.pinterest.com/pin/55/"));
        boardPins = "<html>oops</html>";
        assertThat(connector.check(request).get()).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void refusals(@TempDir Path dir) throws Exception {
        PublishMedia image = media(dir, "a.png", "image/png", new byte[]{1});
        PublishMedia gif = media(dir, "a.gif", "image/gif", new byte[]{1});
        PublishMedia video = media(dir, "v.mp4", "video/mp4", new byte[]{1});
        assertThat(PinterestConnector.refusal(request("x", null, List.of(image), Json.createObjectBuilder().build()), false))
                .get().asString().contains("board_id");
        assertThat(PinterestConnector.refusal(request("x", null, List.of(), board()), false)).get().asString().contains("image or a video");
        assertThat(PinterestConnector.refusal(request("x", null, List.of(image, video), board()), false)).get().asString().contains("one video alone");
        assertThat(PinterestConnector.refusal(request("x", null, List.of(gif), board()), false)).get().asString().contains("JPEG or PNG");
        assertThat(PinterestConnector.refusal(request("x", null, List.of(gif), board()), true)).isEmpty();
        assertThat(PinterestConnector.refusal(request("x", null, List.of(image, image, image, image, image, image), board()), true))
                .get().asString().contains("at most 5");
        assertThat(connector.serves("pinterest", null)).isTrue();
        assertThat(connector.serves("pinterest", SandboxConnector.SERVICE)).isFalse();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonObject board() {
        return Json.createObjectBuilder().add("board_id", "b1").build();
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static PublishMedia media(Path dir, String name, String type, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new PublishMedia(UUID.randomUUID().toString(), type, content.length, name, "alt " + name,
                () -> (SeekableByteChannel) Files.newByteChannel(file));
    }

    private static PublishRequest request(String text, String title, List<PublishMedia> media, JsonObject options) {
        return new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "pinterest", UUID.randomUUID(), "ada", null, "token",
                text, title, List.of(), media.stream().map(PublishMedia::reference).toList(), media, null, options);
    }

    private static PublishRequest withState(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state, r.options());
    }
}
