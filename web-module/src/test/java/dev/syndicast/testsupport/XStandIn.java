package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.media.control.MultipartForm;
import dev.syndicast.media.entity.MediaRejectedException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict local stand-in for X API v2, shared by the test run (the server's {@code syndicast.platforms.x.api-url}
 * points at it, see {@link #serverSettings()}). Access tokens are the ones {@link PlatformStub} issued through the
 * OAuth flow; anything else is a 401. Each rule names the docs.x.com page it follows. Faults: media that stays
 * {@code in_progress} for a number of status polls, a connection dropped after the tweet was created, an append
 * dropped after its segment was taken ({@link #dropAppend}), an upload that expires at a chosen segment
 * ({@link #expireAtSegment}), 429s with {@code x-rate-limit-reset}, and calls held until the test releases them
 * ({@link #stallAppend}: a chunk received, its answer held; {@link #stallAnswerAfterCreate}: the tweet created, its
 * answer held). Calls are handled on a pool of their own, so a held call does not hold up the others. Stricter than X
 * where a lenient answer would hide a connector bug: media attached before it is processed, a segment index beyond the
 * next one, a segment sent again without the ones after it following again, and a finalize whose bytes do not add up
 * are refused. Uploaded bytes are counted and digested as they arrive (SHA-256 of the whole upload, in segment order;
 * each segment's size and how often it was sent are kept), never kept themselves, so a file of any size passes through
 * in constant memory; {@code POST /bench/drain} takes a whole file the same way (the benchmark's curl baseline, see
 * {@link BenchStandIns}).
 */
public final class XStandIn {

    /** The APPEND reference: {@code media} "must be <= 5 MB". */
    static final int MAX_CHUNK = 5 * 1024 * 1024;

    private static XStandIn instance;

    private final HttpServer server;
    private final List<Tweet> tweets = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);
    private final AtomicInteger processingPolls = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final List<Received> drains = new CopyOnWriteArrayList<>();
    private volatile long rateLimitSeconds = 2;
    private volatile Stall answerAfterCreate;
    private volatile Stall append;
    private volatile int appendSegment;
    private final Map<Integer, AtomicInteger> dropAppends = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> expireAt = new ConcurrentHashMap<>();

    public record Tweet(String id, String authorId, String text, List<String> mediaIds, String inReplyTo, String replySettings) {
    }

    /**
     * One media upload: its segments in order (each one's size and the upload's digest up to and including it, so a
     * segment sent again replaces it and the digest goes on from the one before), how often each segment index was
     * sent, and when it began (the initialize call or the simple upload), when its last append was read, and when it
     * was finalized (epoch milliseconds).
     */
    public static final class Upload {
        public final String id;
        public final String category;
        public final String mediaType;
        public final long total;
        public final long startedAt = System.currentTimeMillis();
        /** docs.x.com/x-api/media/quickstart/media-upload-chunked: the initialize answer's {@code expires_after_secs}. */
        final long expiresAt;
        private final List<Segment> segments = new ArrayList<>();
        private final Map<Integer, Integer> sends = new HashMap<>();
        private long size;
        private long largestChunk;
        public volatile long lastAppendAt;
        public volatile long finalizedAt;
        /** Appends taken (a segment sent again counts again). */
        public volatile int appends;
        public volatile String altText;
        public volatile boolean finalized;
        volatile boolean expired;
        volatile boolean ready;
        public final AtomicInteger polls = new AtomicInteger();

        Upload(String id, String category, String mediaType, long total) {
            this.id = id;
            this.category = category;
            this.mediaType = mediaType;
            this.total = total;
            this.expiresAt = startedAt + EXPIRES_AFTER_SECS * 1000;
        }

        public synchronized long size() {
            return size;
        }

        public synchronized long largestChunk() {
            return largestChunk;
        }

        /** The SHA-256 (hex) of the bytes received so far, in segment order. */
        public synchronized String sha256() {
            return Received.hex(digestSoFar().digest());
        }

        /** The size of each segment the upload now holds, by index. */
        public synchronized List<Long> segmentSizes() {
            return segments.stream().map(Segment::bytes).toList();
        }

        /** How often each segment index was sent (and taken). */
        public synchronized Map<Integer, Integer> sends() {
            return Map.copyOf(sends);
        }

        synchronized MessageDigest digestSoFar() {
            return digestBefore(segments.size());
        }

        /** A copy of the digest of the segments before {@code index} (a new digest past the end). */
        synchronized MessageDigest digestBefore(int index) {
            return index <= 0 || index > segments.size() ? Received.newDigest() : Received.copy(segments.get(index - 1).digest());
        }

        /**
         * Takes segment {@code index}'s bytes (digested into {@link #digestBefore} while they arrived): the next one, or
         * one the upload holds, which it replaces along with every one after it. False when {@code index} skips ahead.
         */
        synchronized boolean appended(int index, MessageDigest withSegment, long bytes) {
            if (index > segments.size()) {
                return false;
            }
            while (segments.size() > index) {
                size -= segments.remove(segments.size() - 1).bytes();
            }
            segments.add(new Segment(bytes, withSegment));
            sends.merge(index, 1, Integer::sum);
            size += bytes;
            largestChunk = Math.max(largestChunk, bytes);
            appends++;
            lastAppendAt = System.currentTimeMillis();
            return true;
        }

        boolean expired() {
            return expired || System.currentTimeMillis() >= expiresAt;
        }

        private record Segment(long bytes, MessageDigest digest) {
        }
    }

    /** What initialize answers as {@code expires_after_secs} (the v1.1 INIT reference's example, a day). */
    static final long EXPIRES_AFTER_SECS = 86_400;

    private XStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::route);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized XStandIn instance() {
        if (instance == null) {
            instance = new XStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The server under test publishes to this stand-in and asks again about processing every second at the soonest. Its
     * chunked uploads make one append a step ({@code upload-step} PT0S: at least one call a step, never more), so every
     * video of more than one 64 KB chunk is uploaded over several stored steps and the tests see it resume between them.
     */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.x.api-url", instance().baseUrl(),
                "syndicast.platforms.x.processing-poll", "PT1S",
                "syndicast.platforms.x.chunk-size", "65536",
                "syndicast.platforms.x.upload-step", "PT0S");
    }

    // ---- faults and what happened ---------------------------------------------------------------------------------

    public void processingPolls(int n) {
        processingPolls.set(n);
    }

    public void dropAfterCreateNext(int n) {
        dropAfterCreate.set(n);
    }

    public void rateLimitNext(int n, long resetInSeconds) {
        rateLimitSeconds = resetInSeconds;
        rateLimitNext.set(n);
    }

    /** The next append of chunk {@code segment} (of any upload) is received and then held until the stall is released. */
    public Stall stallAppend(int segment) {
        Stall stall = new Stall("X append of segment " + segment);
        appendSegment = segment;
        append = stall;
        return stall;
    }

    /**
     * The next append of chunk {@code segment} (of any upload) is taken, and then its connection is dropped without an
     * answer: the client cannot tell whether X has the segment.
     */
    public void dropAppend(int segment) {
        dropAppends.computeIfAbsent(segment, s -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The next append of chunk {@code segment} finds its upload expired: refused, and so is everything else sent to that
     * media id from then on, as X refuses an id past its {@code expires_after_secs}.
     */
    public void expireAtSegment(int segment) {
        expireAt.computeIfAbsent(segment, s -> new AtomicInteger()).incrementAndGet();
    }

    /** Disarms the append faults not used up yet ({@link #dropAppend}, {@link #expireAtSegment}, {@link #stallAppend}). */
    public void clearAppendFaults() {
        dropAppends.clear();
        expireAt.clear();
        Stall stall = append;
        append = null;
        if (stall != null) {
            stall.release();
        }
    }

    /** The next tweet is created and its answer held until the stall is released (a crash test kills the client then). */
    public Stall stallAnswerAfterCreate() {
        Stall stall = new Stall("X tweet answer");
        answerAfterCreate = stall;
        return stall;
    }

    public List<Tweet> tweets() {
        return List.copyOf(tweets);
    }

    public Map<String, Upload> uploads() {
        return Map.copyOf(uploads);
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            if (method.equals("POST") && path.equals("/bench/drain")) {
                drain(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !PlatformStub.instance().accepts("twitter", authorization.substring(7))) {
                // docs.x.com/x-api/fundamentals/response-codes-and-errors: 401 with a problem body.
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
                return;
            }
            if (method.equals("POST") && path.equals("/2/tweets")) {
                createTweet(exchange, exchange.getRequestBody().readAllBytes());
            } else if (method.equals("GET") && path.matches("/2/users/[^/]+/tweets")) {
                timeline(exchange, path.split("/")[3]);
            } else if (method.equals("DELETE") && path.matches("/2/tweets/[^/]+")) {
                boolean removed = tweets.removeIf(t -> t.id().equals(path.split("/")[3]));
                respond(exchange, removed ? 200 : 404, removed ? "{\"data\":{\"deleted\":true}}" : problem("Not Found", "no such tweet"));
            } else if (method.equals("POST") && path.equals("/2/media/upload")) {
                simpleUpload(exchange);
            } else if (method.equals("GET") && path.equals("/2/media/upload")) {
                status(exchange);
            } else if (method.equals("POST") && path.equals("/2/media/metadata")) {
                metadata(exchange, exchange.getRequestBody().readAllBytes());
            } else if (method.equals("POST") && path.equals("/2/media/upload/initialize")) {
                initialize(exchange, exchange.getRequestBody().readAllBytes());
            } else if (method.equals("POST") && path.matches("/2/media/upload/[^/]+/append")) {
                append(exchange, path.split("/")[4]);
            } else if (method.equals("POST") && path.matches("/2/media/upload/[^/]+/finalize")) {
                finalizeUpload(exchange, path.split("/")[4]);
            } else {
                respond(exchange, 404, problem("Not Found", "no route " + method + " " + path));
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * docs.x.com/x-api/posts/create-post: JSON {@code text}, {@code media.media_ids}, {@code reply.in_reply_to_tweet_id};
     * 201 with {@code data.id}; 403 for a text the account already posted (duplicate content).
     */
    private void createTweet(HttpExchange exchange, byte[] body) throws IOException {
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // docs.x.com/x-api/fundamentals/rate-limits: x-rate-limit-reset is the reset in epoch seconds.
            exchange.getResponseHeaders().add("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond() + rateLimitSeconds));
            respond(exchange, 429, problem("Too Many Requests", "Too Many Requests"));
            return;
        }
        JsonObject tweet = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        String text = tweet.getString("text", "");
        List<String> media = tweet.containsKey("media")
                ? tweet.getJsonObject("media").getJsonArray("media_ids").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
        for (String id : media) {
            Upload upload = uploads.get(id);
            if (upload == null || !upload.ready) {
                respond(exchange, 400, problem("Invalid Request", "Your media IDs are invalid."));
                return;
            }
        }
        String inReplyTo = tweet.containsKey("reply") ? tweet.getJsonObject("reply").getString("in_reply_to_tweet_id") : null;
        if (inReplyTo != null && tweets.stream().noneMatch(t -> t.id().equals(inReplyTo))) {
            respond(exchange, 400, problem("Invalid Request", "The Tweet you are replying to does not exist."));
            return;
        }
        // docs.x.com/x-api/posts/creation-of-a-post: reply_settings is one of following, mentionedUsers, subscribers,
        // verified (absent: everyone may reply).
        String replySettings = tweet.getString("reply_settings", null);
        if (replySettings != null && !List.of("following", "mentionedUsers", "subscribers", "verified").contains(replySettings)) {
            respond(exchange, 400, problem("Invalid Request", "One or more parameters to your request was invalid."));
            return;
        }
        Tweet created;
        synchronized (tweets) {
            if (!text.isEmpty() && tweets.stream().anyMatch(t -> t.text().equals(text))) {
                respond(exchange, 403, "{\"title\":\"Forbidden\",\"detail\":\"You are not allowed to create a Tweet with duplicate"
                        + " content.\",\"type\":\"about:blank\",\"status\":403}");
                return;
            }
            created = new Tweet(String.valueOf(ids.incrementAndGet()), PlatformStub.X_USER_ID, text, media, inReplyTo, replySettings);
            tweets.add(created);
        }
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // the tweet exists; closing before any response drops the connection
        }
        Stall stall = answerAfterCreate;
        if (stall != null && stall.take()) {
            stall.hold();
        }
        respond(exchange, 201, Json.createObjectBuilder().add("data", Json.createObjectBuilder().add("id", created.id())
                .add("text", created.text())).build().toString());
    }

    /**
     * docs.x.com/x-api/users/get-posts: newest first; links rewritten to t.co and {@code &} escaped in {@code text};
     * {@code attachments.media_keys} and {@code referenced_tweets} when asked for in {@code tweet.fields}.
     */
    private void timeline(HttpExchange exchange, String userId) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        JsonArrayBuilder data = Json.createArrayBuilder();
        List<Tweet> newestFirst = new ArrayList<>(tweets.stream().filter(t -> t.authorId().equals(userId)).toList());
        Collections.reverse(newestFirst);
        for (Tweet t : newestFirst.subList(0, Math.min(100, newestFirst.size()))) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("id", t.id())
                    .add("text", t.text().replaceAll("https?://\\S+", "https://t.co/Zx81kQ").replace("&", "&amp;"));
            if (!t.mediaIds().isEmpty() && query.contains("attachments")) {
                JsonArrayBuilder keys = Json.createArrayBuilder();
                t.mediaIds().forEach(id -> keys.add((uploads.get(id).category.equals("tweet_image") ? "3_" : "7_") + id));
                o.add("attachments", Json.createObjectBuilder().add("media_keys", keys));
            }
            if (t.inReplyTo() != null && query.contains("referenced_tweets")) {
                o.add("referenced_tweets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "replied_to")
                        .add("id", t.inReplyTo())));
            }
            data.add(o);
        }
        respond(exchange, 200, Json.createObjectBuilder().add("data", data).build().toString());
    }

    /** docs.x.com/x-api/media/upload-media: multipart {@code media} and {@code media_category}. */
    private void simpleUpload(HttpExchange exchange) throws IOException {
        Upload upload = new Upload(String.valueOf(ids.incrementAndGet()), "tweet_image", null, -1);
        Form form = form(exchange, upload.digestSoFar());
        if (form == null || !"tweet_image".equals(form.fields.get("media_category")) || form.media < 0) {
            respond(exchange, 400, problem("Invalid Request", "media and media_category=tweet_image are required for a simple upload"));
            return;
        }
        upload.appended(0, form.digest, form.media);
        upload.ready = true;
        uploads.put(upload.id, upload);
        respond(exchange, 200, "{\"data\":{\"id\":\"" + upload.id + "\",\"media_key\":\"3_" + upload.id + "\",\"size\":"
                + upload.size() + "}}");
    }

    /** docs.x.com/x-api/media/metadata-create: {@code id} and {@code metadata.alt_text.text} (at most 1000 characters). */
    private void metadata(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject request = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        Upload upload = uploads.get(request.getString("id", ""));
        String text = request.getJsonObject("metadata").getJsonObject("alt_text").getString("text");
        if (upload == null || text.length() > 1000) {
            respond(exchange, 400, problem("Invalid Request", "unknown media id or alt text too long"));
            return;
        }
        upload.altText = text;
        respond(exchange, 200, "{\"data\":{\"associated_metadata\":true,\"id\":\"" + upload.id + "\"}}");
    }

    /** docs.x.com/x-api/media/quickstart/media-upload-chunked: initialize with media_type, total_bytes, media_category. */
    private void initialize(HttpExchange exchange, byte[] body) throws IOException {
        JsonObject init = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        String category = init.getString("media_category", "");
        if (!category.equals("tweet_video") && !category.equals("tweet_gif") || !init.containsKey("total_bytes")) {
            respond(exchange, 400, problem("Invalid Request", "media_category and total_bytes are required"));
            return;
        }
        Upload upload = new Upload(String.valueOf(ids.incrementAndGet()), category, init.getString("media_type"),
                init.getJsonNumber("total_bytes").longValue());
        uploads.put(upload.id, upload);
        respond(exchange, 200, "{\"data\":{\"id\":\"" + upload.id + "\",\"media_key\":\"7_" + upload.id
                + "\",\"expires_after_secs\":" + EXPIRES_AFTER_SECS + "}}");
    }

    /**
     * docs.x.com/x-api/media/quickstart/media-upload-chunked and the APPEND reference: multipart {@code segment_index}
     * (0 to 999) and {@code media}, the chunk, at most 5 MB. Segments go in order from 0; one the upload already holds
     * may be sent again (the guide: uploads "can be paused and resumed", failed chunks "can be retried individually")
     * and replaces it, the ones after it then having to follow again. A media id past its {@code expires_after_secs}
     * is refused with a 4xx (the FINALIZE reference, developer.x.com/en/docs/media/upload-media/api-reference/post-media-upload-finalize).
     */
    private void append(HttpExchange exchange, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (upload == null || upload.expired()) {
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            respond(exchange, 400, problem("Invalid Request", upload == null ? "unknown media id" : "expired media id"));
            return;
        }
        // The chunk is digested on from the digest of the segments before its index (segment_index comes before media).
        Form form = form(exchange, fields -> upload.digestBefore(segmentIndex(fields.get("segment_index"))));
        String segment = form == null ? null : form.fields.get("segment_index");
        if (form == null || segment == null || !segment.matches("\\d{1,3}") || form.media < 0) {
            respond(exchange, 400, problem("Invalid Request", "segment_index (0-999) and media are required"));
            return;
        }
        if (form.media > MAX_CHUNK) {
            respond(exchange, 400, problem("Invalid Request", "media must be <= 5 MB (got " + form.media + " bytes)"));
            return;
        }
        int index = Integer.parseInt(segment);
        if (take(expireAt, index)) {
            upload.expired = true;
            respond(exchange, 400, problem("Invalid Request", "expired media id"));
            return;
        }
        Stall stall = append;
        if (stall != null && index == appendSegment && stall.take()) {
            stall.hold();
        }
        if (!upload.appended(index, form.digest, form.media)) {
            respond(exchange, 400, problem("Invalid Request", "segment_index out of order"));
            return;
        }
        if (take(dropAppends, index)) {
            return; // the segment is taken; closing before any response drops the connection
        }
        respond(exchange, 200, "{\"data\":{\"expires_at\":" + upload.expiresAt / 1000 + "}}");
    }

    private static int segmentIndex(String value) {
        return value != null && value.matches("\\d{1,3}") ? Integer.parseInt(value) : -1;
    }

    /** Whether a one-shot fault armed for {@code index} fires now (and is used up). */
    private static boolean take(Map<Integer, AtomicInteger> faults, int index) {
        AtomicInteger left = faults.get(index);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /**
     * Finalize: {@code processing_info} (pending, check_after_secs) while X still has to process the video; refused when
     * the appended bytes do not add up to {@code total_bytes}, or the media id has expired.
     */
    private void finalizeUpload(HttpExchange exchange, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (upload == null || upload.expired() || upload.size() != upload.total) {
            respond(exchange, 400, problem("Invalid Request", "the appended bytes do not add up to total_bytes"));
            return;
        }
        upload.finalized = true;
        upload.finalizedAt = System.currentTimeMillis();
        upload.ready = processingPolls.get() == 0;
        JsonObjectBuilder data = Json.createObjectBuilder().add("id", id).add("media_key", "7_" + id).add("size", upload.total);
        if (!upload.ready) {
            data.add("processing_info", Json.createObjectBuilder().add("state", "pending").add("check_after_secs", 1));
        }
        respond(exchange, 200, Json.createObjectBuilder().add("data", data).build().toString());
    }

    /** {@code GET /2/media/upload?command=STATUS&media_id=…}: in_progress for the set number of polls, then succeeded. */
    private void status(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        String id = query.replaceAll(".*media_id=(\\d+).*", "$1");
        Upload upload = uploads.get(id);
        if (upload == null || !query.contains("command=STATUS")) {
            respond(exchange, 400, problem("Invalid Request", "unknown media_id"));
            return;
        }
        int poll = upload.polls.incrementAndGet();
        String state = poll <= processingPolls.get() ? "in_progress" : "succeeded";
        upload.ready = upload.ready || state.equals("succeeded");
        respond(exchange, 200, "{\"data\":{\"id\":\"" + id + "\",\"processing_info\":{\"state\":\"" + state
                + "\",\"check_after_secs\":1,\"progress_percent\":" + Math.min(100, poll * 25) + "}}}");
    }

    /**
     * Not an X route: the benchmark's baseline. curl posts a whole file as the multipart {@code media} part; it is read,
     * counted and digested exactly as an append's chunk is, and answered with its size and SHA-256.
     */
    private void drain(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        Form form = form(exchange, Received.newDigest());
        if (form == null || form.media < 0) {
            respond(exchange, 400, problem("Invalid Request", "a multipart media part is required"));
            return;
        }
        Received received = new Received(form.media, Received.hex(form.digest.digest()), startedAt,
                (System.nanoTime() - started) / 1_000_000.0);
        drains.add(received);
        respond(exchange, 200, received.toJson());
    }

    public List<Received> drains() {
        return List.copyOf(drains);
    }

    /** A multipart body read as it arrives: its text fields, and its {@code media} part counted into a digest. */
    private record Form(Map<String, String> fields, long media, MessageDigest digest) {
    }

    /** The form, or null for a body that is not well-formed multipart (the caller answers 400). */
    private static Form form(HttpExchange exchange, MessageDigest digest) throws IOException {
        return form(exchange, fields -> digest);
    }

    /**
     * The form, its {@code media} part digested into the digest {@code digestFor} chooses from the text fields before
     * it; null for a body that is not well-formed multipart.
     */
    private static Form form(HttpExchange exchange, java.util.function.Function<Map<String, String>, MessageDigest> digestFor)
            throws IOException {
        MessageDigest[] digest = {null};
        Map<String, String> fields = new HashMap<>();
        long[] media = {-1};
        // commons-fileupload reads 4 KB at a time; a buffer in front saves a socket read for each.
        try (InputStream body = new java.io.BufferedInputStream(exchange.getRequestBody(), 256 * 1024)) {
            MultipartForm.read(exchange.getRequestHeaders().getFirst("Content-Type"), body, new MultipartForm.Visitor() {
                @Override
                public void field(String name, String value) {
                    fields.put(name, value);
                }

                @Override
                public void file(String fieldName, String fileName, String declaredType, InputStream content) throws IOException {
                    if ("media".equals(fieldName)) {
                        digest[0] = digestFor.apply(fields);
                        media[0] = Received.digest(content, digest[0]);
                    } else {
                        content.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
            });
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (MediaRejectedException malformed) {
            return null;
        }
        return new Form(fields, media[0], digest[0] != null ? digest[0] : digestFor.apply(fields));
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
