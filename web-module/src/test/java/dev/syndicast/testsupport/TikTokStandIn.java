package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict local TikTok Content Posting API (open.tiktokapis.com) for the publishing tests, one per test run like
 * {@link PlatformStub} (which issues the OAuth tokens every call here must carry; anything else is 401
 * {@code access_token_invalid}). Each rule names the developers.tiktok.com page it comes from:
 * <ul>
 *   <li>doc/content-posting-api-reference-query-creator-info: {@code POST /v2/post/publish/creator_info/query/}
 *   answers the account's privacy_level_options (a public account: PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS,
 *   SELF_ONLY), its comment/duet/stitch settings and max_video_post_duration_sec; its spam refusals come with HTTP 200
 *   ("intentional").</li>
 *   <li>doc/content-posting-api-reference-direct-post: {@code POST /v2/post/publish/video/init/} takes post_info
 *   (privacy_level must be one of the options, else 403 privacy_level_option_mismatch; title at most 2200 UTF-16
 *   units; brand_content_toggle required) and source_info; answers publish_id and, for FILE_UPLOAD, an upload_url valid
 *   one hour. An unaudited app posting to a public account is 403 unaudited_client_can_only_post_to_private_accounts.</li>
 *   <li>doc/content-posting-api-media-transfer-guide: the chunk rules, checked exactly as written
 *   (total_chunk_count = floor(video_size / chunk_size); chunks 5-64 MB, the final one the rest up to 128 MB; under
 *   5 MB whole; over 64 MB in several; 1-1000 chunks, in order). Each {@code PUT {upload_url}} carries
 *   {@code Content-Type} (video/mp4, video/quicktime, video/webm), {@code Content-Range: bytes a-b/N} and exactly that
 *   many bytes: 206 for a chunk, 201 for the last; 400 for a malformed one, 403 once the URL expired, 404 for an
 *   unknown upload, 416 with {@code Content-Range: bytes 0-{UPLOADED_BYTES}/{TOTAL}} when the range is not where the
 *   upload stands. A chunk cut off midway is not kept. PULL_FROM_URL fetches the URL, which must lie under a verified
 *   prefix (else 403 url_ownership_unverified).</li>
 *   <li>doc/content-posting-api-reference-photo-post: {@code POST /v2/post/publish/content/init/} with media_type
 *   PHOTO, post_mode DIRECT_POST, title up to 90 and description up to 4000 UTF-16 units, 1-35 photo_images (JPEG or
 *   WebP, fetched from a verified prefix) and photo_cover_index among them.</li>
 *   <li>doc/content-posting-api-reference-get-video-status: {@code POST /v2/post/publish/status/fetch/} answers
 *   PROCESSING_UPLOAD (with uploaded_bytes) or PROCESSING_DOWNLOAD, then PUBLISH_COMPLETE with
 *   publicaly_available_post_id (only for a post public to everyone) or FAILED with a fail_reason; an unknown
 *   publish_id is 400 invalid_publish_id.</li>
 * </ul>
 * Faults: 429 and 5xx on the next inits, a connection dropped after a number of uploaded bytes, the answer of a final
 * chunk lost after TikTok took it, processing that fails with a reason, an upload URL that expired, an unaudited app;
 * for crash tests a chunk held before it is read ({@link #stallChunk}). Each publish notes when its init arrived, when
 * its first chunk arrived and when it held every byte (epoch milliseconds); {@code PUT /bench/drain} takes a whole file
 * through the same 64 KiB reads and SHA-256 as a chunk (the benchmark's curl baseline, see {@link BenchStandIns}).
 */
public final class TikTokStandIn {

    public static final String OPEN_ID = "tiktok-open-id-ada";
    public static final String USERNAME = "ada.lovelace";
    private static final long MB = 1024L * 1024L;
    private static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime", "video/webm");
    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/webp");
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static TikTokStandIn instance;

    /** One publish: what the init said, how far its upload or download got, and what came of it. */
    public static final class Publish {
        public final String publishId;
        public final String kind;
        public final String source;
        public final JsonObject postInfo;
        public final JsonObject sourceInfo;
        final String uploadToken;
        final Instant issued;
        final long videoSize;
        final long chunkSize;
        final int chunks;
        MessageDigest digest;
        public volatile long held;
        public volatile int chunksHeld;
        /** Every byte that arrived at the upload URL, kept or not. */
        public final AtomicLong received = new AtomicLong();
        public final AtomicInteger puts = new AtomicInteger();
        public volatile boolean complete;
        volatile boolean expired;
        public volatile String fetched;
        public final AtomicInteger polls = new AtomicInteger();
        /** When the init arrived, the first chunk arrived and the upload held every byte (epoch ms; 0 until then). */
        public volatile long initAt;
        public volatile long firstChunkAt;
        public volatile long completedAt;
        /** Time spent reading chunk bodies, and between one chunk's answer and the next chunk's arrival (ns). */
        public volatile long readingNanos;
        public volatile long betweenNanos;
        volatile long answeredNanos;
        volatile String failReason;
        volatile Post post;

        Publish(String publishId, String kind, String source, JsonObject postInfo, JsonObject sourceInfo, String uploadToken,
                Instant issued, long videoSize, long chunkSize, int chunks) {
            this.publishId = publishId;
            this.kind = kind;
            this.source = source;
            this.postInfo = postInfo;
            this.sourceInfo = sourceInfo;
            this.uploadToken = uploadToken;
            this.issued = issued;
            this.videoSize = videoSize;
            this.chunkSize = chunkSize;
            this.chunks = chunks;
            this.digest = sha256();
        }

        /** The SHA-256 of the bytes TikTok kept, once the upload is complete. */
        public synchronized String sha256Hex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A post on TikTok: its id (null unless public to everyone), the publish behind it, its caption and settings. */
    public record Post(String postId, String publishId, String kind, JsonObject postInfo, String fetched) {
    }

    private final HttpServer server;
    private final HttpClient fetcher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Publish> publishes = new ConcurrentHashMap<>();
    private final List<Publish> order = new CopyOnWriteArrayList<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Received> drains = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger serverErrorNext = new AtomicInteger();
    private final AtomicLong dropAfterBytes = new AtomicLong(-1);
    private final AtomicInteger loseFinalAnswerNext = new AtomicInteger();
    private volatile List<String> privacyOptions = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");
    private volatile boolean commentDisabled;
    private volatile int maxVideoSeconds = 600;
    private volatile String failNext;
    private volatile int processingPolls;
    private volatile boolean unaudited;
    private volatile boolean expireNext;
    private volatile String verifiedPrefix = "https://verified.invalid/";
    private volatile Stall chunkStall;
    private volatile int chunkStallIndex = -1;

    private TikTokStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/", this::api);
        server.createContext("/upload/", this::upload);
        server.createContext("/bench/drain", this::benchDrain);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized TikTokStandIn instance() {
        if (instance == null) {
            instance = new TikTokStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Server settings of the shared server: the API URL, 32 MB chunks, short polls and rate-limit waits. */
    public Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.tiktok.api-url", baseUrl(),
                "syndicast.platforms.tiktok.chunk-size", String.valueOf(32 * MB),
                "syndicast.platforms.tiktok.processing-poll", "PT1S",
                "syndicast.platforms.tiktok.rate-limit-wait", "PT2S");
    }

    // ---- switches -------------------------------------------------------------------------------------------------

    /** The account as creator_info describes it; {@link #resetAccount()} restores the public default. */
    public void account(List<String> privacy, boolean commentsOff, int maxSeconds) {
        privacyOptions = List.copyOf(privacy);
        commentDisabled = commentsOff;
        maxVideoSeconds = maxSeconds;
    }

    public void resetAccount() {
        account(List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), false, 600);
        unaudited = false;
        expireNext = false;
        failNext = null;
        processingPolls = 0;
        dropAfterBytes.set(-1);
        loseFinalAnswerNext.set(0);
        rateLimitNext.set(0);
        serverErrorNext.set(0);
    }

    /** The URL prefix verified for the app (URL properties in the developer portal): pulls only from under it. */
    public void verifiedPrefix(String prefix) { verifiedPrefix = prefix; }
    public void rateLimitInitsNext(int n) { rateLimitNext.set(n); }
    public void serverErrorInitsNext(int n) { serverErrorNext.set(n); }
    /** The next upload's connection drops once this many more bytes arrived (the chunk then in flight is not kept). */
    public void dropUploadAfterBytes(long n) { dropAfterBytes.set(n); }
    /** The next final chunk is taken, and its answer lost. */
    public void loseFinalChunkAnswerNext() { loseFinalAnswerNext.set(1); }
    /** The next publish fails in processing with this fail_reason. */
    public void failProcessingNext(String reason) { failNext = reason; }
    public void processingPolls(int n) { processingPolls = n; }
    public void unaudited(boolean on) { unaudited = on; }
    /** The next upload URL is issued expired, as if its hour had passed before the first chunk. */
    public void expireNextUploadUrl() { expireNext = true; }

    /**
     * Crash tests: the next PUT of chunk {@code index} (0-based, of any upload) is held before its body is read, until
     * the stall is released; TikTok keeps nothing of it, so a client killed meanwhile must go on from that chunk.
     */
    public Stall stallChunk(int index) {
        Stall stall = new Stall("TikTok chunk " + index);
        chunkStallIndex = index;
        chunkStall = stall;
        return stall;
    }

    public List<Publish> publishes() { return List.copyOf(order); }
    public List<Post> posts() { return List.copyOf(posts); }
    public List<String> requests() { return List.copyOf(requests); }
    /** The files taken by {@code PUT /bench/drain}. */
    public List<Received> drains() { return List.copyOf(drains); }

    // ---- the API --------------------------------------------------------------------------------------------------

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
            if (!PlatformStub.instance().accepts("tiktok", token)) {
                error(exchange, 401, "access_token_invalid", "The access token is invalid or not found in the request.");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_param", "Use POST");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                error(exchange, 400, "invalid_param", "Content-Type must be application/json; charset=UTF-8");
                return;
            }
            switch (path) {
                case "/v2/post/publish/creator_info/query/" -> respond(exchange, 200, "{\"data\":{\"creator_avatar_url\":"
                        + "\"https://lf16-tt4d.tiktokcdn.com/obj/ada\",\"creator_username\":\"" + USERNAME + "\",\"creator_nickname\":"
                        + "\"Ada Lovelace\",\"privacy_level_options\":" + Json.createArrayBuilder(privacyOptions).build()
                        + ",\"comment_disabled\":" + commentDisabled + ",\"duet_disabled\":false,\"stitch_disabled\":false,"
                        + "\"max_video_post_duration_sec\":" + maxVideoSeconds + "}," + ok() + "}");
                case "/v2/post/publish/video/init/" -> videoInit(exchange, read(body));
                case "/v2/post/publish/content/init/" -> photoInit(exchange, read(body));
                case "/v2/post/publish/status/fetch/" -> status(exchange, read(body));
                default -> error(exchange, 404, "invalid_param", "No such endpoint: " + path);
            }
        }
    }

    /** The checks every init shares: limits switched on, privacy, the audit. Null when they pass. */
    private String[] refusal(JsonObject postInfo) {
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new String[]{"429", "rate_limit_exceeded", "Your request is blocked due to exceeding the API rate limit."};
        }
        if (serverErrorNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new String[]{"500", "internal_error", "TikTok server or network error. Try again later."};
        }
        String privacy = postInfo == null ? null : postInfo.getString("privacy_level", null);
        if (privacy == null || !privacyOptions.contains(privacy)) {
            return new String[]{"403", "privacy_level_option_mismatch", "privacy_level is not specified or not among the"
                    + " privacy_level_options"};
        }
        if (unaudited && privacyOptions.contains("PUBLIC_TO_EVERYONE")) {
            return new String[]{"403", "unaudited_client_can_only_post_to_private_accounts",
                    "Unaudited clients can only post to a private account."};
        }
        return null;
    }

    private void videoInit(HttpExchange exchange, JsonObject body) throws IOException {
        long arrived = System.currentTimeMillis();
        JsonObject postInfo = body == null ? null : object(body, "post_info");
        JsonObject sourceInfo = body == null ? null : object(body, "source_info");
        if (postInfo == null || sourceInfo == null) {
            error(exchange, 400, "invalid_param", "post_info and source_info are required");
            return;
        }
        String[] refused = refusal(postInfo);
        if (refused != null) {
            error(exchange, Integer.parseInt(refused[0]), refused[1], refused[2]);
            return;
        }
        String title = postInfo.getString("title", "");
        if (title.length() > 2200) {
            error(exchange, 400, "invalid_param", "The title is longer than 2200 UTF-16 runes");
            return;
        }
        JsonValue brand = postInfo.get("brand_content_toggle");
        if (brand == null || brand.getValueType() != JsonValue.ValueType.TRUE && brand.getValueType() != JsonValue.ValueType.FALSE) {
            error(exchange, 400, "invalid_param", "brand_content_toggle is required");
            return;
        }
        String source = sourceInfo.getString("source", "");
        long n = ids.incrementAndGet();
        if ("PULL_FROM_URL".equals(source)) {
            String url = sourceInfo.getString("video_url", "");
            if (!url.startsWith(verifiedPrefix)) {
                error(exchange, 403, "url_ownership_unverified", "The URL prefix or domain of video_url is not verified");
                return;
            }
            Publish publish = register(new Publish("v_pub_url~v2." + n, "video", source, postInfo, sourceInfo, null,
                    Instant.now(), 0, 0, 0));
            publish.fetched = fetch(url, VIDEO_TYPES, 4096 * MB);
            if (!publish.fetched.startsWith("200 ")) {
                publish.failReason = "video_pull_failed";
            }
            publish.complete = true;
            respond(exchange, 200, "{\"data\":{\"publish_id\":\"" + publish.publishId + "\"}," + ok() + "}");
            return;
        }
        if (!"FILE_UPLOAD".equals(source) || !(sourceInfo.get("video_size") instanceof JsonNumber size)
                || !(sourceInfo.get("chunk_size") instanceof JsonNumber chunk)
                || !(sourceInfo.get("total_chunk_count") instanceof JsonNumber count)) {
            error(exchange, 400, "invalid_param", "source_info needs source FILE_UPLOAD with video_size, chunk_size and"
                    + " total_chunk_count, or PULL_FROM_URL with video_url");
            return;
        }
        String problem = chunkProblem(size.longValue(), chunk.longValue(), count.longValue());
        if (problem != null) {
            error(exchange, 400, "invalid_param", problem);
            return;
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        Publish publish = register(new Publish("v_pub_file~v2-1." + n, "video", source, postInfo, sourceInfo, token, Instant.now(),
                size.longValue(), chunk.longValue(), count.intValue()));
        publish.initAt = arrived;
        publish.expired = expireNext;
        expireNext = false;
        respond(exchange, 200, "{\"data\":{\"publish_id\":\"" + publish.publishId + "\",\"upload_url\":\"" + baseUrl()
                + "/upload/?upload_id=" + n + "&upload_token=" + token + "\"}," + ok() + "}");
    }

    /** The Media Transfer Guide's chunk restrictions, as written. */
    static String chunkProblem(long size, long chunk, long count) {
        if (size <= 0 || chunk <= 0 || size > 4096 * MB) {
            return "video_size must be 1 byte to 4 GB and chunk_size positive";
        }
        if (count != size / chunk) {
            return "The total chunk count is invalid: it must be video_size / chunk_size rounded down (" + size / chunk + ")";
        }
        if (size < 5 * MB && chunk != size) {
            return "A video under 5 MB must be uploaded whole, with chunk_size equal to video_size";
        }
        if (size >= 5 * MB && (chunk < 5 * MB || chunk > 64 * MB)) {
            return "chunk_size must be at least 5 MB and at most 64 MB";
        }
        if (size > 64 * MB && count < 2) {
            return "A video over 64 MB must be uploaded in several chunks";
        }
        if (count < 1 || count > 1000) {
            return "There must be 1 to 1000 chunks";
        }
        if (size - (count - 1) * chunk > 128 * MB) {
            return "The final chunk may be at most 128 MB";
        }
        return null;
    }

    private void photoInit(HttpExchange exchange, JsonObject body) throws IOException {
        JsonObject postInfo = body == null ? null : object(body, "post_info");
        JsonObject sourceInfo = body == null ? null : object(body, "source_info");
        if (postInfo == null || sourceInfo == null || !"PHOTO".equals(body.getString("media_type", ""))
                || !"DIRECT_POST".equals(body.getString("post_mode", ""))) {
            error(exchange, 400, "invalid_param", "media_type PHOTO, post_mode DIRECT_POST, post_info and source_info are required");
            return;
        }
        String[] refused = refusal(postInfo);
        if (refused != null) {
            error(exchange, Integer.parseInt(refused[0]), refused[1], refused[2]);
            return;
        }
        if (postInfo.getString("title", "").length() > 90 || postInfo.getString("description", "").length() > 4000) {
            error(exchange, 400, "invalid_param", "title is at most 90 and description at most 4000 UTF-16 runes");
            return;
        }
        JsonArray images = sourceInfo.get("photo_images") instanceof JsonArray a ? a : null;
        if (!"PULL_FROM_URL".equals(sourceInfo.getString("source", "")) || images == null || images.isEmpty() || images.size() > 35
                || !(sourceInfo.get("photo_cover_index") instanceof JsonNumber cover) || cover.intValue() < 0
                || cover.intValue() >= images.size()) {
            error(exchange, 400, "invalid_param", "source PULL_FROM_URL, 1 to 35 photo_images and a photo_cover_index among them");
            return;
        }
        for (JsonValue image : images) {
            if (!(image instanceof JsonString s) || !s.getString().startsWith(verifiedPrefix)) {
                error(exchange, 403, "url_ownership_unverified", "The URL prefix or domain of a photo is not verified");
                return;
            }
        }
        Publish publish = register(new Publish("p_pub_url~v2." + ids.incrementAndGet(), "photo", "PULL_FROM_URL", postInfo,
                sourceInfo, null, Instant.now(), 0, 0, 0));
        List<String> fetched = new ArrayList<>();
        for (JsonValue image : images) {
            String result = fetch(((JsonString) image).getString(), PHOTO_TYPES, 20 * MB);
            fetched.add(result);
            if (!result.startsWith("200 ")) {
                publish.failReason = result.startsWith("200") ? "file_format_check_failed" : "photo_pull_failed";
            }
        }
        publish.fetched = String.join("; ", fetched);
        publish.complete = true;
        respond(exchange, 200, "{\"data\":{\"publish_id\":\"" + publish.publishId + "\"}," + ok() + "}");
    }

    private Publish register(Publish publish) {
        if (failNext != null) {
            publish.failReason = failNext;
            failNext = null;
        }
        publishes.put(publish.publishId, publish);
        order.add(publish);
        return publish;
    }

    /** TikTok downloads the media as any client would: "status type size" when it is of the types asked for. */
    private String fetch(String url, Set<String> types, long maxBytes) {
        try {
            HttpResponse<InputStream> response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long size;
            try (InputStream body = response.body()) {
                size = body.transferTo(OutputStream.nullOutputStream());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean right = response.statusCode() == 200 && types.contains(type) && size <= maxBytes;
            return (right ? "200 " : "bad " + response.statusCode() + " ") + type + " " + size;
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            return "failed " + e;
        }
    }

    private void status(HttpExchange exchange, JsonObject body) throws IOException {
        String id = body == null ? null : body.getString("publish_id", null);
        Publish publish = id == null ? null : publishes.get(id);
        if (publish == null) {
            error(exchange, 400, "invalid_publish_id", "The publish_id does not exist");
            return;
        }
        boolean file = "FILE_UPLOAD".equals(publish.source);
        String uploaded = file ? ",\"uploaded_bytes\":" + publish.held : "";
        if (!publish.complete || publish.polls.incrementAndGet() <= processingPolls) {
            respond(exchange, 200, "{\"data\":{\"status\":\"" + (file ? "PROCESSING_UPLOAD" : "PROCESSING_DOWNLOAD") + "\""
                    + uploaded + "}," + ok() + "}");
            return;
        }
        if (publish.failReason != null) {
            respond(exchange, 200, "{\"data\":{\"status\":\"FAILED\",\"fail_reason\":\"" + publish.failReason
                    + "\",\"publicaly_available_post_id\":[]" + uploaded + "}," + ok() + "}");
            return;
        }
        Post post;
        synchronized (publish) {
            if (publish.post == null) {
                boolean visible = "PUBLIC_TO_EVERYONE".equals(publish.postInfo.getString("privacy_level"));
                publish.post = new Post(visible ? String.valueOf(ids.incrementAndGet()) : null, publish.publishId, publish.kind,
                        publish.postInfo, publish.fetched);
                posts.add(publish.post);
            }
            post = publish.post;
        }
        respond(exchange, 200, "{\"data\":{\"status\":\"PUBLISH_COMPLETE\",\"publicaly_available_post_id\":["
                + (post.postId() == null ? "" : post.postId()) + "]" + uploaded + "}," + ok() + "}");
    }

    // ---- the upload URL -------------------------------------------------------------------------------------------

    private void upload(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        long arrivedNanos = System.nanoTime();
        Map<String, String> query = PlatformStub.query(exchange.getRequestURI());
        String id = query.get("upload_id");
        Publish publish = order.stream().filter(p -> p.uploadToken != null && p.publishId.endsWith("." + id)
                && p.uploadToken.equals(query.get("upload_token"))).findFirst().orElse(null);
        requests.add(exchange.getRequestMethod() + " /upload/ " + exchange.getRequestHeaders().getFirst("Content-Range"));
        if (!"PUT".equals(exchange.getRequestMethod()) || publish == null) {
            drain(exchange, 404);
            return;
        }
        publish.puts.incrementAndGet();
        if (publish.expired || Instant.now().isAfter(publish.issued.plus(Duration.ofHours(1)))) {
            drain(exchange, 403);
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (type == null || !VIDEO_TYPES.contains(type) || m == null || !m.matches() || length == null
                || Long.parseLong(m.group(3)) != publish.videoSize) {
            drain(exchange, 400);
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        Stall held = chunkStall;
        if (held != null && first == publish.held && publish.chunksHeld == chunkStallIndex && held.take()) {
            held.hold(); // outside the lock: the upload's status stays answerable meanwhile
        }
        synchronized (publish) {
            int index = publish.chunksHeld;
            if (publish.complete || first != publish.held) {
                // "Content-Range does not reflect the actual upload progress"; the answer says where it stands.
                exchange.getResponseHeaders().add("Content-Range", "bytes 0-" + publish.held + "/" + publish.videoSize);
                drain(exchange, 416);
                return;
            }
            long expected = index == publish.chunks - 1 ? publish.videoSize - first : publish.chunkSize;
            if (last - first + 1 != expected || Long.parseLong(length) != expected) {
                drain(exchange, 400);
                return;
            }
            MessageDigest chunk;
            try {
                chunk = (MessageDigest) publish.digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
            if (first == 0 && publish.firstChunkAt == 0) {
                publish.firstChunkAt = arrived;
            } else if (publish.answeredNanos != 0) {
                publish.betweenNanos += arrivedNanos - publish.answeredNanos;
            }
            long got = 0;
            byte[] buffer = new byte[1 << 16];
            InputStream in = exchange.getRequestBody();
            int n;
            while ((n = in.read(buffer)) > 0) {
                chunk.update(buffer, 0, n);
                got += n;
                publish.received.addAndGet(n);
                long left = dropAfterBytes.get();
                if (left >= 0) {
                    if (left <= n) {
                        dropAfterBytes.set(-1);
                        // The connection drops midway (closed before any answer): the chunk is not kept.
                        exchange.close();
                        return;
                    }
                    dropAfterBytes.set(left - n);
                }
            }
            if (got != expected) {
                drain(exchange, 400);
                return;
            }
            publish.digest = chunk;
            publish.held += got;
            publish.chunksHeld++;
            publish.readingNanos += System.nanoTime() - arrivedNanos;
            if (publish.chunksHeld == publish.chunks) {
                publish.completedAt = System.currentTimeMillis();
                publish.complete = true;
                if (loseFinalAnswerNext.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
                    exchange.close(); // TikTok has every byte; the answer is lost
                    return;
                }
                respond(exchange, 201, "");
            } else {
                respond(exchange, 206, "");
            }
            publish.answeredNanos = System.nanoTime();
        }
    }

    /**
     * Not a TikTok route: the benchmark's baseline. curl PUTs a whole file; it is read in 64 KiB pieces into a SHA-256
     * as a chunk is, and answered with its size and digest.
     */
    private void benchDrain(HttpExchange exchange) throws IOException {
        if (!"PUT".equals(exchange.getRequestMethod())) {
            drain(exchange, 405);
            return;
        }
        Received received;
        try (InputStream in = exchange.getRequestBody()) {
            received = Received.of(in);
        }
        drains.add(received);
        respond(exchange, 200, received.toJson());
    }

    private static void drain(HttpExchange exchange, int status) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        respond(exchange, status, "");
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private static JsonObject read(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static JsonObject object(JsonObject o, String name) {
        return o.get(name) instanceof JsonObject inner ? inner : null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ok() {
        return "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}";
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, "{\"data\":{},\"error\":{\"code\":\"" + code + "\",\"message\":" + Json.createValue(message)
                + ",\"log_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
