package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict local stand-in for Dribbble API v2, shared by the test run ({@code syndicast.platforms.dribbble.api-url}
 * points at it, see {@link #serverSettings()}). Access tokens are the ones {@link PlatformStub} issued; anything else
 * is a 401. Each rule names the developer.dribbble.com page it follows. Faults: shots that stay unprocessed (404) for
 * a number of polls or for good (processing that fails), a connection dropped after the shot was created, a stall
 * before answering, 5xx, and 429s with {@code X-RateLimit-Reset}.
 */
public final class DribbbleStandIn {

    private static DribbbleStandIn instance;

    private final HttpServer server;
    private final List<Shot> shots = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(471_755);
    private final AtomicInteger processingPolls = new AtomicInteger();
    private final AtomicInteger failProcessingNext = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger serverErrorNext = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private volatile long rateLimitSeconds = 2;
    private volatile long stallMillis;

    /** A created shot: the fields as sent, the image, and how many more polls answer 404 (forever when failed). */
    public static final class Shot {
        public final String id;
        public final Multipart form;
        public final int width;
        public final int height;
        public final Instant publishedAt = Instant.now();
        final AtomicInteger pendingPolls;
        final boolean failed;
        public final AtomicInteger polls = new AtomicInteger();

        Shot(String id, Multipart form, int width, int height, int pending, boolean failed) {
            this.id = id;
            this.form = form;
            this.width = width;
            this.height = height;
            this.pendingPolls = new AtomicInteger(pending);
            this.failed = failed;
        }

        public String title() {
            return form.field("title");
        }

        public String htmlUrl() {
            return "https://dribbble.com/shots/" + id + "-" + title().replaceAll("[^A-Za-z0-9]+", "-");
        }

        boolean processed() {
            return !failed && pendingPolls.get() <= 0;
        }
    }

    private DribbbleStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::route);
        server.start();
    }

    public static synchronized DribbbleStandIn instance() {
        if (instance == null) {
            instance = new DribbbleStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The server under test publishes here and asks about processing every second. */
    public static Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.dribbble.api-url", instance().baseUrl(),
                "syndicast.platforms.dribbble.processing-poll", "PT1S");
    }

    // ---- faults and what happened ---------------------------------------------------------------------------------

    public void processingPolls(int n) {
        processingPolls.set(n);
    }

    public void failProcessingNext(int n) {
        failProcessingNext.set(n);
    }

    public void dropAfterCreateNext(int n) {
        dropAfterCreate.set(n);
    }

    public void serverErrorNext(int n) {
        serverErrorNext.set(n);
    }

    public void rateLimitNext(int n, long resetInSeconds) {
        rateLimitSeconds = resetInSeconds;
        rateLimitNext.set(n);
    }

    public void stall(long millis) {
        stallMillis = millis;
    }

    public List<Shot> shots() {
        return List.copyOf(shots);
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
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !PlatformStub.instance().accepts("dribbble", authorization.substring(7))) {
                // developer.dribbble.com/v2/ "Authentication": requests without a valid token are refused.
                respond(exchange, 401, "{\"message\":\"Bad credentials\"}");
                return;
            }
            if (method.equals("POST") && path.equals("/v2/shots")) {
                create(exchange, body);
            } else if (method.equals("GET") && path.matches("/v2/shots/\\d+")) {
                shot(exchange, path.substring("/v2/shots/".length()));
            } else if (method.equals("GET") && path.equals("/v2/user/shots")) {
                list(exchange);
            } else if (method.equals("DELETE") && path.matches("/v2/shots/\\d+")) {
                boolean removed = shots.removeIf(s -> s.id.equals(path.substring("/v2/shots/".length())));
                respond(exchange, removed ? 204 : 404, removed ? "" : "{\"message\":\"Not Found\"}");
            } else {
                respond(exchange, 404, "{\"message\":\"Not Found\"}");
            }
        } finally {
            exchange.close();
        }
    }

    /**
     * developer.dribbble.com/v2/shots/ "Create a shot": requires the {@code upload} scope; {@code image} (required;
     * "exactly 400x300 or 800x600, no larger than eight megabytes, and be a GIF, JPG, or PNG"), {@code title}
     * (required), {@code description}, {@code tags} (at most 12), {@code low_profile}, {@code team_id}. "Creating a
     * shot happens asynchronously": 202 Accepted with the shot's {@code Location}. Errors after the overview's
     * "Client errors": 422 {@code {"message":"Validation failed.","errors":[{"attribute","message"}]}}; "Rate
     * limiting": {@code X-RateLimit-*} headers.
     */
    private void create(HttpExchange exchange, byte[] body) throws IOException {
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("X-RateLimit-Limit", "60");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + rateLimitSeconds));
            respond(exchange, 429, "{\"message\":\"API rate limit exceeded\"}");
            return;
        }
        if (serverErrorNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 503, "{\"message\":\"Service Unavailable\"}");
            return;
        }
        Multipart form = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        List<String> errors = new ArrayList<>();
        int[] size = form.file() == null || !"image".equals(form.fileField()) ? null : imageSize(form.file());
        if (size == null) {
            errors.add(error("image", "must be a GIF, JPG, or PNG"));
        } else if (!(size[0] == 400 && size[1] == 300 || size[0] == 800 && size[1] == 600) || form.file().length > 8 * 1024 * 1024) {
            errors.add(error("image", "must be exactly 400x300 or 800x600, no larger than eight megabytes, and be a GIF, JPG, or PNG"));
        }
        if (form.field("title") == null || form.field("title").isBlank()) {
            errors.add(error("title", "can't be blank"));
        }
        if (form.all("tags[]").size() > 12) {
            errors.add(error("tags", "is limited to a maximum of 12 tags"));
        }
        String team = form.field("team_id");
        if (team != null && !team.equals("39")) {
            // "The authenticated user must either be a member of the team or be authenticated as the same team."
            errors.add(error("team_id", "is not a team you are a member of"));
        }
        if (!errors.isEmpty()) {
            respond(exchange, 422, "{\"message\":\"Validation failed.\",\"errors\":[" + String.join(",", errors) + "]}");
            return;
        }
        Shot shot = new Shot(String.valueOf(ids.incrementAndGet()), form, size[0], size[1], processingPolls.get(),
                failProcessingNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
        shots.add(shot);
        sleep(stallMillis);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // the shot exists; closing before any answer drops the connection
        }
        exchange.getResponseHeaders().add("Location", "https://api.dribbble.com/v2/shots/" + shot.id);
        exchange.getResponseHeaders().add("X-RateLimit-Limit", "60");
        exchange.getResponseHeaders().add("X-RateLimit-Remaining", "59");
        exchange.sendResponseHeaders(202, -1);
    }

    /** "After creation the returned location will return a 404 Not Found until processing is completed." */
    private void shot(HttpExchange exchange, String id) throws IOException {
        Shot shot = shots.stream().filter(s -> s.id.equals(id)).findFirst().orElse(null);
        if (shot == null) {
            respond(exchange, 404, "{\"message\":\"Not Found\"}");
            return;
        }
        shot.polls.incrementAndGet();
        if (!shot.failed && shot.pendingPolls.getAndDecrement() <= 0) {
            respond(exchange, 200, json(shot).toString());
        } else {
            respond(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    /** "List shots": the authenticated user's processed shots, newest first. */
    private void list(HttpExchange exchange) throws IOException {
        List<Shot> newest = new ArrayList<>(shots);
        Collections.reverse(newest);
        JsonArrayBuilder list = Json.createArrayBuilder();
        newest.stream().filter(Shot::processed).limit(100).forEach(s -> list.add(json(s)));
        respond(exchange, 200, list.build().toString());
    }

    private static JsonObject json(Shot shot) {
        var tags = Json.createArrayBuilder();
        shot.form.all("tags[]").forEach(tags::add);
        return Json.createObjectBuilder().add("id", Long.parseLong(shot.id)).add("title", shot.title())
                .add("description", shot.form.field("description") == null ? "" : "<p>" + shot.form.field("description") + "</p>")
                .add("width", shot.width).add("height", shot.height).add("published_at", shot.publishedAt.toString())
                .add("html_url", shot.htmlUrl()).add("low_profile", "true".equals(shot.form.field("low_profile")))
                .add("tags", tags).build();
    }

    private static int[] imageSize(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            if (!List.of("png", "jpeg", "gif").contains(format)) {
                return null;
            }
            reader.setInput(in);
            return new int[]{reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String error(String attribute, String message) {
        return Json.createObjectBuilder().add("attribute", attribute).add("message", message).build().toString();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000L); // the stall fault: the platform is slow
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
