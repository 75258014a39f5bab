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
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict local Pinterest API v5 (api.pinterest.com/v5) for the publishing tests, one per test run. Access tokens are
 * the ones {@link PlatformStub} issued through the OAuth flow for {@code pinterest}; anything else is a 401. Each rule
 * names the documentation page it follows:
 * <ul>
 *   <li>developers.pinterest.com/docs/api/v5/pins-create: {@code POST /v5/pins} takes JSON with {@code board_id} (one of
 *   the user's boards, else 404 "Board not found."), {@code title} (at most 100), {@code description} (800),
 *   {@code link} (2048), {@code alt_text} (500) and a required {@code media_source}: {@code image_url} (Pinterest
 *   fetches the URL itself: the stand-in does too, and only an image answer will do), {@code image_base64}
 *   ({@code content_type} image/jpeg or image/png, {@code data} base64 of such an image), {@code multiple_image_urls}
 *   / {@code multiple_image_base64} (2 to 5 items) or {@code video_id} ({@code media_id} of an upload whose status is
 *   {@code succeeded}, and a cover: {@code cover_image_url}, {@code cover_image_data} or
 *   {@code cover_image_key_frame_time}). It answers 201 with the Pin.</li>
 *   <li>developers.pinterest.com/docs/api/v5/media-create: {@code POST /v5/media} with {@code media_type: video} answers
 *   201 with {@code media_id}, {@code upload_url} and {@code upload_parameters}; the file is POSTed to the upload URL
 *   as multipart/form-data with every parameter (the values as issued) before the {@code file} field (an S3 POST
 *   policy: the file comes last), with a Content-Length; the upload answers 204.</li>
 *   <li>developers.pinterest.com/docs/api/v5/media-get: {@code GET /v5/media/{media_id}}: {@code registered} until the
 *   file arrived, then {@code processing} for a switchable number of polls, then {@code succeeded} (or
 *   {@code failed}).</li>
 *   <li>developers.pinterest.com/docs/api/v5/boards-list_pins: {@code GET /v5/boards/{board_id}/pins?page_size=}
 *   (1 to 250) answers {@code {"items":[...],"bookmark":null}}, newest first.</li>
 *   <li>developers.pinterest.com/docs/reference/rate-limits: a call over the limit is a 429; the stand-in names the
 *   window's end in {@code X-RateLimit-Reset} (seconds).</li>
 *   <li>Errors are the API's {@code Error} body, {@code {"code": <int>, "message": "..."}}.</li>
 * </ul>
 * Faults: a 5xx or a 429 for the next pin calls (nothing created), a stall before the pin call answers (after
 * creating it), a connection dropped after the pin was created, an upload dropped after some bytes, processing that
 * fails; for crash tests an upload held before its body is read ({@link #stallUpload}) and {@link #finishProcessing}.
 */
public final class PinterestStandIn {

    public static final String BOARD = "549755885175";
    public static final String OTHER_BOARD = "549755885176";
    private static PinterestStandIn instance;

    /** A pin as Pinterest keeps it; {@code image} is what Pinterest got for an image pin (fetched or inline). */
    public record Pin(String id, String boardId, String title, String description, String link, String altText, String mediaType,
                      String sourceType, String mediaId, List<byte[]> images, String imageType, Instant createdAt) {
    }

    /** A registered video upload. */
    public static final class Upload {
        public final String id;
        final Map<String, String> parameters = new LinkedHashMap<>();
        public volatile String status = "registered";
        public volatile long received = -1;
        public volatile String fileType;
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicInteger attempts = new AtomicInteger();
        volatile int pollsUntilDone;
        volatile boolean fails;

        Upload(String id) {
            this.id = id;
        }
    }

    private final HttpServer server;
    private final HttpClient fetcher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong ids = new AtomicLong(813_744_226_420_795_000L);
    private final List<Pin> pins = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger dropUploads = new AtomicInteger();
    private volatile long rateLimitSeconds = 1;
    private volatile long stallMillis;
    private volatile int processingPolls;
    private volatile boolean processingFails;
    private volatile Stall uploadStall;

    private PinterestStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v5/", this::api);
        server.createContext("/upload/", this::upload);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized PinterestStandIn instance() {
        if (instance == null) {
            instance = new PinterestStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Server settings of the shared server: the API URL, and short polls. */
    public Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.pinterest.api-url", baseUrl(),
                "syndicast.platforms.pinterest.processing-poll", "PT1S");
    }

    // ---- switches and what happened -------------------------------------------------------------------------------

    public void serverErrorNext(int n) { serverErrors.set(n); }
    public void rateLimitNext(int n, long resetSeconds) { rateLimitSeconds = resetSeconds; rateLimited.set(n); }
    public void dropAfterCreateNext(int n) { dropAfterCreate.set(n); }
    public void dropUploadNext(int n) { dropUploads.set(n); }
    public void stall(long millis) { stallMillis = millis; }
    public void processingPolls(int n) { processingPolls = n; }
    public void processingFails(boolean on) { processingFails = on; }
    /**
     * Crash tests: the next upload to an upload URL is held before its body is read, until the stall is released; it
     * then goes on as usual with whatever of the body is still there to read.
     */
    public Stall stallUpload() {
        Stall stall = new Stall("Pinterest video upload");
        uploadStall = stall;
        return stall;
    }

    /** Crash tests: every video still processing has succeeded (or failed) at its next poll, and later ones at once. */
    public void finishProcessing() {
        processingPolls = 0;
        uploads.values().forEach(u -> u.pollsUntilDone = 0);
    }

    public List<Pin> pins() { return List.copyOf(pins); }
    public Map<String, Upload> uploads() { return Map.copyOf(uploads); }
    public List<String> requests() { return List.copyOf(requests); }
    public List<String> fetches() { return List.copyOf(fetches); }

    // ---- the API --------------------------------------------------------------------------------------------------

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !PlatformStub.instance().accepts("pinterest", authorization.substring(7))) {
                error(exchange, 401, 2, "Authentication failed.");
                return;
            }
            String[] parts = path.substring("/v5/".length()).split("/");
            if ("POST".equals(method) && path.equals("/v5/pins")) {
                createPin(exchange);
            } else if ("POST".equals(method) && path.equals("/v5/media")) {
                register(exchange);
            } else if ("GET".equals(method) && parts.length == 2 && parts[0].equals("media")) {
                mediaStatus(exchange, parts[1]);
            } else if ("GET".equals(method) && parts.length == 3 && parts[0].equals("boards") && parts[2].equals("pins")) {
                listPins(exchange, parts[1]);
            } else if ("DELETE".equals(method) && parts.length == 2 && parts[0].equals("pins")) {
                boolean removed = pins.removeIf(p -> p.id().equals(parts[1]));
                if (removed) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    error(exchange, 404, 50, "Pin not found.");
                }
            } else {
                error(exchange, 404, 404, "Unsupported request: " + method + " " + path);
            }
        }
    }

    private void createPin(HttpExchange exchange) throws IOException {
        if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, 503, 0, "Service unavailable");
            return;
        }
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(rateLimitSeconds));
            error(exchange, 429, 8, "You have exceeded your rate limit. Try again later.");
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Content-Length") == null) {
            error(exchange, 411, 1, "Content-Length required");
            return;
        }
        JsonObject pin;
        try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            pin = reader.readObject();
        } catch (RuntimeException unreadable) {
            error(exchange, 400, 1, "Invalid JSON body");
            return;
        }
        String board = text(pin, "board_id");
        if (board == null || !(board.equals(BOARD) || board.equals(OTHER_BOARD))) {
            error(exchange, 404, 40, "Board not found.");
            return;
        }
        for (Map.Entry<String, Integer> limit : Map.of("title", 100, "description", 800, "link", 2048, "alt_text", 500).entrySet()) {
            String value = text(pin, limit.getKey());
            if (value != null && value.codePointCount(0, value.length()) > limit.getValue()) {
                error(exchange, 400, 1, "Invalid parameters: " + limit.getKey() + " is longer than " + limit.getValue() + " characters");
                return;
            }
        }
        if (!(pin.get("media_source") instanceof JsonObject source)) {
            error(exchange, 400, 1, "Invalid parameters: media_source is required");
            return;
        }
        String sourceType = text(source, "source_type");
        List<byte[]> images = new ArrayList<>();
        String imageType = null;
        String mediaId = null;
        String mediaType = "image";
        switch (String.valueOf(sourceType)) {
            case "image_url" -> {
                Fetched fetched = fetch(text(source, "url"));
                if (fetched == null) {
                    error(exchange, 400, 1, "Sorry we could not fetch the image.");
                    return;
                }
                images.add(fetched.bytes());
                imageType = fetched.type();
            }
            case "image_base64" -> {
                byte[] image = decodeImage(text(source, "content_type"), text(source, "data"));
                if (image == null) {
                    error(exchange, 400, 1, "Invalid parameters: media_source.data is not a base64 " + text(source, "content_type") + " image");
                    return;
                }
                images.add(image);
                imageType = text(source, "content_type");
            }
            case "multiple_image_urls", "multiple_image_base64" -> {
                JsonArray items = source.get("items") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
                if (items.size() < 2 || items.size() > 5) {
                    error(exchange, 400, 1, "Invalid parameters: media_source.items must hold 2 to 5 images");
                    return;
                }
                mediaType = "multiple_images";
                for (JsonValue v : items) {
                    JsonObject item = v.asJsonObject();
                    byte[] image;
                    if (sourceType.equals("multiple_image_urls")) {
                        Fetched fetched = fetch(text(item, "url"));
                        image = fetched == null ? null : fetched.bytes();
                    } else {
                        image = decodeImage(text(item, "content_type"), text(item, "data"));
                    }
                    if (image == null) {
                        error(exchange, 400, 1, "Sorry we could not fetch the image.");
                        return;
                    }
                    images.add(image);
                }
            }
            case "video_id" -> {
                mediaId = text(source, "media_id");
                Upload upload = mediaId == null ? null : uploads.get(mediaId);
                if (upload == null || !"succeeded".equals(upload.status)) {
                    error(exchange, 400, 1, "Invalid parameters: media_id " + mediaId + " is not a processed video upload");
                    return;
                }
                if (!source.containsKey("cover_image_url") && !source.containsKey("cover_image_data")
                        && !source.containsKey("cover_image_key_frame_time")) {
                    error(exchange, 400, 1, "Invalid parameters: a video pin needs cover_image_url, cover_image_data or cover_image_key_frame_time");
                    return;
                }
                mediaType = "video";
            }
            default -> {
                error(exchange, 400, 1, "Invalid parameters: media_source.source_type " + sourceType);
                return;
            }
        }
        String id = String.valueOf(ids.incrementAndGet());
        Pin created = new Pin(id, board, text(pin, "title"), text(pin, "description"), text(pin, "link"), text(pin, "alt_text"),
                mediaType, sourceType, mediaId, List.copyOf(images), imageType, Instant.now());
        pins.add(created);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The pin exists, but the answer is lost: closing before any response drops the connection.
            return;
        }
        if (stallMillis > 0) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 201, pinJson(created).toString());
    }

    private record Fetched(byte[] bytes, String type) {
    }

    /** Pinterest fetches image_url itself; only a 200 with an image type and the bytes it announced will do. */
    private Fetched fetch(String url) {
        if (url == null) {
            return null;
        }
        try {
            HttpResponse<byte[]> response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            fetches.add(url + " -> " + response.statusCode() + " " + type + " " + response.body().length);
            return response.statusCode() == 200 && type.startsWith("image/") ? new Fetched(response.body(), type) : null;
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            fetches.add(url + " -> " + e);
            return null;
        }
    }

    /** image/jpeg or image/png base64 whose bytes are such an image (its magic number). */
    private static byte[] decodeImage(String contentType, String data) {
        if (data == null || !("image/jpeg".equals(contentType) || "image/png".equals(contentType))) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        boolean png = bytes.length > 4 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        return ("image/png".equals(contentType) ? png : jpeg) ? bytes : null;
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonObject body;
        try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            body = reader.readObject();
        } catch (RuntimeException unreadable) {
            error(exchange, 400, 1, "Invalid JSON body");
            return;
        }
        if (!"video".equals(text(body, "media_type"))) {
            error(exchange, 400, 1, "Invalid parameters: media_type must be video");
            return;
        }
        Upload upload = new Upload(String.valueOf(ids.incrementAndGet()));
        upload.parameters.put("x-amz-date", "20261202T100000Z");
        upload.parameters.put("x-amz-signature", "sig-" + upload.id);
        upload.parameters.put("x-amz-security-token", "token-" + upload.id);
        upload.parameters.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        upload.parameters.put("key", "uploads/ad/a0/" + upload.id + "/video.mp4");
        upload.parameters.put("policy", Base64.getEncoder().encodeToString(("{\"media\":\"" + upload.id + "\"}").getBytes(StandardCharsets.UTF_8)));
        upload.parameters.put("x-amz-credential", "AKIA/20261202/us-east-1/s3/aws4_request");
        upload.parameters.put("Content-Type", "multipart/form-data");
        upload.pollsUntilDone = processingPolls;
        upload.fails = processingFails;
        uploads.put(upload.id, upload);
        JsonObjectBuilder parameters = Json.createObjectBuilder();
        upload.parameters.forEach(parameters::add);
        respond(exchange, 201, Json.createObjectBuilder().add("media_id", upload.id).add("media_type", "video")
                .add("upload_url", baseUrl() + "/upload/" + upload.id).add("upload_parameters", parameters).build().toString());
    }

    /** The upload URL: the S3 POST form, its fields as issued, then the file. */
    private void upload(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/upload/".length());
            requests.add("POST /upload/" + id);
            Upload upload = uploads.get(id);
            if (upload == null || !"POST".equals(exchange.getRequestMethod())) {
                s3Error(exchange, 404, "NoSuchUpload");
                return;
            }
            upload.attempts.incrementAndGet();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=") || length == null) {
                s3Error(exchange, 411, "MissingContentLength");
                return;
            }
            Stall held = uploadStall;
            if (held != null && held.take()) {
                held.hold();
            }
            if (dropUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getRequestBody().readNBytes(1024);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Parts form = multipart(body, contentType.substring("multipart/form-data; boundary=".length()));
            Map<String, byte[]> parts = form.values();
            List<String> names = new ArrayList<>(parts.keySet());
            if (names.isEmpty() || !names.get(names.size() - 1).equals("file")) {
                s3Error(exchange, 400, "InvalidArgument: the file must be the last field");
                return;
            }
            for (Map.Entry<String, String> p : upload.parameters.entrySet()) {
                byte[] value = parts.get(p.getKey());
                if (value == null || !p.getValue().equals(new String(value, StandardCharsets.UTF_8))) {
                    s3Error(exchange, 403, "AccessDenied: Invalid according to Policy: " + p.getKey());
                    return;
                }
            }
            upload.received = parts.get("file").length;
            upload.fileType = form.fileType();
            upload.status = "processing";
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The {@code name} parameter of a part's Content-Disposition (not {@code filename}). */
    private static final java.util.regex.Pattern PART_NAME = java.util.regex.Pattern.compile("[;\\s]name=\"([^\"]*)\"");

    /** A multipart/form-data body's parts in their order, by name, and the file part's type. */
    record Parts(Map<String, byte[]> values, String fileType) {
    }

    /** The parts of a multipart/form-data body in their order (RFC 7578), each by its name. */
    static Parts multipart(byte[] body, String boundary) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        String fileType = null;
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = text.substring(start, headersEnd);
            java.util.regex.Matcher named = PART_NAME.matcher(headers);
            String name = named.find() ? named.group(1) : "";
            parts.put(name, text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1));
            if (name.equals("file")) {
                fileType = headers.replaceAll("(?s).*Content-Type: ([^\\r\\n]*).*", "$1");
            }
            at = next + 2;
        }
        return new Parts(parts, fileType);
    }

    private void mediaStatus(HttpExchange exchange, String id) throws IOException {
        Upload upload = uploads.get(id);
        if (upload == null) {
            error(exchange, 404, 404, "Media upload not found.");
            return;
        }
        if ("processing".equals(upload.status) && upload.polls.incrementAndGet() > upload.pollsUntilDone) {
            upload.status = upload.fails ? "failed" : "succeeded";
        }
        respond(exchange, 200, Json.createObjectBuilder().add("media_id", id).add("media_type", "video")
                .add("status", upload.status).build().toString());
    }

    private void listPins(HttpExchange exchange, String board) throws IOException {
        if (!board.equals(BOARD) && !board.equals(OTHER_BOARD)) {
            error(exchange, 404, 40, "Board not found.");
            return;
        }
        int size = 25;
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.matches(".*page_size=\\d+.*")) {
            size = Integer.parseInt(query.replaceAll(".*page_size=(\\d+).*", "$1"));
        }
        if (size < 1 || size > 250) {
            error(exchange, 400, 1, "Invalid parameters: page_size must be 1 to 250");
            return;
        }
        List<Pin> onBoard = new ArrayList<>(pins.stream().filter(p -> p.boardId().equals(board)).toList());
        Collections.reverse(onBoard);
        JsonArrayBuilder items = Json.createArrayBuilder();
        onBoard.stream().limit(size).forEach(p -> items.add(pinJson(p)));
        respond(exchange, 200, Json.createObjectBuilder().add("items", items).add("bookmark", JsonValue.NULL).build().toString());
    }

    private static JsonObject pinJson(Pin pin) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("id", pin.id()).add("created_at", pin.createdAt().toString())
                .add("board_id", pin.boardId()).add("board_owner", Json.createObjectBuilder().add("username", PlatformStub.PINTEREST_USER))
                .add("media", Json.createObjectBuilder().add("media_type", pin.mediaType()));
        for (String[] field : new String[][]{{"title", pin.title()}, {"description", pin.description()}, {"link", pin.link()},
                {"alt_text", pin.altText()}}) {
            o.add(field[0], field[1] == null ? JsonValue.NULL : Json.createValue(field[1]));
        }
        return o.build();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private static String text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        respond(exchange, status, Json.createObjectBuilder().add("code", code).add("message", message).build().toString());
    }

    private static void s3Error(HttpExchange exchange, int status, String code) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
