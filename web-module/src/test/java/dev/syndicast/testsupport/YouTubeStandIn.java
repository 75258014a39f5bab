package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict local stand-in for the YouTube Data API v3 (one per test run: the server's
 * {@code syndicast.platforms.youtube.api-url} and {@code .upload-url} point here, see {@link #serverSettings()}).
 * Access tokens are the ones {@link PlatformStub} issued for {@code youtube}; anything else is Google's 401. Each rule
 * names the page it follows:
 * <ul>
 *   <li>the resumable upload protocol (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol): a
 *   session opened with the video resource and {@code X-Upload-Content-Length}/{@code -Type}, its URL in
 *   {@code Location}; chunks with {@code Content-Range: bytes a-b/N} that must begin exactly at the byte held (no byte
 *   is taken twice, none skipped) and, but the last, be multiples of 256 KiB; {@code 308 Resume Incomplete} with
 *   {@code Range: bytes=0-<last>} (none while nothing is held); the status query {@code bytes *}{@code /N}; the
 *   video resource with 201 on the last byte (200 when asked again); 404 for an expired session;</li>
 *   <li>the video resource's rules (developers.google.com/youtube/v3/docs/videos#resource, videos/insert errors);</li>
 *   <li>thumbnails.set, channels.list and playlistItems.list (the uploads playlist, newest first);</li>
 *   <li>error bodies of developers.google.com/youtube/v3/docs/errors ({@code error.errors[].reason}).</li>
 * </ul>
 * Every session keeps a running SHA-256 of the bytes it took, so a test can prove that every byte of a file arrived
 * exactly once. Faults: {@link #dropAtByte} (the connection drops once a session holds that many bytes),
 * {@link #failChunksNext} (503 backendError, nothing kept), {@link #dropLastAnswerNext} (the last chunk creates the
 * video, then the connection drops), {@link #exhaustQuotaUntil} (quotaExceeded until the quota day ends),
 * {@link #expireSessions} and {@link #expireNextSessionAtByte} (404), {@link #refuseThumbnails} (an account not
 * allowed custom thumbnails); for crash tests, calls held until the test releases them ({@link #stallChunkAt}: a chunk
 * taken, its answer held; {@link #stallAnswerAfterCreate}: the video created, its answer held). Each session also
 * notes when it was opened, when its first chunk arrived and when it held every byte (epoch milliseconds);
 * {@code PUT /bench/drain} takes a whole file through the same 64 KiB reads and SHA-256 as a chunk (the benchmark's curl
 * baseline, see {@link BenchStandIns}).
 */
public final class YouTubeStandIn {

    /** using_resumable_upload_protocol, "Uploading a file in chunks": chunks are multiples of 256 KiB but the last. */
    public static final int CHUNK_UNIT = 256 * 1024;
    /** The channel's uploads playlist id: the channel id with UU for UC (channels#contentDetails.relatedPlaylists.uploads). */
    public static final String UPLOADS = "UU" + PlatformStub.YOUTUBE_CHANNEL_ID.substring(2);
    /** videoCategories.list (regionCode=US): the assignable categories. */
    private static final Set<String> CATEGORIES = Set.of("1", "2", "10", "15", "17", "19", "20", "22", "23", "24", "25", "26",
            "27", "28", "29");
    private static final Set<String> PRIVACY = Set.of("public", "private", "unlisted");
    private static final Pattern RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static YouTubeStandIn instance;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicLong sessionIds = new AtomicLong(7000);
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Video> videos = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Received> drains = new CopyOnWriteArrayList<>();
    private final Map<String, Thumbnail> thumbnails = new ConcurrentHashMap<>();
    private final AtomicInteger failChunks = new AtomicInteger();
    private final AtomicInteger dropLastAnswer = new AtomicInteger();
    private final AtomicInteger quotaRefusals = new AtomicInteger();
    private volatile long dropAt = -1;
    private volatile long expireAt = -1;
    private volatile Instant quotaExhaustedUntil = Instant.MIN;
    private volatile boolean refuseThumbnails;
    private volatile Stall chunkStall;
    private volatile long chunkStallStart = -1;
    private volatile Stall answerAfterCreate;

    /** A video as YouTube keeps it: the resource sent, the bytes' SHA-256 and count, the thumbnail set, if any. */
    public record Video(String id, String sessionId, JsonObject resource, String notifySubscribers, long size, String sha256,
                        Instant publishedAt) {

        public String title() {
            return resource.getJsonObject("snippet").getString("title");
        }
    }

    public record Thumbnail(String contentType, int size) {
    }

    /** One resumable upload session and what arrived in it. */
    public static final class Session {
        public final String id;
        public final long size;
        public final String contentType;
        final JsonObject resource;
        final String notifySubscribers;
        final MessageDigest digest;
        /** Bytes taken, in order; each exactly once, since a chunk must begin at this count. */
        public volatile long held;
        /** The starts of the chunks taken (Content-Range first bytes), in order. */
        public final List<Long> chunkStarts = new CopyOnWriteArrayList<>();
        public final AtomicInteger statusQueries = new AtomicInteger();
        public final AtomicInteger drops = new AtomicInteger();
        /** When the session was opened, its first chunk arrived and it held every byte (epoch ms; 0 until then). */
        public volatile long openedAt;
        public volatile long firstChunkAt;
        public volatile long completedAt;
        /** Time spent reading chunk bodies, and between one chunk's answer and the next chunk's arrival (ns). */
        public volatile long readingNanos;
        public volatile long betweenNanos;
        volatile long answeredNanos;
        volatile boolean expired;
        volatile String video;

        Session(String id, long size, String contentType, JsonObject resource, String notifySubscribers) {
            this.id = id;
            this.size = size;
            this.contentType = contentType;
            this.resource = resource;
            this.notifySubscribers = notifySubscribers;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public String video() {
            return video;
        }
    }

    private YouTubeStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    public static synchronized YouTubeStandIn instance() {
        if (instance == null) {
            instance = new YouTubeStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The server publishes and uploads here, and resumes a second after an interruption. */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.youtube.api-url", instance().baseUrl(),
                "syndicast.platforms.youtube.upload-url", instance().baseUrl(),
                "syndicast.platforms.youtube.retry-delay", "PT1S");
    }

    // ---- faults and what happened ---------------------------------------------------------------------------------

    /** The next session to hold {@code bytes} bytes drops the connection right there (what was read is kept). */
    public void dropAtByte(long bytes) {
        dropAt = bytes;
    }

    public void failChunksNext(int n) {
        failChunks.set(n);
    }

    public void dropLastAnswerNext(int n) {
        dropLastAnswer.set(n);
    }

    /** Opening a session answers quotaExceeded until {@code end} (the quota day's end, as the stand-in's own clock). */
    public void exhaustQuotaUntil(Instant end) {
        quotaExhaustedUntil = end;
    }

    public int quotaRefusals() {
        return quotaRefusals.get();
    }

    /** The next session asked or sent to once it holds {@code bytes} bytes has expired (404 from then on). */
    public void expireNextSessionAtByte(long bytes) {
        expireAt = bytes;
    }

    public void expireSessions() {
        sessions.values().forEach(s -> s.expired = true);
    }

    /**
     * Crash tests: the next chunk that begins at byte {@code start} (of any session) is taken whole, and its answer
     * held until the stall is released; the session then holds it, so a client killed meanwhile must ask
     * ({@code bytes *}{@code /N}) and go on from the byte after it.
     */
    public Stall stallChunkAt(long start) {
        Stall stall = new Stall("YouTube chunk at byte " + start);
        chunkStallStart = start;
        chunkStall = stall;
        return stall;
    }

    /** Crash tests: the next last chunk creates the video, and its answer is held until the stall is released. */
    public Stall stallAnswerAfterCreate() {
        Stall stall = new Stall("YouTube video answer");
        answerAfterCreate = stall;
        return stall;
    }

    public void refuseThumbnails(boolean refuse) {
        refuseThumbnails = refuse;
    }

    public List<Video> videos() {
        return List.copyOf(videos);
    }

    public List<Video> videosTitled(String title) {
        return videos.stream().filter(v -> v.title().equals(title)).toList();
    }

    /** The thumbnail set for a video, or null. */
    public Thumbnail thumbnailOf(String videoId) {
        return thumbnails.get(videoId);
    }

    /** The sessions opened for videos of this title (one, unless an upload started over). */
    public List<Session> sessionsTitled(String title) {
        return sessions.values().stream().filter(s -> title.equals(s.resource.getJsonObject("snippet").getString("title", "")))
                .toList();
    }

    public Session session(String id) {
        return sessions.get(id);
    }

    /** Every session opened, in no particular order. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The files taken by {@code PUT /bench/drain}. */
    public List<Received> drains() {
        return List.copyOf(drains);
    }

    /** Every call as {@code METHOD path [session] [Content-Range] @time}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(method + " " + path + (query.containsKey("upload_id") ? " " + query.get("upload_id") : "")
                    + (exchange.getRequestHeaders().containsKey("Content-Range") ? " " + exchange.getRequestHeaders().getFirst("Content-Range") : "")
                    + " @" + Instant.now());
            if (method.equals("PUT") && path.equals("/bench/drain")) {
                drain(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            // developers.google.com/youtube/v3/guides/authentication: every call carries the OAuth 2.0 bearer token,
            // the upload session's PUTs included; an invalid one is 401 authError.
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !PlatformStub.instance().accepts("youtube", authorization.substring(7))) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 401, Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", 401)
                        .add("message", "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
                                + " cookie or other valid authentication credential.")
                        .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("message", "Invalid Credentials")
                                .add("domain", "global").add("reason", "authError").add("location", "Authorization")
                                .add("locationType", "header")))
                        .add("status", "UNAUTHENTICATED")).build().toString());
                return;
            }
            if (method.equals("POST") && path.equals("/upload/youtube/v3/videos")) {
                open(exchange, query);
            } else if (method.equals("PUT") && path.equals("/upload/youtube/v3/videos")) {
                put(exchange, query);
            } else if (method.equals("POST") && path.equals("/upload/youtube/v3/thumbnails/set")) {
                thumbnail(exchange, query);
            } else if (method.equals("GET") && path.equals("/youtube/v3/channels")) {
                channels(exchange, query);
            } else if (method.equals("GET") && path.equals("/youtube/v3/playlistItems")) {
                playlistItems(exchange, query);
            } else {
                exchange.getRequestBody().readAllBytes();
                error(exchange, 404, "notFound", "global", "Not Found");
            }
        }
    }

    /**
     * Step 1 of the resumable protocol (videos/insert with uploadType=resumable): {@code part} names the parts set,
     * the body is the video resource (Content-Type application/json; charset=UTF-8), {@code X-Upload-Content-Length}
     * the file's size and {@code X-Upload-Content-Type} a video/* type or application/octet-stream. Answers 200 with
     * the session URL in {@code Location}.
     */
    private void open(HttpExchange exchange, Map<String, String> query) throws IOException {
        long arrived = System.currentTimeMillis();
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (Instant.now().isBefore(quotaExhaustedUntil)) {
            // docs/errors, Core API errors: quotaExceeded (403), in the youtube.quota domain.
            quotaRefusals.incrementAndGet();
            error(exchange, 403, "quotaExceeded", "youtube.quota", "The request cannot be completed because you have exceeded your"
                    + " <a href=\"/youtube/v3/getting-started#quota\">quota</a>.");
            return;
        }
        List<String> parts = List.of(query.getOrDefault("part", "").split(","));
        if (!"resumable".equals(query.get("uploadType")) || !parts.contains("snippet") || !parts.contains("status")) {
            error(exchange, 400, "missingRequiredParameter", "global", "uploadType=resumable and part=snippet,status are required here");
            return;
        }
        String notify = query.get("notifySubscribers");
        if (notify != null && !notify.equals("true") && !notify.equals("false")) {
            error(exchange, 400, "invalidParameter", "global", "notifySubscribers must be true or false");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.replace(" ", "").equalsIgnoreCase("application/json;charset=UTF-8")) {
            error(exchange, 400, "badContent", "global", "The metadata must be application/json; charset=UTF-8");
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("X-Upload-Content-Length");
        String type = exchange.getRequestHeaders().getFirst("X-Upload-Content-Type");
        if (length == null || !length.matches("[1-9]\\d*") || type == null
                || !(type.startsWith("video/") || type.equals("application/octet-stream"))) {
            error(exchange, 400, "badRequest", "global", "X-Upload-Content-Length and a video X-Upload-Content-Type are required");
            return;
        }
        JsonObject resource;
        try (var reader = Json.createReader(new StringReader(text))) {
            resource = reader.readObject();
        } catch (RuntimeException unreadable) {
            error(exchange, 400, "parseError", "global", "The request body is not a video resource");
            return;
        }
        String refusal = refusal(resource);
        if (refusal != null) {
            String[] reasonAndMessage = refusal.split("\\|", 2);
            error(exchange, 400, reasonAndMessage[0], "youtube.video", reasonAndMessage[1]);
            return;
        }
        String id = "yt-" + sessionIds.incrementAndGet();
        Session session = new Session(id, Long.parseLong(length), type, resource, notify == null ? "true" : notify);
        session.openedAt = arrived;
        sessions.put(id, session);
        exchange.getResponseHeaders().add("Location", baseUrl() + "/upload/youtube/v3/videos?uploadType=resumable&upload_id="
                + id + "&part=snippet,status");
        respond(exchange, 200, "");
    }

    /** videos#resource and the errors of videos/insert, as {@code reason|message}; null when the resource is good. */
    private static String refusal(JsonObject resource) {
        JsonObject snippet = resource.get("snippet") instanceof JsonObject s ? s : null;
        JsonObject status = resource.get("status") instanceof JsonObject s ? s : null;
        if (snippet == null || status == null) {
            return "invalidVideoMetadata|The request metadata is invalid.";
        }
        String title = snippet.getString("title", "");
        // snippet.title: at most 100 characters, all valid UTF-8 except < and >; required.
        if (title.isBlank() || title.codePointCount(0, title.length()) > 100 || title.contains("<") || title.contains(">")) {
            return "invalidTitle|The request metadata specifies an invalid or empty video title.";
        }
        // snippet.description: at most 5000 bytes, all valid UTF-8 except < and >.
        String description = snippet.getString("description", "");
        if (description.getBytes(StandardCharsets.UTF_8).length > 5000 || description.contains("<") || description.contains(">")) {
            return "invalidDescription|The request metadata specifies an invalid video description.";
        }
        // snippet.tags[]: 500 characters in all; commas count, a tag with a space counts as if quoted.
        if (snippet.get("tags") instanceof JsonArray tags) {
            int total = Math.max(0, tags.size() - 1);
            for (JsonValue tag : tags) {
                String t = tag instanceof JsonString s ? s.getString() : "";
                total += t.length() + (t.contains(" ") ? 2 : 0);
            }
            if (total > 500) {
                return "invalidTags|The request metadata specifies invalid video keywords.";
            }
        }
        // snippet.categoryId: a category that can be assigned (videoCategories.list).
        if (!CATEGORIES.contains(snippet.getString("categoryId", "22"))) {
            return "invalidCategoryId|The snippet.categoryId property specifies an invalid category ID. Use the"
                    + " videoCategories.list method to retrieve supported categories.";
        }
        // status.privacyStatus: private, public or unlisted.
        if (!PRIVACY.contains(status.getString("privacyStatus", "public"))) {
            return "invalidVideoMetadata|The request metadata is invalid: status.privacyStatus.";
        }
        if (status.containsKey("selfDeclaredMadeForKids") && !(status.get("selfDeclaredMadeForKids") == JsonValue.TRUE
                || status.get("selfDeclaredMadeForKids") == JsonValue.FALSE)) {
            return "invalidVideoMetadata|The request metadata is invalid: status.selfDeclaredMadeForKids.";
        }
        return null;
    }

    /**
     * Steps 3 and 4: a chunk ({@code Content-Range: bytes a-b/N}) or the status query ({@code bytes *}{@code /N}, no
     * body) on the session URL.
     */
    private void put(HttpExchange exchange, Map<String, String> query) throws IOException {
        long arrived = System.currentTimeMillis();
        long arrivedNanos = System.nanoTime();
        Session session = sessions.get(query.getOrDefault("upload_id", ""));
        long expireHere = expireAt;
        if (session != null && session.video == null && expireHere >= 0 && session.held >= expireHere) {
            expireAt = -1;
            session.expired = true;
        }
        if (session == null || session.expired) {
            exchange.getRequestBody().readAllBytes();
            // An expired or unknown session: 404, and the upload must begin again.
            error(exchange, 404, "notFound", "global", "Not Found");
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        if (range == null) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 400, "badRequest", "global", "Content-Range is required");
            return;
        }
        if (range.equals("bytes */" + session.size)) {
            session.statusQueries.incrementAndGet();
            if (exchange.getRequestBody().readAllBytes().length != 0) {
                error(exchange, 400, "badRequest", "global", "A status query has no body");
                return;
            }
            answer(exchange, session, false);
            return;
        }
        Matcher m = RANGE.matcher(range);
        if (!m.matches() || Long.parseLong(m.group(3)) != session.size) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 400, "badRequest", "global", "Content-Range must be bytes a-b/" + session.size + ": " + range);
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long length = last - first + 1;
        boolean finalChunk = last + 1 == session.size;
        if (session.video != null) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 400, "badRequest", "global", "The upload is already complete");
            return;
        }
        if (first != session.held || last < first || last >= session.size) {
            // Strict: a chunk must begin exactly at the byte held, so no byte is taken twice and none is skipped.
            exchange.getRequestBody().readAllBytes();
            error(exchange, 400, "badRequest", "global", "The chunk begins at byte " + first + " but " + session.held
                    + " bytes are held");
            return;
        }
        if (!finalChunk && length % CHUNK_UNIT != 0) {
            exchange.getRequestBody().readAllBytes();
            error(exchange, 400, "badRequest", "global", "A chunk other than the last must be a multiple of 256 KiB; this one is "
                    + length + " bytes");
            return;
        }
        if (failChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            // docs/errors: backendError (503); the protocol's answer is to ask what is held and resume.
            error(exchange, 503, "backendError", "global", "Backend Error");
            return;
        }
        InputStream body = exchange.getRequestBody();
        byte[] buffer = new byte[1 << 16];
        long taken = 0;
        int n;
        if (first == 0 && session.firstChunkAt == 0) {
            session.firstChunkAt = arrived;
        } else if (session.answeredNanos != 0) {
            session.betweenNanos += arrivedNanos - session.answeredNanos;
        }
        synchronized (session) {
            while (taken < length && (n = body.read(buffer, 0, (int) Math.min(buffer.length, length - taken))) > 0) {
                int keep = n;
                long dropHere = dropAt;
                if (dropHere >= 0 && session.held + n >= dropHere) {
                    keep = (int) Math.max(0, dropHere - session.held);
                }
                session.digest.update(buffer, 0, keep);
                session.held += keep;
                taken += keep;
                if (keep < n || (dropHere >= 0 && session.held >= dropHere)) {
                    dropAt = -1;
                    session.drops.incrementAndGet();
                    if (taken > 0) {
                        session.chunkStarts.add(first);
                    }
                    return; // closing without an answer drops the connection; the rest of the chunk never arrives
                }
            }
        }
        if (taken != length) {
            error(exchange, 400, "badRequest", "global", "The body has " + taken + " bytes, Content-Range names " + length);
            return;
        }
        if (finalChunk) {
            session.completedAt = System.currentTimeMillis();
        }
        session.readingNanos += System.nanoTime() - arrivedNanos;
        session.chunkStarts.add(first);
        Stall chunkHeld = chunkStall;
        if (!finalChunk && chunkHeld != null && first == chunkStallStart && chunkHeld.take()) {
            chunkHeld.hold();
        }
        Stall createdHeld = answerAfterCreate;
        if (finalChunk && createdHeld != null && createdHeld.take()) {
            created(session);
            createdHeld.hold();
        }
        if (finalChunk && dropLastAnswer.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
            created(session);
            return; // the video exists; the answer is lost with the connection
        }
        answer(exchange, session, true);
        session.answeredNanos = System.nanoTime();
    }

    /**
     * Not a YouTube route: the benchmark's baseline. curl PUTs a whole file; it is read in 64 KiB pieces into a SHA-256
     * as a chunk is, and answered with its size and digest.
     */
    private void drain(HttpExchange exchange) throws IOException {
        Received received;
        try (InputStream in = exchange.getRequestBody()) {
            received = Received.of(in);
        }
        drains.add(received);
        respond(exchange, 200, received.toJson());
    }

    /** 308 with the Range held, or, with every byte, the video resource (201 when this call completed it, else 200). */
    private void answer(HttpExchange exchange, Session session, boolean fromChunk) throws IOException {
        if (session.held == session.size) {
            boolean fresh = session.video == null;
            Video video = created(session);
            respond(exchange, fresh && fromChunk ? 201 : 200, resource(video).toString());
            return;
        }
        if (session.held > 0) {
            exchange.getResponseHeaders().add("Range", "bytes=0-" + (session.held - 1));
        }
        respond(exchange, 308, "");
    }

    private synchronized Video created(Session session) {
        if (session.video == null) {
            byte[] id = new byte[8];
            RANDOM.nextBytes(id);
            session.video = Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(0, 11);
            videos.add(new Video(session.video, session.id, session.resource, session.notifySubscribers, session.held,
                    HexFormat.of().formatHex(session.digest.digest()), Instant.now()));
        }
        return videos.stream().filter(v -> v.id().equals(session.video)).findFirst().orElseThrow();
    }

    private static JsonObject resource(Video video) {
        JsonObjectBuilder snippet = Json.createObjectBuilder(video.resource().getJsonObject("snippet"))
                .add("publishedAt", video.publishedAt().toString()).add("channelId", PlatformStub.YOUTUBE_CHANNEL_ID);
        JsonObjectBuilder status = Json.createObjectBuilder(video.resource().getJsonObject("status")).add("uploadStatus", "uploaded");
        return Json.createObjectBuilder().add("kind", "youtube#video").add("id", video.id()).add("snippet", snippet)
                .add("status", status).build();
    }

    /**
     * thumbnails/set: {@code videoId} of the caller's video, the image as the body (image/jpeg, image/png or
     * application/octet-stream, at most 50 MB); answers a thumbnailSetResponse. An account YouTube has not allowed
     * custom thumbnails gets 403 forbidden.
     */
    private void thumbnail(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] image = exchange.getRequestBody().readAllBytes();
        Video video = videos.stream().filter(v -> v.id().equals(query.get("videoId"))).findFirst().orElse(null);
        if (video == null) {
            error(exchange, 404, "videoNotFound", "youtube.thumbnail", "The video that you are trying to insert a thumbnail image"
                    + " for cannot be found. Check the value of the request's videoId parameter to ensure that it is correct.");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (image.length == 0) {
            error(exchange, 400, "mediaBodyRequired", "youtube.thumbnail", "The request does not include the image content.");
            return;
        }
        if (type == null || !Set.of("image/jpeg", "image/png", "application/octet-stream").contains(type)
                || image.length > 50 * 1024 * 1024) {
            error(exchange, 400, "invalidImage", "youtube.thumbnail", "The provided image content is invalid.");
            return;
        }
        if (refuseThumbnails) {
            error(exchange, 403, "forbidden", "youtube.thumbnail", "The authenticated user doesn't have permissions to upload and"
                    + " set custom video thumbnails.");
            return;
        }
        thumbnails.put(video.id(), new Thumbnail(type, image.length));
        respond(exchange, 200, Json.createObjectBuilder().add("kind", "youtube#thumbnailSetResponse")
                .add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("default", Json.createObjectBuilder()
                        .add("url", "https://i.ytimg.example/vi/" + video.id() + "/default.jpg")))).build().toString());
    }

    /** channels.list: {@code part} required; {@code mine=true} is the token's channel, with its uploads playlist. */
    private void channels(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!query.containsKey("part") || !"true".equals(query.get("mine"))) {
            error(exchange, 400, "missingRequiredParameter", "global", "part and a filter (mine=true) are required");
            return;
        }
        respond(exchange, 200, Json.createObjectBuilder().add("kind", "youtube#channelListResponse").add("items",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("kind", "youtube#channel")
                        .add("id", PlatformStub.YOUTUBE_CHANNEL_ID).add("contentDetails", Json.createObjectBuilder()
                                .add("relatedPlaylists", Json.createObjectBuilder().add("likes", "").add("uploads", UPLOADS)))))
                .build().toString());
    }

    /** playlistItems.list: {@code part} and {@code playlistId} required, maxResults 0 to 50 (default 5), newest first. */
    private void playlistItems(HttpExchange exchange, Map<String, String> query) throws IOException {
        int max = Integer.parseInt(query.getOrDefault("maxResults", "5"));
        if (!query.containsKey("part") || max < 0 || max > 50) {
            error(exchange, 400, "invalidParameter", "global", "part is required and maxResults is 0 to 50");
            return;
        }
        if (!UPLOADS.equals(query.get("playlistId"))) {
            error(exchange, 404, "playlistNotFound", "youtube.playlistItem", "The playlist identified with the request's"
                    + " playlistId parameter cannot be found.");
            return;
        }
        List<Video> newestFirst = new ArrayList<>(videos);
        Collections.reverse(newestFirst);
        JsonArrayBuilder items = Json.createArrayBuilder();
        newestFirst.stream().limit(max).forEach(v -> items.add(Json.createObjectBuilder().add("kind", "youtube#playlistItem")
                .add("snippet", Json.createObjectBuilder().add("publishedAt", v.publishedAt().toString())
                        .add("channelId", PlatformStub.YOUTUBE_CHANNEL_ID).add("title", v.title())
                        .add("description", v.resource().getJsonObject("snippet").getString("description", ""))
                        .add("playlistId", UPLOADS).add("resourceId", Json.createObjectBuilder().add("kind", "youtube#video")
                                .add("videoId", v.id())))));
        respond(exchange, 200, Json.createObjectBuilder().add("kind", "youtube#playlistItemListResponse").add("items", items)
                .build().toString());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** docs/errors: {@code {"error": {"code", "message", "errors": [{"message", "domain", "reason"}]}}}. */
    private static void error(HttpExchange exchange, int status, String reason, String domain, String message) throws IOException {
        respond(exchange, status, Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", status)
                .add("message", message).add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("message", message).add("domain", domain).add("reason", reason)))).build().toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
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
