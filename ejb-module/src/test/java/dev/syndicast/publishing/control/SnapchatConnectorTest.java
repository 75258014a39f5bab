package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Snapchat connector over real HTTP against a fake of the Public Profile API that decrypts what it receives: a
 * video encrypted while streamed and uploaded in several parts (each a stored step), decrypting to the library file's
 * bytes; a story, a saved story and a Spotlight; a restart in the middle of the parts; exactly one story when the
 * connection drops after Snap created it; a listing that cannot tell; and a refused token.
 */
class SnapchatConnectorTest {

    private static final String TOKEN = "token";
    private static final String PROFILE = "p-4711";

    private HttpServer server;
    private SnapchatConnector connector;
    private Path work;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private volatile boolean listingNamesMedia = true;
    private volatile boolean refreshWorks;
    private volatile String validToken = TOKEN;

    static final class Media {
        final String id;
        final String type;
        final byte[] key;
        final byte[] iv;
        final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
        volatile byte[] plain;

        Media(String id, String type, byte[] key, byte[] iv) {
            this.id = id;
            this.type = type;
            this.key = key;
            this.iv = iv;
        }
    }

    record Post(String id, String collection, String media, JsonObject body) {
    }

    @BeforeEach
    void start() throws IOException {
        work = Files.createTempDirectory("snapchat-connector");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::route);
        server.start();
        connector = new SnapchatConnector();
        connector.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.chunkSize = 1000;
        connector.stepRetry = Duration.ofSeconds(10);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                if (refreshWorks) {
                    validToken = "fresh";
                }
                return refreshWorks ? TokenRefresher.Result.REFRESHED : TokenRefresher.Result.REFUSED;
            }
        };
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(null, "ada", "fresh"));
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

    @Test
    void aVideoStoryIsEncryptedUploadedInPartsAndDecryptsToTheLibraryFile() throws IOException {
        PublishMedia video = file("clip.mp4", "video/mp4", 2_500);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request("A story", video, null), steps);
        assertThat(posts).hasSize(1);
        Post story = posts.get(0);
        assertThat(outcome).isEqualTo(new PublishOutcome.Published(story.id(), null));
        assertThat(story.collection()).isEqualTo("stories");
        assertThat(story.body().keySet()).as("a story carries no caption").containsExactly("media_id");
        Media uploaded = media.get(story.media());
        assertThat(uploaded.type).isEqualTo("VIDEO");
        assertThat(uploaded.parts).as("2512 encrypted bytes in parts of 992").hasSize(3);
        assertThat(uploaded.plain).isEqualTo(Files.readAllBytes(work.resolve("clip.mp4")));
        // create, three parts, finalize: each a stored step; then the story
        assertThat(steps).hasSize(6);
        assertThat(steps.subList(0, 5)).allSatisfy(s -> assertThat(s).isInstanceOf(PublishOutcome.InProgress.class));
        assertThat(SnapchatSteps.parse(((PublishOutcome.InProgress) steps.get(2)).state()).parts()).isEqualTo(2);
    }

    @Test
    void aRestartBetweenPartsResumesAtTheNextPartFromTheStoredChain() throws IOException {
        PublishMedia video = file("resume.mp4", "video/mp4", 3_000);
        PublishRequest request = request("Resumed", video, null);
        String state = null;
        for (int i = 0; i < 3; i++) { // create, part 1, part 2
            state = ((PublishOutcome.InProgress) connector.publishNow(with(request, state))).state();
        }
        // the job comes back (on this instance or another after a crash) with nothing but its stored state
        assertThat(SnapchatSteps.parse(state).parts()).isEqualTo(2);
        assertThat(publish(with(request, state), new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(media.get(posts.get(0).media()).plain).isEqualTo(Files.readAllBytes(work.resolve("resume.mp4")));
    }

    @Test
    void savedStoriesTakeTheTitleAndSpotlightsTheDescription() throws IOException {
        publish(request("Launch day\nMore about it", file("s.png", "image/png", 700),
                Json.createObjectBuilder().add("post_type", "saved_story").build()), new ArrayList<>());
        publish(request("Watch this #spotlight", file("v.mp4", "video/mp4", 900),
                Json.createObjectBuilder().add("post_type", "spotlight").build()), new ArrayList<>());
        assertThat(posts).extracting(Post::collection).containsExactly("saved_stories", "spotlights");
        assertThat(posts.get(0).body().getString("title")).isEqualTo("Launch day");
        assertThat(media.get(posts.get(0).media()).type).isEqualTo("IMAGE");
        assertThat(posts.get(1).body().getString("description")).isEqualTo("Watch this #spotlight");
        assertThat(posts.get(1).body().getString("locale")).as("a post without a language").isEqualTo("en_US");
        assertThat(posts.get(0).body().containsKey("locale")).as("only a Spotlight names its locale").isFalse();
    }

    @Test
    void aSpotlightsLocaleIsTheOptionElseThePostsLanguageWithItsRegion() {
        PublishMedia clip = new PublishMedia("v", "video/mp4", 1, "v.mp4", null, () -> null);
        PublishRequest plain = request("x", clip, null);
        assertThat(SnapchatConnector.locale(plain)).isEqualTo("en_US");
        assertThat(SnapchatConnector.locale(withLanguage(plain, "en-GB"))).isEqualTo("en_GB");
        assertThat(SnapchatConnector.locale(withLanguage(plain, "fr"))).as("no region: the default").isEqualTo("en_US");
        assertThat(SnapchatConnector.locale(request("x", clip, Json.createObjectBuilder().add("locale", "de_AT").build())))
                .isEqualTo("de_AT");
    }

    private static PublishRequest withLanguage(PublishRequest r, String language) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), r.platformState(), language, r.options());
    }

    @Test
    void aConnectionDroppedAfterSnapCreatedTheStoryIsFoundByItsMedia() throws IOException {
        dropAfterCreate.set(1);
        PublishRequest request = request("Dropped", file("d.mp4", "video/mp4", 500), null);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request, steps);
        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        String state = ((PublishOutcome.InProgress) steps.get(steps.size() - 2)).state();
        assertThat(connector.checkNow(with(request, state))).isEqualTo(new CheckOutcome.Found(posts.get(0).id(), null));
        assertThat(posts).hasSize(1);
        listingNamesMedia = false;
        assertThat(connector.checkNow(with(request, state))).as("a listing that does not name the media cannot tell")
                .isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(connector.checkNow(request)).as("nothing is posted before the upload is finalized")
                .isInstanceOf(CheckOutcome.NotFound.class);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndARefusedRenewalAsksForReconnecting() throws IOException {
        validToken = "other";
        PublishRequest request = request("Revoked", file("r.mp4", "video/mp4", 100), null);
        assertThat(connector.publishNow(request)).isInstanceOfSatisfying(PublishOutcome.TokenRefused.class,
                t -> assertThat(t.reason()).contains("Snapchat refused the access token", "renewing the token was refused"));
        refreshWorks = true;
        assertThat(publish(request, new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
    }

    @Test
    void aMediaObjectSnapNoLongerKeepsStartsOverAndWhatSnapCannotTakeIsRefused() throws IOException {
        PublishMedia video = file("old.mp4", "video/mp4", 100);
        String old = SnapchatSteps.created(Instant.now().minus(Duration.ofHours(25)), "a2V5", "aXY=", "m", "/a", "/f").toJson();
        assertThat(connector.publishNow(with(request("Old", video, null), old))).isInstanceOf(PublishOutcome.StartOver.class);
        PublishMedia image = file("i.png", "image/png", 100);
        assertThat(connector.publishNow(request("x", image, Json.createObjectBuilder().add("post_type", "spotlight").build())))
                .isInstanceOfSatisfying(PublishOutcome.Permanent.class, p -> assertThat(p.reason()).contains("Spotlight post is a video"));
        PublishMedia byUrl = new PublishMedia("https://example.com/v.mp4", "video/mp4", 10, null, null, null);
        assertThat(connector.publishNow(request("x", byUrl, null))).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(media).isEmpty();
    }

    // ---- the flow ------------------------------------------------------------------------------------------------

    private PublishOutcome publish(PublishRequest request, List<PublishOutcome> steps) {
        PublishRequest current = request;
        for (int i = 0; i < 30; i++) {
            PublishOutcome outcome = connector.publishNow(current);
            steps.add(outcome);
            if (!(outcome instanceof PublishOutcome.InProgress step)) {
                return outcome;
            }
            current = with(current, step.state());
        }
        throw new AssertionError("no end after 30 steps: " + steps);
    }

    private static PublishRequest with(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state, r.options());
    }

    private static PublishRequest request(String text, PublishMedia item, JsonObject options) {
        UUID job = UUID.randomUUID();
        return new PublishRequest(job, 1, "syn-" + job, false, true, "snapchat", UUID.randomUUID(), PROFILE, null, TOKEN, text,
                null, List.of(), List.of(), List.of(item), null, options);
    }

    private PublishMedia file(String name, String type, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(name.hashCode()).nextBytes(bytes);
        Path file = work.resolve(name);
        Files.write(file, bytes);
        return new PublishMedia(UUID.randomUUID().toString(), type, size, name, null, () -> Files.newByteChannel(file));
    }

    // ---- the fake Public Profile API -----------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"request_status\":\"ERROR\",\"debug_message\":\"Unauthorized\"}");
                return;
            }
            String base = "/v1/public_profiles/" + PROFILE;
            if (method.equals("POST") && path.equals(base + "/media")) {
                JsonObject create = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
                Media m = new Media("m-" + UUID.randomUUID(), create.getString("type"), Base64.getDecoder().decode(create.getString("key")),
                        Base64.getDecoder().decode(create.getString("iv")));
                media.put(m.id, m);
                respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"request_id\":\"r\",\"media_id\":\"" + m.id
                        + "\",\"add_path\":\"" + base + "/media/" + m.id + "/multipart-upload?action=ADD\",\"finalize_path\":\""
                        + base + "/media/" + m.id + "/multipart-upload?action=FINALIZE\"}");
            } else if (method.equals("POST") && path.matches(base + "/media/[^/]+/multipart-upload")) {
                Media m = media.get(path.split("/")[5]);
                if (query.equals("action=ADD")) {
                    List<Map.Entry<String, String>> fields = new ArrayList<>();
                    String type = exchange.getRequestHeaders().getFirst("Content-Type");
                    byte[] part = DribbbleConnectorTest.parts(body, type.substring(type.indexOf("boundary=") + 9), fields);
                    if (!fields.contains(new SimpleEntry<>("action", "ADD"))) {
                        respond(exchange, 400, "{\"request_status\":\"ERROR\",\"debug_message\":\"action=ADD missing\"}");
                        return;
                    }
                    m.parts.put(Integer.parseInt(field(fields, "part_number")), part);
                    respond(exchange, 200, "{\"request_status\":\"SUCCESS\"}");
                } else {
                    List<Map.Entry<String, String>> fields = new ArrayList<>();
                    String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                    DribbbleConnectorTest.parts(body, type.substring(type.indexOf("boundary=") + 9), fields);
                    if (!type.startsWith("multipart/form-data") || !fields.contains(new SimpleEntry<>("action", "FINALIZE"))) {
                        respond(exchange, 400, "{\"request_status\":\"ERROR\",\"debug_message\":\"action=FINALIZE missing\"}");
                        return;
                    }
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    for (int n = 1; n <= m.parts.size(); n++) {
                        all.writeBytes(m.parts.get(n));
                    }
                    try {
                        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(m.key, "AES"), new IvParameterSpec(m.iv));
                        m.plain = cipher.doFinal(all.toByteArray());
                        respond(exchange, 200, "{\"request_status\":\"SUCCESS\"}");
                    } catch (Exception e) {
                        respond(exchange, 400, "{\"request_status\":\"ERROR\",\"debug_message\":\"decryption failed\"}");
                    }
                }
            } else if (method.equals("POST") && path.matches(base + "/(stories|saved_stories|spotlights)")) {
                String collection = path.substring(path.lastIndexOf('/') + 1);
                JsonObject post = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
                Media m = media.get(post.getString("media_id"));
                if (m == null || m.plain == null) {
                    respond(exchange, 400, "{\"request_status\":\"ERROR\",\"debug_message\":\"media not ready\"}");
                    return;
                }
                Post created = new Post("s-" + UUID.randomUUID(), collection, m.id, post);
                posts.add(created);
                if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return;
                }
                String entity = collection.equals("stories") ? "story" : collection.substring(0, collection.length() - 1);
                respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"" + collection + "\":[{\"sub_request_status\":\"SUCCESS\",\""
                        + entity + "\":{\"id\":\"" + created.id() + "\",\"media_id\":\"" + m.id + "\"}}]}");
            } else if (method.equals("GET") && path.matches(base + "/(stories|saved_stories|spotlights)")) {
                String collection = path.substring(path.lastIndexOf('/') + 1);
                JsonArrayBuilder items = Json.createArrayBuilder();
                posts.stream().filter(p -> p.collection().equals(collection)).forEach(p -> {
                    var o = Json.createObjectBuilder().add("id", p.id());
                    if (listingNamesMedia) {
                        o.add("media_id", p.media());
                    }
                    items.add(Json.createObjectBuilder().add("story", o));
                });
                respond(exchange, 200, Json.createObjectBuilder().add("request_status", "SUCCESS").add(collection, items).build().toString());
            } else {
                respond(exchange, 404, "{\"request_status\":\"ERROR\",\"debug_message\":\"no route\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private static String field(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
