package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict local Mastodon instance for the publishing tests: the methods a publisher uses, with the documented
 * request rules, answers and error bodies of docs.joinmastodon.org (each rule names its page), and switchable faults.
 * One per test class: {@code new MastodonStandIn()}, connect an account with {@link #baseUrl()} and {@link #TOKEN},
 * and {@link #close()} it at the end. Everything it created is kept in {@link #statuses()} and {@link #media()}.
 *
 * <p>Faults apply to the next matching calls: {@link #failNext} (a 5xx before anything is done),
 * {@link #rateLimitNext} (429 with {@code X-RateLimit-Reset}), {@link #stallNext} (answer late),
 * {@link #dropAfterCreateNext} (create the status, then drop the connection without an answer),
 * {@link #processingPolls} (a 202 upload whose processing takes N polls), {@link #stallAnswerAfterCreate} (create the
 * status, then hold the answer until the test releases it) and {@link #revokeToken()}.
 */
public final class MastodonStandIn implements AutoCloseable {

    public static final String TOKEN = "standin-masto-token-4f1c9a";
    public static final String ACCOUNT_ID = "110000000000000001";
    /** docs.joinmastodon.org/methods/statuses#create: "Idempotency-Key ... stored for up to 1 hour". */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(110_000_000_000_100_000L);
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, Keyed> idempotency = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyBodyMismatches = new AtomicInteger();
    private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimitNext = new ConcurrentHashMap<>();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger dropAfterCreateOfReply = new AtomicInteger();
    private final AtomicInteger stallNext = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;
    private volatile Duration rateLimitFor = Duration.ofSeconds(2);
    private volatile int processingPolls;
    private volatile int maxCharacters = 500;
    private volatile boolean tokenRevoked;
    private volatile Stall answerAfterCreate;

    /** An uploaded attachment; {@code pollsLeft} counts down to processed; {@code statusId} once attached. */
    public static final class Media {
        public final String id;
        public final String contentType;
        public final String fileName;
        public final String description;
        public final int size;
        final AtomicInteger pollsLeft;
        volatile String statusId;
        public final AtomicInteger polls = new AtomicInteger();

        Media(String id, String contentType, String fileName, String description, int size, int polls) {
            this.id = id;
            this.contentType = contentType;
            this.fileName = fileName;
            this.description = description;
            this.size = size;
            this.pollsLeft = new AtomicInteger(polls);
        }

        public boolean processed() {
            return pollsLeft.get() <= 0;
        }

        public String statusId() {
            return statusId;
        }
    }

    public record Status(String id, String text, List<String> mediaIds, String idempotencyKey, Instant createdAt,
                         Map<String, List<String>> params) {

        public String inReplyTo() {
            List<String> values = params.get("in_reply_to_id");
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The {@code language} the status was created with; null when none was sent. */
        public String language() {
            List<String> values = params.get("language");
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Keyed(Status status, String body, Instant at) {
    }

    public MastodonStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Settings of the server under test (see TestEnvironment): quick processing polls, and a status call timeout a
     * {@link #stallNext stall} can outlast within a test's patience.
     */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.publishing.mastodon.processing-poll", "PT1S",
                "syndicast.publishing.mastodon.request-timeout", "PT3S");
    }

    // ---- faults ---------------------------------------------------------------------------------------------------

    /** The next {@code n} calls of {@code route} ("media", "statuses", "poll", "lookup") answer {@code status} first. */
    public void failNext(String route, int n) {
        failNext.put(route, new AtomicInteger(n));
    }

    public void rateLimitNext(String route, int n, Duration resetIn) {
        rateLimitFor = resetIn;
        rateLimitNext.put(route, new AtomicInteger(n));
    }

    /** The next {@code n} status calls create the status and then close the connection without answering. */
    public void dropAfterCreateNext(int n) {
        dropAfterCreate.set(n);
    }

    /** The next status call that creates a reply (a thread part) creates it and then drops the connection. */
    public void dropAfterCreateOfNextReply() {
        dropAfterCreateOfReply.set(1);
    }

    /**
     * The next status call creates the status and then holds its answer until the returned stall is released: the
     * status exists while the client still waits (a crash test kills the client then).
     */
    public Stall stallAnswerAfterCreate() {
        Stall stall = new Stall("Mastodon status answer");
        answerAfterCreate = stall;
        return stall;
    }

    /** The next {@code n} calls of any kind wait {@code delay} before they are handled. */
    public void stallNext(int n, Duration delay) {
        stall = delay;
        stallNext.set(n);
    }

    /** Uploads from now on answer 202 and are processed after {@code polls} polls of {@code GET /api/v1/media/:id}. */
    public void processingPolls(int polls) {
        processingPolls = polls;
    }

    /** Every upload still processing is done at its next poll. */
    public void finishProcessing() {
        processingPolls = 0;
        media.values().forEach(m -> m.pollsLeft.set(0));
    }

    /**
     * The instance's {@code configuration.statuses.max_characters}: what it enforces on statuses and what it states at
     * {@code GET /api/v2/instance} (which Syndicast reads when an account connects).
     */
    public void maxCharacters(int max) {
        maxCharacters = max;
    }

    /** The user revoked the token at the instance. */
    public void revokeToken() {
        tokenRevoked = true;
    }

    public void restoreToken() {
        tokenRevoked = false;
    }

    public List<Status> statuses() {
        return List.copyOf(statuses);
    }

    public Map<String, Media> media() {
        return Map.copyOf(media);
    }

    /** Every request as "METHOD path", in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Repeats of an idempotency key with a different body (a client bug: the instance answers the first status). */
    public int keyBodyMismatches() {
        return keyBodyMismatches.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- routing --------------------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (stallNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                sleep(stall);
            }
            if (method.equals("GET") && path.equals("/api/v2/instance")) {
                // docs.joinmastodon.org/methods/instance#v2: public, no token needed.
                respond(exchange, 200, instance().build().toString());
                return;
            }
            // docs.joinmastodon.org/client/token: every method here needs "Authorization: Bearer <token>"; a missing,
            // wrong or revoked token is 401 with {"error": "The access token is invalid"} (docs.../api/guidelines).
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization")) || tokenRevoked) {
                respond(exchange, 401, error(tokenRevoked ? "The access token was revoked" : "The access token is invalid"));
                return;
            }
            if (method.equals("GET") && path.equals("/api/v1/accounts/verify_credentials")) {
                respond(exchange, 200, account().build().toString());
            } else if (method.equals("POST") && path.equals("/api/v2/media")) {
                if (!fault(exchange, "media")) {
                    upload(exchange);
                }
            } else if (method.equals("GET") && path.startsWith("/api/v1/media/")) {
                if (!fault(exchange, "poll")) {
                    poll(exchange, path.substring("/api/v1/media/".length()));
                }
            } else if (method.equals("POST") && path.equals("/api/v1/statuses")) {
                if (!fault(exchange, "statuses")) {
                    createStatus(exchange);
                }
            } else if (method.equals("GET") && path.equals("/api/v1/accounts/" + ACCOUNT_ID + "/statuses")) {
                if (!fault(exchange, "lookup")) {
                    accountStatuses(exchange);
                }
            } else if (method.equals("DELETE") && path.startsWith("/api/v1/statuses/")) {
                String id = path.substring("/api/v1/statuses/".length());
                boolean removed = statuses.removeIf(s -> s.id().equals(id));
                respond(exchange, removed ? 200 : 404, removed ? "{\"id\":\"" + id + "\"}" : error("Record not found"));
            } else {
                // docs.joinmastodon.org/api/guidelines: an unknown record or route is 404 {"error": "Record not found"}.
                respond(exchange, 404, error("Record not found"));
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, error("stand-in bug: " + e));
        } finally {
            exchange.close();
        }
    }

    /** A switched-on fault for this route; true when it answered. */
    private boolean fault(HttpExchange exchange, String route) throws IOException {
        AtomicInteger limited = rateLimitNext.get(route);
        if (limited != null && limited.getAndDecrement() > 0) {
            // docs.joinmastodon.org/api/rate-limits: 429 with X-RateLimit-Reset, an ISO 8601 timestamp.
            exchange.getResponseHeaders().add("X-RateLimit-Limit", "300");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().add("X-RateLimit-Reset", Instant.now().plus(rateLimitFor).toString());
            respond(exchange, 429, error("Too many requests"));
            return true;
        }
        AtomicInteger failing = failNext.get(route);
        if (failing != null && failing.getAndDecrement() > 0) {
            respond(exchange, 503, error("Service unavailable"));
            return true;
        }
        return false;
    }

    // ---- POST /api/v2/media -------------------------------------------------------------------------------------

    /**
     * docs.joinmastodon.org/methods/media#v2: multipart/form-data with {@code file} (required; image, video or audio)
     * and optional {@code thumbnail}, {@code description} (alt text, at most 1,500 characters) and {@code focus}. 200
     * when the attachment is processed synchronously; 202 with {@code url: null} while the full size is processed.
     * 422 for a missing or unsupported file.
     */
    private void upload(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher boundary = Pattern.compile("^multipart/form-data;\\s*boundary=\"?([^\";]+)\"?").matcher(type == null ? "" : type);
        if (!boundary.find()) {
            respond(exchange, 422, error("Validation failed: File content type is invalid (expected multipart/form-data)"));
            return;
        }
        List<Part> parts = Part.parse(exchange.getRequestBody().readAllBytes(), boundary.group(1));
        Part file = null;
        String description = null;
        for (Part part : parts) {
            switch (part.name()) {
                case "file" -> file = part;
                case "description" -> description = part.text();
                case "thumbnail", "focus" -> { }
                default -> {
                    // Stricter than a real instance, which ignores unknown fields: a misspelt field name is a bug.
                    respond(exchange, 422, error("Unknown field " + part.name() + " (documented: file, thumbnail, description, focus)"));
                    return;
                }
            }
        }
        if (file == null || file.fileName() == null) {
            respond(exchange, 422, error("Validation failed: File can't be blank"));
            return;
        }
        if (file.contentType() == null || !file.contentType().matches("(image|video|audio)/[\\w.+-]+")) {
            respond(exchange, 422, error("Validation failed: File content type is invalid"));
            return;
        }
        if (description != null && description.length() > 1500) {
            respond(exchange, 422, error("Validation failed: Description is too long (maximum is 1500 characters)"));
            return;
        }
        Media item = new Media(nextId(), file.contentType(), file.fileName(), description, file.body().length, processingPolls);
        media.put(item.id, item);
        respond(exchange, item.processed() ? 200 : 202, attachment(item).build().toString());
    }

    /**
     * docs.joinmastodon.org/methods/media#get: 200 once processed (with its {@code url}), 206 Partial Content while
     * still processing, 404 for an attachment that is not the caller's or already attached to a status.
     */
    private void poll(HttpExchange exchange, String id) throws IOException {
        Media item = media.get(id);
        if (item == null || item.statusId != null) {
            respond(exchange, 404, error("Record not found"));
            return;
        }
        item.polls.incrementAndGet();
        if (item.pollsLeft.getAndDecrement() > 0) {
            respond(exchange, 206, attachment(item).build().toString());
            return;
        }
        respond(exchange, 200, attachment(item).build().toString());
    }

    // ---- POST /api/v1/statuses ---------------------------------------------------------------------------------

    /**
     * docs.joinmastodon.org/methods/statuses#create: form or JSON parameters {@code status}, {@code media_ids[]} (at
     * most 4, uploaded by the same account, processed, not attached to another status), {@code in_reply_to_id},
     * {@code sensitive}, {@code spoiler_text}, {@code visibility}, {@code language}; {@code status} may be blank only
     * when media is attached. The {@code Idempotency-Key} header makes a repeat within an hour answer the status the
     * first call created. 422 with the reason otherwise.
     */
    private void createStatus(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            respond(exchange, 422, error("This stand-in takes statuses as application/x-www-form-urlencoded"));
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> params = form(body);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String answer;
        synchronized (this) {
            if (key != null) {
                Keyed earlier = idempotency.get(key);
                if (earlier != null && earlier.at().plus(IDEMPOTENCY_WINDOW).isAfter(Instant.now())) {
                    if (!earlier.body().equals(body)) {
                        keyBodyMismatches.incrementAndGet();
                    }
                    respond(exchange, 200, status(earlier.status()).build().toString());
                    return;
                }
            }
            for (String name : params.keySet()) {
                if (!List.of("status", "media_ids[]", "in_reply_to_id", "sensitive", "spoiler_text", "visibility", "language")
                        .contains(name)) {
                    respond(exchange, 422, error("Unknown parameter " + name));
                    return;
                }
            }
            String text = first(params, "status");
            List<String> mediaIds = params.getOrDefault("media_ids[]", List.of());
            if ((text == null || text.isBlank()) && mediaIds.isEmpty()) {
                respond(exchange, 422, error("Validation failed: Text can't be blank"));
                return;
            }
            // docs.joinmastodon.org/user/posting#links: every URL counts as 23 characters.
            String counted = text == null ? "" : URL.matcher(text).replaceAll("x".repeat(23));
            int length = counted.codePointCount(0, counted.length());
            if (length > maxCharacters) {
                respond(exchange, 422, error("Validation failed: Text character limit of " + maxCharacters + " exceeded"));
                return;
            }
            if (mediaIds.size() > 4) {
                respond(exchange, 422, error("Validation failed: You can't attach more than 4 files"));
                return;
            }
            for (String id : mediaIds) {
                Media item = media.get(id);
                if (item == null || item.statusId != null) {
                    // Stricter than a real instance, which drops unknown ids silently: a lost id is a bug.
                    respond(exchange, 422, error("Unknown or already attached media id " + id));
                    return;
                }
                if (!item.processed()) {
                    respond(exchange, 422, error("Cannot attach files that have not finished processing. Try again in a moment!"));
                    return;
                }
            }
            String inReplyTo = first(params, "in_reply_to_id");
            if (inReplyTo != null && statuses.stream().noneMatch(st -> st.id().equals(inReplyTo))) {
                // docs.joinmastodon.org/methods/statuses#create: in_reply_to_id must name an existing status.
                respond(exchange, 404, error("Record not found"));
                return;
            }
            String language = first(params, "language");
            if (language != null && !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
                // docs.joinmastodon.org/methods/statuses#create: language, "ISO 639 language code for this status"
                // (a real instance falls back to the account's default; a malformed code here is a client bug).
                respond(exchange, 422, error("Validation failed: Language is not a valid ISO 639 code: " + language));
                return;
            }
            String visibility = first(params, "visibility");
            if (visibility != null && !List.of("public", "unlisted", "private", "direct").contains(visibility)) {
                respond(exchange, 422, error("Validation failed: Visibility is not included in the list"));
                return;
            }
            Status created = new Status(nextId(), text, List.copyOf(mediaIds), key, Instant.now(), params);
            mediaIds.forEach(id -> media.get(id).statusId = created.id());
            statuses.add(created);
            if (key != null) {
                idempotency.put(key, new Keyed(created, body, Instant.now()));
            }
            if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || inReplyTo != null && dropAfterCreateOfReply.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // The status exists; the client never hears so (closing before any response drops the connection).
                return;
            }
            answer = status(created).build().toString();
        }
        Stall stall = answerAfterCreate;
        if (stall != null && stall.take()) {
            // Outside the lock: other statuses are created while this answer is held.
            stall.hold();
        }
        respond(exchange, 200, answer);
    }

    /** docs.joinmastodon.org/methods/accounts#statuses: newest first, {@code limit} at most 40 (default 20). */
    private void accountStatuses(HttpExchange exchange) throws IOException {
        Map<String, List<String>> query = form(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        int limit = Math.min(40, Integer.parseInt(query.getOrDefault("limit", List.of("20")).get(0)));
        List<Status> newestFirst = new ArrayList<>(statuses);
        java.util.Collections.reverse(newestFirst);
        JsonArrayBuilder list = Json.createArrayBuilder();
        newestFirst.stream().limit(limit).forEach(s -> list.add(status(s)));
        respond(exchange, 200, list.build().toString());
    }

    // ---- entities (docs.joinmastodon.org/entities/...) -----------------------------------------------------------

    /**
     * entities/Instance (v2), the parts a publisher reads: {@code configuration.statuses} with {@code max_characters},
     * {@code max_media_attachments} and {@code characters_reserved_per_url}, and {@code configuration.media_attachments}.
     */
    private JsonObjectBuilder instance() {
        return Json.createObjectBuilder().add("domain", "127.0.0.1").add("title", "Mastodon stand-in").add("version", "4.3.0")
                .add("source_url", "https://github.com/mastodon/mastodon")
                .add("configuration", Json.createObjectBuilder()
                        .add("statuses", Json.createObjectBuilder().add("max_characters", maxCharacters)
                                .add("max_media_attachments", 4).add("characters_reserved_per_url", 23))
                        .add("media_attachments", Json.createObjectBuilder()
                                .add("supported_mime_types", Json.createArrayBuilder().add("image/jpeg").add("image/png")
                                        .add("image/gif").add("image/webp").add("video/mp4").add("video/webm"))
                                .add("image_size_limit", 16_777_216).add("video_size_limit", 103_809_024)));
    }

    private JsonObjectBuilder account() {
        return Json.createObjectBuilder().add("id", ACCOUNT_ID).add("username", "ada").add("acct", "ada")
                .add("display_name", "Ada L.").add("url", baseUrl() + "/@ada").add("avatar", baseUrl() + "/avatars/ada.png");
    }

    /** entities/MediaAttachment: {@code url} is null until the full size is processed. */
    private JsonObjectBuilder attachment(Media item) {
        String kind = item.contentType.startsWith("image/") ? "image" : item.contentType.startsWith("video/") ? "video" : "audio";
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", item.id).add("type", kind)
                .add("preview_url", baseUrl() + "/system/media/" + item.id + "/small")
                .add("remote_url", JsonObject.NULL).add("meta", Json.createObjectBuilder());
        o.add("url", item.processed() ? Json.createValue(baseUrl() + "/system/media/" + item.id + "/original") : JsonObject.NULL);
        o.add("description", item.description == null ? JsonObject.NULL : Json.createValue(item.description));
        return o;
    }

    /** entities/Status: {@code content} is HTML; {@code url} the public page. */
    private JsonObjectBuilder status(Status s) {
        JsonArrayBuilder attachments = Json.createArrayBuilder();
        s.mediaIds().forEach(id -> attachments.add(attachment(media.get(id))));
        String html = s.text() == null ? "" : "<p>" + escape(s.text()).replace("\n\n", "</p><p>").replace("\n", "<br />") + "</p>";
        return Json.createObjectBuilder().add("id", s.id()).add("created_at", s.createdAt().toString())
                .add("uri", baseUrl() + "/users/ada/statuses/" + s.id()).add("url", baseUrl() + "/@ada/" + s.id())
                .add("content", html).add("visibility", "public").add("media_attachments", attachments)
                .add("in_reply_to_id", s.inReplyTo() == null ? JsonObject.NULL : Json.createValue(s.inReplyTo()))
                .add("account", account());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    private static String error(String message) {
        return Json.createObjectBuilder().add("error", message).build().toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One part of a multipart/form-data body (RFC 7578). */
    record Part(String name, String fileName, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static List<Part> parse(byte[] body, String boundary) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            List<Part> parts = new ArrayList<>();
            int start = indexOf(body, delimiter, 0);
            while (start >= 0) {
                int headersStart = start + delimiter.length;
                if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
                    break;
                }
                headersStart += 2;
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd);
                if (headersEnd < 0 || next < 0) {
                    throw new IllegalArgumentException("malformed multipart body");
                }
                String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
                Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
                Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                Matcher type = Pattern.compile("(?im)^Content-Type:\\s*([^;\\r\\n]+)").matcher(headers);
                parts.add(new Part(name.find() ? name.group(1) : "", file.find() ? file.group(1) : null,
                        type.find() ? type.group(1).strip() : null, Arrays.copyOfRange(body, headersEnd + 4, next)));
                start = next + 2;
            }
            return parts;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
