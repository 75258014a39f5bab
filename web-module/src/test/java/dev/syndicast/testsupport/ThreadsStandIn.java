package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A strict local Threads API (graph.threads.net/v1.0) for the publishing tests, one per test run like
 * {@link PlatformStub} (which issues its OAuth tokens; every call here must carry one of them, unexpired by the stub's
 * clock). {@code /access_token} and {@code /refresh_access_token} are graph.threads.net's long-lived token endpoints
 * ({@code th_exchange_token}, {@code th_refresh_token}, rules in {@link PlatformStub#exchangeForLongLived}). Each rule
 * names the page it comes from:
 * <ul>
 *   <li>developers.facebook.com/docs/threads/posts: {@code POST /{user-id}/threads} creates a container (TEXT, IMAGE
 *   with image_url, VIDEO with video_url, CAROUSEL with 2-20 children made with is_carousel_item; reply_to_id for a
 *   reply); {@code POST /{user-id}/threads_publish} with creation_id publishes a FINISHED container once. Like Meta,
 *   the stand-in fetches image_url / video_url itself, over HTTP, and a URL that does not answer 200 with an image or
 *   video type puts the container in ERROR.</li>
 *   <li>developers.facebook.com/docs/threads/troubleshooting: {@code GET /{container-id}?fields=status,error_message}
 *   is IN_PROGRESS while a video is processed (a switchable number of polls), then FINISHED, PUBLISHED once used.</li>
 *   <li>developers.facebook.com/docs/threads/troubleshooting#rate-limiting: {@code threads_publishing_limit} reports
 *   quota_usage against config.quota_total; a publish over the quota is refused (code 4).</li>
 *   <li>developers.facebook.com/docs/graph-api/guides/error-handling: errors are {@code {"error":{...}}} bodies; an
 *   invalid token is code 190, an invalid parameter code 100.</li>
 *   <li>developers.facebook.com/docs/threads/retrieve-and-discover-posts and /reply-management: {@code GET
 *   /{user-id}/threads} and {@code GET /{media-id}/replies} list recent threads.</li>
 * </ul>
 * Faults: drop the connection after publishing, hold the answer after publishing until the test releases it
 * ({@link #stallAnswerAfterPublish}), revoke tokens, a used-up quota, a lower character limit.
 */
public final class ThreadsStandIn {

    public static final String USER_ID = "threads-user-4711";
    private static ThreadsStandIn instance;

    /** A container: what it will publish, and how far Threads got with it. */
    public static final class Container {
        public final String id;
        public final Map<String, String> form;
        public volatile String status;
        public volatile String error;
        public final AtomicInteger polls = new AtomicInteger();
        public volatile int pollsUntilFinished;
        public volatile String fetchedType;
        public volatile long fetchedSize = -1;

        Container(String id, Map<String, String> form) {
            this.id = id;
            this.form = form;
        }
    }

    /** A published thread. */
    public record Thread(String id, String containerId, String text, String mediaType, String replyTo, String permalink) {
    }

    private final HttpServer server;
    private final HttpClient fetcher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong ids = new AtomicLong(17_889_615_691_900_000L);
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropAfterPublish = new AtomicInteger();
    private volatile boolean revoked;
    private volatile int quotaTotal = 250;
    private volatile int maxCharacters = 500;
    private volatile int videoPolls;
    private volatile Stall answerAfterPublish;

    private ThreadsStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1.0/", this::handle);
        // graph.threads.net/access_token and /refresh_access_token (docs/threads/get-started/long-lived-tokens): the
        // rules and the tokens are PlatformStub's, which issued the login's token.
        server.createContext("/access_token", exchange -> token(exchange, false));
        server.createContext("/refresh_access_token", exchange -> token(exchange, true));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized ThreadsStandIn instance() {
        if (instance == null) {
            instance = new ThreadsStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange, boolean refresh) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            PlatformStub stub = PlatformStub.instance();
            PlatformStub.Answer answer = refresh ? stub.refreshLongLived("threads", exchange.getRequestMethod(), query)
                    : stub.exchangeForLongLived("threads", exchange.getRequestMethod(), query);
            respond(exchange, answer.status(), answer.body());
        }
    }

    /** Server settings of the shared server: the API URL, and short polls and waits. */
    public Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.threads.api-url", baseUrl() + "/v1.0",
                "syndicast.platforms.threads.oauth.exchange-url", baseUrl() + "/access_token",
                "syndicast.platforms.threads.oauth.refresh-url", baseUrl() + "/refresh_access_token",
                "syndicast.platforms.threads.processing-poll", "PT1S",
                "syndicast.platforms.threads.quota-wait", "PT2S");
    }

    // ---- switches -------------------------------------------------------------------------------------------------

    public void videoPolls(int n) { videoPolls = n; }

    /** Every video container still IN_PROGRESS is FINISHED at its next status read, and so are new ones. */
    public void finishProcessing() {
        videoPolls = 0;
        containers.values().forEach(c -> c.pollsUntilFinished = 0);
    }

    /** The next publish creates the thread and holds its answer until the stall is released. */
    public Stall stallAnswerAfterPublish() {
        Stall stall = new Stall("Threads publish answer");
        answerAfterPublish = stall;
        return stall;
    }

    public List<Container> containers() { return List.copyOf(containers.values()); }
    public void dropAfterPublishNext() { dropAfterPublish.set(1); }
    public void revoke(boolean on) { revoked = on; }
    public void quotaTotal(int total) { quotaTotal = total; }
    public void maxCharacters(int n) { maxCharacters = n; }
    public List<Thread> threads() { return List.copyOf(threads); }
    public List<String> requests() { return List.copyOf(requests); }
    /** Each media fetch: "url -> status type size". */
    public List<String> fetches() { return List.copyOf(fetches); }
    public Container container(String id) { return containers.get(id); }

    // ---- the API --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/v1.0/".length());
            Map<String, String> params = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            if ("POST".equals(method)) {
                params.putAll(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            requests.add(method + " /v1.0/" + path);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : params.get("access_token");
            if (revoked || !PlatformStub.instance().accepts("threads", token)) {
                error(exchange, 400, 190, "OAuthException", revoked ? "Error validating access token: The session has been invalidated"
                        : PlatformStub.instance().refusalOf(token));
                return;
            }
            String[] parts = path.split("/");
            if ("POST".equals(method) && parts.length == 2 && parts[1].equals("threads")) {
                create(exchange, parts[0], params);
            } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("threads_publish")) {
                publish(exchange, parts[0], params.get("creation_id"));
            } else if ("GET".equals(method) && parts.length == 2 && parts[1].equals("threads_publishing_limit")) {
                long used = threads.stream().filter(t -> t.replyTo() == null).count();
                long replies = threads.size() - used;
                respond(exchange, 200, "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":" + quotaTotal
                        + ",\"quota_duration\":86400},\"reply_quota_usage\":" + replies
                        + ",\"reply_config\":{\"quota_total\":1000,\"quota_duration\":86400}}]}");
            } else if ("GET".equals(method) && parts.length == 2 && parts[1].equals("threads")) {
                list(exchange, threads.stream().filter(t -> t.replyTo() == null).toList());
            } else if ("GET".equals(method) && parts.length == 2 && parts[1].equals("replies")) {
                list(exchange, threads.stream().filter(t -> parts[0].equals(t.replyTo())).toList());
            } else if ("GET".equals(method) && parts.length == 1) {
                read(exchange, parts[0]);
            } else {
                error(exchange, 400, 100, "OAuthException", "Unsupported request: " + method + " " + path);
            }
        }
    }

    private void create(HttpExchange exchange, String user, Map<String, String> form) throws IOException {
        if (!USER_ID.equals(user)) {
            error(exchange, 400, 100, "OAuthException", "Unsupported post request: object " + user + " does not exist");
            return;
        }
        String type = form.getOrDefault("media_type", "");
        String text = form.get("text");
        if (text != null && text.codePointCount(0, text.length()) > maxCharacters) {
            error(exchange, 400, 100, "OAuthException", "Param text must be at most " + maxCharacters + " characters long.");
            return;
        }
        String url = switch (type) {
            case "IMAGE" -> form.get("image_url");
            case "VIDEO" -> form.get("video_url");
            default -> null;
        };
        if (type.equals("TEXT") && (text == null || text.isBlank()) || (type.equals("IMAGE") || type.equals("VIDEO")) && url == null
                || !List.of("TEXT", "IMAGE", "VIDEO", "CAROUSEL").contains(type)) {
            error(exchange, 400, 100, "OAuthException", "Invalid parameter: media_type " + type + " with the parameters given");
            return;
        }
        if (type.equals("CAROUSEL")) {
            List<String> children = Arrays.asList(form.getOrDefault("children", "").split(","));
            if (children.size() < 2 || children.size() > 20 || !children.stream().allMatch(c -> containers.containsKey(c)
                    && "true".equals(containers.get(c).form.get("is_carousel_item")) && "FINISHED".equals(containers.get(c).status))) {
                error(exchange, 400, 100, "OAuthException", "Invalid parameter: children must be 2 to 20 finished carousel items");
                return;
            }
        }
        if (form.get("reply_to_id") != null && threads.stream().noneMatch(t -> t.id().equals(form.get("reply_to_id")))) {
            error(exchange, 400, 100, "OAuthException", "Invalid parameter: reply_to_id does not exist");
            return;
        }
        Container container = new Container(String.valueOf(ids.incrementAndGet()), Map.copyOf(form));
        container.status = "IN_PROGRESS";
        container.pollsUntilFinished = type.equals("VIDEO") ? videoPolls : 0;
        if (url != null) {
            fetch(container, url, type);
        }
        containers.put(container.id, container);
        respond(exchange, 200, "{\"id\":\"" + container.id + "\"}");
    }

    /** Meta fetches the media from the URL it was given, as any client would; only a real image or video will do. */
    private void fetch(Container container, String url, String type) {
        try {
            HttpResponse<InputStream> response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long size;
            try (InputStream body = response.body()) {
                size = body.transferTo(OutputStream.nullOutputStream());
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            fetches.add(url + " -> " + response.statusCode() + " " + contentType + " " + size);
            boolean right = response.statusCode() == 200 && contentType.startsWith(type.equals("VIDEO") ? "video/" : "image/")
                    && response.headers().firstValueAsLong("Content-Length").orElse(size) == size;
            if (right) {
                container.fetchedType = contentType;
                container.fetchedSize = size;
            } else {
                container.status = "ERROR";
                container.error = type.equals("VIDEO") ? "FAILED_DOWNLOADING_VIDEO" : "UNKNOWN";
            }
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            fetches.add(url + " -> " + e);
            container.status = "ERROR";
            container.error = type.equals("VIDEO") ? "FAILED_DOWNLOADING_VIDEO" : "UNKNOWN";
        }
    }

    private void read(HttpExchange exchange, String id) throws IOException {
        Container container = containers.get(id);
        if (container != null) {
            if ("IN_PROGRESS".equals(container.status) && container.polls.incrementAndGet() > container.pollsUntilFinished) {
                container.status = "FINISHED";
            }
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + container.status + "\""
                    + (container.error == null ? "" : ",\"error_message\":\"" + container.error + "\"") + "}");
            return;
        }
        for (Thread t : threads) {
            if (t.id().equals(id)) {
                respond(exchange, 200, "{\"id\":\"" + id + "\",\"permalink\":\"" + t.permalink() + "\"}");
                return;
            }
        }
        error(exchange, 400, 100, "OAuthException", "Unsupported get request: object " + id + " does not exist");
    }

    private void publish(HttpExchange exchange, String user, String creationId) throws IOException {
        Container container = creationId == null ? null : containers.get(creationId);
        if (!USER_ID.equals(user) || container == null) {
            error(exchange, 400, 100, "OAuthException", "Invalid parameter: creation_id");
            return;
        }
        boolean reply = container.form.get("reply_to_id") != null;
        if (!reply && threads.stream().filter(t -> t.replyTo() == null).count() >= quotaTotal) {
            error(exchange, 400, 4, "OAuthException", "Application request limit reached");
            return;
        }
        synchronized (container) {
            if (!"FINISHED".equals(container.status)) {
                error(exchange, 400, 100, "OAuthException", "Invalid parameter: the container is " + container.status + ", not FINISHED");
                return;
            }
            container.status = "PUBLISHED";
        }
        String id = String.valueOf(ids.incrementAndGet());
        threads.add(new Thread(id, container.id, container.form.get("text"), container.form.get("media_type"),
                container.form.get("reply_to_id"), "https://www.threads.net/@ada/post/" + id));
        if (dropAfterPublish.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The thread exists, but the answer is lost: closing before any response drops the connection.
            return;
        }
        Stall stall = answerAfterPublish;
        if (stall != null && stall.take()) {
            stall.hold();
        }
        respond(exchange, 200, "{\"id\":\"" + id + "\"}");
    }

    private void list(HttpExchange exchange, List<Thread> found) throws IOException {
        List<Thread> recent = new ArrayList<>(found);
        java.util.Collections.reverse(recent);
        respond(exchange, 200, "{\"data\":[" + recent.stream().limit(25).map(t -> "{\"id\":\"" + t.id() + "\",\"text\":"
                + (t.text() == null ? "null" : quote(t.text())) + ",\"permalink\":\"" + t.permalink() + "\"}")
                .collect(Collectors.joining(",")) + "]}");
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    private static void error(HttpExchange exchange, int status, int code, String type, String message) throws IOException {
        respond(exchange, status, "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + type + "\",\"code\":" + code
                + ",\"is_transient\":false,\"fbtrace_id\":\"AbCdEf\"}}");
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
