package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A strict local stand-in for LinkedIn's versioned REST API (one per test run, since the API URL is a server
 * setting): the Posts, Images and Videos APIs of learn.microsoft.com/linkedin/marketing/community-management/shares/
 * ({@code posts-api}, {@code images-api}, {@code videos-api}), with the rules each page states, and switchable faults:
 * {@link #failNext} (a 500 that created nothing), {@link #dropAfterCreateNext} (create the post, then drop the
 * connection without an answer), {@link #refuseNext} (422 duplicate content), {@link #rateLimitNext} (429; LinkedIn sends no reset header), {@link #revokeTokens}
 * (every call 401), a video that stays {@code PROCESSING} for {@link #processingPolls} polls, and calls held until the
 * test releases them ({@link #stallPart}: a video part received, its answer held; {@link #stallAnswerAfterCreate}:
 * the post created, its answer held). Uploaded bytes are counted and digested (SHA-256 per part), never kept;
 * {@code PUT /bench/drain} takes a whole file the same way (the benchmark's curl baseline, see {@link BenchStandIns}).
 */
public final class LinkedInStandIn {

    /** Videos API: upload instructions split a file into parts of 4 MiB; the tests set smaller parts. */
    private static final int DEFAULT_PART_SIZE = 4 * 1024 * 1024;
    /** Posts API: commentary is at most 3000 characters. */
    private static final int MAX_COMMENTARY = 3000;
    /** little text format: these characters start markup unless backslash-escaped. */
    private static final String RESERVED = "\\|{}@[]()<>#*_~";
    private static final Pattern VERSION = Pattern.compile("\\d{6}");
    private static final Pattern AUTHOR = Pattern.compile("urn:li:(person|organization):[A-Za-z0-9_-]+");

    private static LinkedInStandIn instance;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Long> images = new ConcurrentHashMap<>();
    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimitNext = new ConcurrentHashMap<>();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final List<Received> drains = new CopyOnWriteArrayList<>();
    private volatile boolean revoked;
    private volatile int processingPolls;
    private volatile int partSize = DEFAULT_PART_SIZE;
    private volatile Stall answerAfterCreate;
    private volatile Stall part;
    private volatile int stalledPart;

    /** A post as LinkedIn keeps it: the commentary as sent and as it would show (cut at an unescaped character). */
    public record Post(String id, String author, String commentary, String shown, List<String> media, JsonObject body) {
    }

    /**
     * A registered video: its size, parts, the ETags handed out and each part's SHA-256 (hex), whether finalized, how
     * often it was polled, and when it was registered, its last part read and it was finalized (epoch milliseconds).
     */
    public static final class Video {
        public final String urn;
        public final long size;
        public final String token;
        public final List<long[]> parts = new ArrayList<>();
        public final Map<Integer, String> etags = new ConcurrentHashMap<>();
        public final Map<Integer, String> digests = new ConcurrentHashMap<>();
        public final Map<Integer, Integer> puts = new ConcurrentHashMap<>();
        public final long startedAt = System.currentTimeMillis();
        public volatile long lastPartAt;
        public volatile long finalizedAt;
        public volatile boolean finalized;
        public final AtomicInteger polls = new AtomicInteger();

        Video(String urn, long size, String token) {
            this.urn = urn;
            this.size = size;
            this.token = token;
        }
    }

    private LinkedInStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized LinkedInStandIn instance() {
        if (instance == null) {
            instance = new LinkedInStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The server settings that point the LinkedIn connector here, with a short processing poll. */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.linkedin.api-url", instance().baseUrl(),
                "syndicast.platforms.linkedin.processing-poll", "PT1S");
    }

    // ---- faults and settings --------------------------------------------------------------------------------------

    /** The next {@code n} calls of {@code route} ("posts", "images", "videos", "parts") answer 500 and do nothing. */
    public void failNext(String route, int n) {
        failNext.put(route, new AtomicInteger(n));
    }

    public void rateLimitNext(String route, int n) {
        rateLimitNext.put(route, new AtomicInteger(n));
    }

    /** The next {@code n} posts are refused as duplicates (422), as LinkedIn refuses the same content posted again. */
    public void refuseNext(int n) {
        refuseNext.set(n);
    }

    public void dropAfterCreateNext(int n) {
        dropAfterCreate.set(n);
    }

    public void revokeTokens(boolean revoked) {
        this.revoked = revoked;
    }

    public void processingPolls(int polls) {
        this.processingPolls = polls;
    }

    public void partSize(int bytes) {
        this.partSize = bytes;
    }

    /**
     * The next upload of video part {@code index} (of any video) is received whole and then held until the stall is
     * released; then it is taken as usual (its ETag answered to a client that may be gone).
     */
    public Stall stallPart(int index) {
        Stall stall = new Stall("LinkedIn video part " + index);
        stalledPart = index;
        part = stall;
        return stall;
    }

    /** The next post is created and its answer held until the stall is released (a crash test kills the client then). */
    public Stall stallAnswerAfterCreate() {
        Stall stall = new Stall("LinkedIn post answer");
        answerAfterCreate = stall;
        return stall;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public Map<String, Video> videos() {
        return Collections.unmodifiableMap(videos);
    }

    public Map<String, Long> images() {
        return Collections.unmodifiableMap(images);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<Received> drains() {
        return List.copyOf(drains);
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(method + " " + path + (query == null ? "" : "?" + query));
            if (method.equals("PUT") && path.equals("/bench/drain")) {
                drain(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            // Authentication page (learn.microsoft.com/linkedin/shared/authentication): a bearer token on every call,
            // uploads included; 401 with serviceErrorCode 65600 for an invalid or revoked one.
            if (authorization == null || !authorization.startsWith("Bearer ") || revoked) {
                error(exchange, 401, "Invalid access token");
                return;
            }
            if (path.startsWith("/upload/")) {
                upload(exchange, path);
                return;
            }
            // Versioning page (learn.microsoft.com/linkedin/marketing/versioning): every /rest call names a YYYYMM
            // version; Rest.li 2.0.0 is required by the versioned APIs.
            String version = exchange.getRequestHeaders().getFirst("LinkedIn-Version");
            if (version == null || !VERSION.matcher(version).matches()) {
                error(exchange, 400, "A version must be present. Please specify a version by adding the LinkedIn-Version header.");
                return;
            }
            if (!"2.0.0".equals(exchange.getRequestHeaders().getFirst("X-Restli-Protocol-Version"))) {
                error(exchange, 400, "X-Restli-Protocol-Version 2.0.0 is required");
                return;
            }
            String route = method + " " + path + (query == null ? "" : "?" + query);
            if (route.equals("POST /rest/images?action=initializeUpload")) {
                if (fault(exchange, "images")) {
                    return;
                }
                initializeImage(exchange);
            } else if (route.equals("POST /rest/videos?action=initializeUpload")) {
                if (fault(exchange, "videos")) {
                    return;
                }
                initializeVideo(exchange);
            } else if (route.equals("POST /rest/videos?action=finalizeUpload")) {
                finalizeVideo(exchange);
            } else if (method.equals("GET") && path.startsWith("/rest/videos/")) {
                getVideo(exchange, URLDecoder.decode(path.substring("/rest/videos/".length()), StandardCharsets.UTF_8));
            } else if (route.equals("POST /rest/posts")) {
                if (fault(exchange, "posts")) {
                    return;
                }
                createPost(exchange);
            } else if (method.equals("GET") && path.equals("/rest/posts")) {
                findPosts(exchange, query == null ? "" : query);
            } else {
                error(exchange, 404, "No route " + route);
            }
        }
    }

    private boolean fault(HttpExchange exchange, String route) throws IOException {
        if (take(rateLimitNext, route)) {
            // Rate limits page: a 429 with no header saying when the limit resets.
            error(exchange, 429, "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.");
            return true;
        }
        if (take(failNext, route)) {
            error(exchange, 500, "Internal Server Error");
            return true;
        }
        return false;
    }

    private static boolean take(Map<String, AtomicInteger> counters, String route) {
        AtomicInteger left = counters.get(route);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Images API, "Initialize Image Upload": an owner URN; answers the upload URL and the image URN. */
    private void initializeImage(HttpExchange exchange) throws IOException {
        JsonObject request = json(exchange).getJsonObject("initializeUploadRequest");
        if (request == null || !AUTHOR.matcher(request.getString("owner", "")).matches()) {
            error(exchange, 422, "ERROR :: /initializeUploadRequest/owner :: field is required");
            return;
        }
        String id = "D" + ids.incrementAndGet();
        respond(exchange, 200, Json.createObjectBuilder().add("value", Json.createObjectBuilder()
                .add("uploadUrlExpiresAt", System.currentTimeMillis() + 3_600_000)
                .add("uploadUrl", baseUrl() + "/upload/images/" + id).add("image", "urn:li:image:" + id)).build().toString());
    }

    /**
     * Videos API, "Initialize Video Upload": owner and fileSizeBytes; answers the video URN, an upload token and one
     * instruction per part (firstByte, lastByte, uploadUrl).
     */
    private void initializeVideo(HttpExchange exchange) throws IOException {
        JsonObject request = json(exchange).getJsonObject("initializeUploadRequest");
        if (request == null || !AUTHOR.matcher(request.getString("owner", "")).matches() || !request.containsKey("fileSizeBytes")) {
            error(exchange, 422, "ERROR :: /initializeUploadRequest :: owner and fileSizeBytes are required");
            return;
        }
        long size = request.getJsonNumber("fileSizeBytes").longValue();
        String id = "C" + ids.incrementAndGet();
        Video video = new Video("urn:li:video:" + id, size, "token-" + id);
        JsonArrayBuilder instructions = Json.createArrayBuilder();
        for (long first = 0, part = 0; first < size; first += partSize, part++) {
            long last = Math.min(size, first + partSize) - 1;
            video.parts.add(new long[] {first, last});
            instructions.add(Json.createObjectBuilder().add("uploadUrl", baseUrl() + "/upload/videos/" + id + "/" + part)
                    .add("firstByte", first).add("lastByte", last));
        }
        videos.put(video.urn, video);
        respond(exchange, 200, Json.createObjectBuilder().add("value", Json.createObjectBuilder()
                .add("uploadUrlsExpireAt", System.currentTimeMillis() + 3_600_000).add("video", video.urn)
                .add("uploadInstructions", instructions).add("uploadToken", video.token)).build().toString());
    }

    /** An upload URL: an image's whole file, or one video part of exactly its byte range (answering its ETag). */
    private void upload(HttpExchange exchange, String path) throws IOException {
        if (!"PUT".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "PUT the bytes");
            return;
        }
        long received;
        java.security.MessageDigest digest = Received.newDigest();
        try (InputStream in = exchange.getRequestBody()) {
            received = Received.digest(in, digest);
        }
        String[] segments = path.split("/");
        if (path.startsWith("/upload/images/")) {
            images.put("urn:li:image:" + segments[3], received);
            respond(exchange, 201, "");
            return;
        }
        if (take(failNext, "parts")) {
            error(exchange, 500, "Internal Server Error");
            return;
        }
        Video video = videos.get("urn:li:video:" + segments[3]);
        int part = Integer.parseInt(segments[4]);
        Stall stall = this.part;
        if (stall != null && part == stalledPart && stall.take()) {
            stall.hold();
        }
        long[] range = video == null || part >= video.parts.size() ? null : video.parts.get(part);
        if (range == null || received != range[1] - range[0] + 1) {
            error(exchange, 400, "The part does not match its byte range");
            return;
        }
        String etag = "etag-" + segments[3] + "-" + part + "-" + ids.incrementAndGet();
        video.etags.put(part, etag);
        video.digests.put(part, Received.hex(digest.digest()));
        video.puts.merge(part, 1, Integer::sum);
        video.lastPartAt = System.currentTimeMillis();
        exchange.getResponseHeaders().add("ETag", etag);
        respond(exchange, 200, "");
    }

    /**
     * Not a LinkedIn route: the benchmark's baseline. curl PUTs a whole file; it is read, counted and digested exactly as
     * a video part is, and answered with its size and SHA-256.
     */
    private void drain(HttpExchange exchange) throws IOException {
        Received received;
        try (InputStream in = exchange.getRequestBody()) {
            received = Received.of(in);
        }
        drains.add(received);
        respond(exchange, 200, received.toJson());
    }

    /** Videos API, "Finalize Video Upload": the upload token and every part's ETag, in order. */
    private void finalizeVideo(HttpExchange exchange) throws IOException {
        JsonObject request = json(exchange).getJsonObject("finalizeUploadRequest");
        Video video = request == null ? null : videos.get(request.getString("video", ""));
        if (video == null || !video.token.equals(request.getString("uploadToken", ""))) {
            error(exchange, 400, "Unknown video or upload token");
            return;
        }
        List<String> sent = request.getJsonArray("uploadedPartIds").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < video.parts.size(); i++) {
            expected.add(video.etags.get(i));
        }
        if (!sent.equals(expected)) {
            error(exchange, 400, "uploadedPartIds do not match the uploaded parts");
            return;
        }
        video.finalizedAt = System.currentTimeMillis();
        video.finalized = true;
        respond(exchange, 200, "");
    }

    /** Videos API, "Get a Video": WAITING_UPLOAD before finalizing, PROCESSING, then AVAILABLE. */
    private void getVideo(HttpExchange exchange, String urn) throws IOException {
        Video video = videos.get(urn);
        if (video == null) {
            error(exchange, 404, "Not found");
            return;
        }
        String status = !video.finalized ? "WAITING_UPLOAD" : video.polls.incrementAndGet() <= processingPolls ? "PROCESSING" : "AVAILABLE";
        respond(exchange, 200, Json.createObjectBuilder().add("id", urn).add("status", status).build().toString());
    }

    /**
     * Posts API, "Create a Post": author, commentary, visibility, distribution and lifecycleState are required; the
     * media must be uploaded (a video AVAILABLE); 201 with the post URN in {@code x-restli-id}.
     */
    private void createPost(HttpExchange exchange) throws IOException {
        JsonObject body = json(exchange);
        String author = body.getString("author", "");
        if (!AUTHOR.matcher(author).matches() || !body.containsKey("visibility") || !body.containsKey("distribution")
                || !"PUBLISHED".equals(body.getString("lifecycleState", ""))) {
            error(exchange, 422, "ERROR :: /author, /visibility, /distribution and /lifecycleState are required");
            return;
        }
        String commentary = body.getString("commentary", "");
        if (commentary.length() > MAX_COMMENTARY) {
            error(exchange, 422, "ERROR :: /commentary :: length " + commentary.length() + " exceeds " + MAX_COMMENTARY);
            return;
        }
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, 422, "Content is a duplicate of urn:li:share:1");
            return;
        }
        List<String> media = new ArrayList<>();
        JsonObject content = body.getJsonObject("content");
        if (content != null && content.containsKey("media")) {
            media.add(content.getJsonObject("media").getString("id"));
        } else if (content != null && content.containsKey("multiImage")) {
            content.getJsonObject("multiImage").getJsonArray("images").forEach(i -> media.add(i.asJsonObject().getString("id")));
            if (media.size() < 2) {
                error(exchange, 422, "ERROR :: /content/multiImage/images :: at least 2 images");
                return;
            }
        }
        for (String urn : media) {
            Video video = videos.get(urn);
            boolean ready = urn.startsWith("urn:li:image:") ? images.containsKey(urn)
                    : video != null && video.finalized && video.polls.get() > processingPolls;
            if (!ready) {
                error(exchange, 422, "ERROR :: /content :: media " + urn + " is not available");
                return;
            }
        }
        Post post = new Post("urn:li:share:" + ids.incrementAndGet(), author, commentary, shown(commentary), List.copyOf(media), body);
        posts.add(post);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The post exists; closing the exchange before any response drops the connection.
            return;
        }
        Stall stall = answerAfterCreate;
        if (stall != null && stall.take()) {
            stall.hold();
        }
        exchange.getResponseHeaders().add("x-restli-id", post.id());
        respond(exchange, 201, "");
    }

    /**
     * little text format: the plain text LinkedIn would show. An escaped character is itself; an unescaped reserved
     * one ends the text, as LinkedIn silently truncates there.
     */
    static String shown(String commentary) {
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < commentary.length(); i++) {
            char c = commentary.charAt(i);
            if (c == '\\' && i + 1 < commentary.length() && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
                plain.append(commentary.charAt(++i));
            } else if (RESERVED.indexOf(c) >= 0) {
                break;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    /** Posts API, "Find Posts by Authors": {@code q=author}, the author URN, newest first, count at most 100. */
    private void findPosts(HttpExchange exchange, String query) throws IOException {
        Map<String, String> params = new ConcurrentHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"author".equals(params.get("q")) || !AUTHOR.matcher(params.getOrDefault("author", "")).matches()) {
            error(exchange, 400, "q=author and an author URN are required");
            return;
        }
        int count = Math.min(100, Integer.parseInt(params.getOrDefault("count", "10")));
        List<Post> newestFirst = new ArrayList<>(posts);
        Collections.reverse(newestFirst);
        JsonArrayBuilder elements = Json.createArrayBuilder();
        newestFirst.stream().filter(p -> p.author().equals(params.get("author"))).limit(count).forEach(p -> {
            var element = Json.createObjectBuilder(p.body()).add("id", p.id());
            elements.add(element);
        });
        respond(exchange, 200, Json.createObjectBuilder().add("elements", elements).add("paging",
                Json.createObjectBuilder().add("start", 0).add("count", count)).build().toString());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static JsonObject json(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException unreadable) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** The error shape of learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling. */
    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        respond(exchange, status, Json.createObjectBuilder().add("status", status).add("message", message).build().toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
