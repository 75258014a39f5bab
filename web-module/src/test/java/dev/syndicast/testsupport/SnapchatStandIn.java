package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict local stand-in for the Snap Public Profile API, shared by the test run
 * ({@code syndicast.platforms.snapchat.api-url} points at it, see {@link #serverSettings()}). It decrypts what it
 * receives, so a test compares the bytes Snap would play with the library file. Access tokens are the ones
 * {@link PlatformStub} issued; anything else is a 401.
 *
 * <p>Rules read on developers.snap.com/api/marketing-api/Public-Profile-API/ProfileAssetManagement: media is created
 * ({@code POST /v1/public_profiles/{profile_id}/media}) with {@code type} (VIDEO, IMAGE), {@code name}, a base64
 * 32-byte {@code key} and 16-byte {@code iv}; the file is AES-256-CBC encrypted and split into parts of at most 32 MB;
 * a media object lives 24 hours. ASSUMED, the same as the connector, from the public evidence docs/platforms/snapchat.md
 * names: the create answer's {@code media_id}, {@code add_path}, {@code finalize_path}; each part a multipart form of
 * {@code action=ADD}, {@code part_number} (from 1) and {@code file}; the finalization a multipart form of
 * {@code action=FINALIZE}; the story, saved story and spotlight calls (a spotlight with its {@code locale},
 * {@code language_COUNTRY}) and listings and their envelopes; Spotlight takes video only; a media object is posted
 * once. Faults: 5xx before creating, 429 with Retry-After, a stall, a connection dropped after the story was created,
 * processing that fails at finalization, listings that do not name the media.
 */
public final class SnapchatStandIn {

    private static SnapchatStandIn instance;
    /** ProfileAssetManagement: "If the file is larger than 32MB then split it into smaller chunks". */
    static final int MAX_PART = 32 * 1024 * 1024;
    private static final Set<String> COLLECTIONS = Set.of("stories", "saved_stories", "spotlights");

    private final HttpServer server;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger serverErrorNext = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger failProcessingNext = new AtomicInteger();
    private volatile boolean listingsNameMedia = true;
    private volatile long stallMillis;

    public static final class Media {
        public final String id;
        public final String profile;
        public final String type;
        public final String name;
        final byte[] key;
        final byte[] iv;
        public final Instant created = Instant.now();
        public final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
        public volatile byte[] plain;
        volatile boolean used;

        Media(String id, String profile, String type, String name, byte[] key, byte[] iv) {
            this.id = id;
            this.profile = profile;
            this.type = type;
            this.name = name;
            this.key = key;
            this.iv = iv;
        }
    }

    public record Post(String id, String profile, String collection, String media, JsonObject body) {
    }

    private SnapchatStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::route);
        server.start();
    }

    public static synchronized SnapchatStandIn instance() {
        if (instance == null) {
            instance = new SnapchatStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The server under test publishes here, in parts of 64 KiB so a small video takes several, retrying steps soon. */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.snapchat.api-url", instance().baseUrl(),
                "syndicast.platforms.snapchat.chunk-size", "65536",
                "syndicast.platforms.snapchat.step-retry", "PT1S");
    }

    // ---- faults and what happened ---------------------------------------------------------------------------------

    public void dropAfterCreateNext(int n) {
        dropAfterCreate.set(n);
    }

    public void serverErrorNext(int n) {
        serverErrorNext.set(n);
    }

    public void rateLimitNext(int n) {
        rateLimitNext.set(n);
    }

    public void failProcessingNext(int n) {
        failProcessingNext.set(n);
    }

    public void listingsNameMedia(boolean name) {
        listingsNameMedia = name;
    }

    public void stall(long millis) {
        stallMillis = millis;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public Media media(String id) {
        return media.get(id);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path + (query.equals("null") ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !PlatformStub.instance().accepts("snapchat", authorization.substring(7))) {
                respond(exchange, 401, error("Unauthorized", "E0001"));
                return;
            }
            String[] segments = path.split("/");
            if (segments.length < 4 || !path.startsWith("/v1/public_profiles/")) {
                respond(exchange, 404, error("no route " + method + " " + path, "E1008"));
                return;
            }
            String profile = segments[3];
            if (!PlatformStub.SNAPCHAT_PROFILE_ID.equals(profile)) {
                respond(exchange, 403, error("The token may not post for profile " + profile, "E1002"));
                return;
            }
            String rest = path.substring(("/v1/public_profiles/" + profile).length());
            if (method.equals("POST") && rest.equals("/media")) {
                createMedia(exchange, profile, body);
            } else if (method.equals("POST") && rest.matches("/media/[^/]+/multipart-upload") && query.equals("action=ADD")) {
                addPart(exchange, segments[5], body);
            } else if (method.equals("POST") && rest.matches("/media/[^/]+/multipart-upload") && query.equals("action=FINALIZE")) {
                finalizeUpload(exchange, segments[5], body);
            } else if (method.equals("POST") && COLLECTIONS.contains(rest.substring(1))) {
                createPost(exchange, profile, rest.substring(1), body);
            } else if (method.equals("GET") && COLLECTIONS.contains(rest.substring(1))) {
                list(exchange, profile, rest.substring(1));
            } else {
                respond(exchange, 404, error("no route " + method + " " + path, "E1008"));
            }
        } finally {
            exchange.close();
        }
    }

    /** ProfileAssetManagement, "Create Media": type, name, key (32 bytes), iv (16 bytes), base64; all required. */
    private void createMedia(HttpExchange exchange, String profile, byte[] body) throws IOException {
        JsonObject create = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        String type = create.getString("type", "");
        byte[] key = decode(create.getString("key", ""));
        byte[] iv = decode(create.getString("iv", ""));
        if (!Set.of("VIDEO", "IMAGE").contains(type) || create.getString("name", "").isBlank() || key == null || key.length != 32
                || iv == null || iv.length != 16) {
            respond(exchange, 400, error("type (VIDEO, IMAGE), name, a base64 32-byte key and 16-byte iv are required", "E1001"));
            return;
        }
        Media m = new Media(UUID.randomUUID().toString(), profile, type, create.getString("name"), key, iv);
        media.put(m.id, m);
        String base = "/v1/public_profiles/" + profile + "/media/" + m.id + "/multipart-upload";
        respond(exchange, 200, Json.createObjectBuilder().add("request_status", "SUCCESS").add("request_id", UUID.randomUUID().toString())
                .add("media_id", m.id).add("add_path", base + "?action=ADD").add("finalize_path", base + "?action=FINALIZE").build().toString());
    }

    /** A part of the encrypted file: at most 32 MB; part numbers from 1; a part sent again replaces the earlier. */
    private void addPart(HttpExchange exchange, String id, byte[] body) throws IOException {
        Media m = media.get(id);
        Multipart form = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        String number = form.field("part_number");
        if (m == null || form.file() == null || !"ADD".equals(form.field("action")) || number == null || !number.matches("[1-9]\\d*")
                || form.file().length > MAX_PART) {
            respond(exchange, 400, error("unknown media, or action=ADD, part_number and file (at most 32 MB) missing", "E1001"));
            return;
        }
        m.parts.put(Integer.parseInt(number), form.file());
        respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"request_id\":\"" + UUID.randomUUID() + "\"}");
    }

    /** The parts in order, decrypted with the media's key and IV: a gap or a wrong encryption is refused. */
    private void finalizeUpload(HttpExchange exchange, String id, byte[] body) throws IOException {
        Media m = media.get(id);
        if (m == null) {
            respond(exchange, 404, error("unknown media " + id, "E1008"));
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data") || !"FINALIZE".equals(Multipart.parse(type, body).field("action"))) {
            respond(exchange, 400, error("the finalization is a multipart form with action=FINALIZE", "E1001"));
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int n = 1; n <= m.parts.size(); n++) {
            byte[] part = m.parts.get(n);
            if (part == null) {
                respond(exchange, 400, error("part " + n + " is missing", "E1001"));
                return;
            }
            all.writeBytes(part);
        }
        if (failProcessingNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 400, error("Media processing failed", "E3001"));
            return;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(m.key, "AES"), new IvParameterSpec(m.iv));
            m.plain = cipher.doFinal(all.toByteArray());
        } catch (GeneralSecurityException e) {
            respond(exchange, 400, error("The media could not be decrypted with its key and iv", "E3002"));
            return;
        }
        respond(exchange, 200, "{\"request_status\":\"SUCCESS\",\"request_id\":\"" + UUID.randomUUID() + "\"}");
    }

    /** A story, saved story or spotlight of a finalized media object of this profile, posted once, within 24 hours. */
    private void createPost(HttpExchange exchange, String profile, String collection, byte[] body) throws IOException {
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", "2");
            respond(exchange, 429, error("Too many requests", "E2001"));
            return;
        }
        if (serverErrorNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 503, error("Service unavailable", "E5000"));
            return;
        }
        JsonObject post = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        Media m = media.get(post.getString("media_id", ""));
        if (m == null || !m.profile.equals(profile) || m.plain == null || m.used || m.created.plusSeconds(86_400).isBefore(Instant.now())) {
            respond(exchange, 400, error("media_id must name a finalized, unused media object of this profile", "E1001"));
            return;
        }
        if (collection.equals("spotlights") && !m.type.equals("VIDEO")) {
            respond(exchange, 400, error("A Spotlight is a video", "E1001"));
            return;
        }
        if (collection.equals("spotlights") && !post.getString("locale", "").matches("[a-z]{2}_[A-Z]{2}")) {
            respond(exchange, 400, error("A Spotlight needs its locale, such as en_US", "E1001"));
            return;
        }
        if (collection.equals("saved_stories") && post.getString("title", "").isBlank()) {
            respond(exchange, 400, error("A saved story needs a title", "E1001"));
            return;
        }
        m.used = true;
        Post created = new Post(UUID.randomUUID().toString(), profile, collection, m.id, post);
        posts.add(created);
        if (stallMillis > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(stallMillis * 1_000_000L); // the stall fault
        }
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // created; closing before any answer drops the connection
        }
        respond(exchange, 200, Json.createObjectBuilder().add("request_status", "SUCCESS").add("request_id", UUID.randomUUID().toString())
                .add(collection, Json.createArrayBuilder().add(Json.createObjectBuilder().add("sub_request_status", "SUCCESS")
                        .add(entity(collection), entry(created, true)))).build().toString());
    }

    private void list(HttpExchange exchange, String profile, String collection) throws IOException {
        JsonArrayBuilder items = Json.createArrayBuilder();
        posts.stream().filter(p -> p.profile().equals(profile) && p.collection().equals(collection))
                .forEach(p -> items.add(Json.createObjectBuilder().add(entity(collection), entry(p, listingsNameMedia))));
        respond(exchange, 200, Json.createObjectBuilder().add("request_status", "SUCCESS").add(collection, items).build().toString());
    }

    private static JsonObject entry(Post post, boolean withMedia) {
        var o = Json.createObjectBuilder().add("id", post.id()).add("created_at", Instant.now().toString());
        if (withMedia) {
            o.add("media_id", post.media());
        }
        return o.build();
    }

    private static String entity(String collection) {
        return switch (collection) {
            case "stories" -> "story";
            case "saved_stories" -> "saved_story";
            default -> "spotlight";
        };
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The Marketing API's error body: request_status, request_id, debug_message, display_message, error_code. */
    private static String error(String message, String code) {
        return Json.createObjectBuilder().add("request_status", "ERROR").add("request_id", UUID.randomUUID().toString())
                .add("debug_message", message).add("display_message", message).add("error_code", code).build().toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
