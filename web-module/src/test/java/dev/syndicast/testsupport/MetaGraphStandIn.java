package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * A strict local Meta Graph API for the Instagram and Facebook Pages publishing tests, one per test run like
 * {@link ThreadsStandIn}: {@code /instagram/v25.0/...} stands in for graph.instagram.com (Instagram Login) and
 * {@code /facebook/v25.0/...} for graph.facebook.com and graph-video.facebook.com. Every call must carry a live token
 * of {@link PlatformStub} (Instagram user tokens; Facebook Page tokens from {@code /me/accounts}), unexpired by the stub's
 * clock; {@code /instagram/access_token} and {@code /instagram/refresh_access_token} are graph.instagram.com's long-lived
 * token endpoints ({@code ig_exchange_token}, {@code ig_refresh_token}, rules in {@link PlatformStub#exchangeForLongLived}).
 * Like Meta, it fetches the media URLs it is given itself, over HTTP. Each rule names its page:
 * <ul>
 *   <li>developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media: {@code POST
 *   /{ig-user-id}/media} makes a container: an image ({@code image_url}, no media_type), a reel ({@code media_type=REELS},
 *   {@code video_url}), a carousel item ({@code is_carousel_item=true}, an image or {@code media_type=VIDEO}; no caption)
 *   or a carousel ({@code media_type=CAROUSEL}, 2-10 finished items as {@code children}); {@code collaborators} up to 3;
 *   a caption of at most 2,200 characters (error-codes: 36004/2207010).</li>
 *   <li>.../reference/ig-container: {@code GET /{container-id}?fields=status_code,status} is IN_PROGRESS while media
 *   is processed, then FINISHED, PUBLISHED once used, EXPIRED or ERROR (status names the subcode).</li>
 *   <li>.../reference/ig-user/content_publishing_limit: {@code quota_usage} against {@code config.quota_total};
 *   .../reference/ig-user/media_publish publishes a FINISHED container once; over the quota it answers 9/2207042, an
 *   unfinished container 9007/2207027, an expired one -2/2207020 (.../reference/error-codes).</li>
 *   <li>developers.facebook.com/docs/pages-api/posts: {@code POST /{page-id}/feed} (message, link, attached_media of
 *   unpublished photos), {@code POST /{page-id}/photos} (url; published=false keeps it unpublished),
 *   {@code GET /{page-id}/published_posts}.</li>
 *   <li>developers.facebook.com/docs/graph-api/guides/upload: {@code POST /{app-id}/uploads} (file_name, file_length,
 *   file_type) opens a session {@code upload:<id>}; {@code POST /upload:<id>} with {@code Authorization: OAuth} and a
 *   {@code file_offset} header equal to what the session has takes the bytes, answering {@code {"h":…}} once complete;
 *   {@code GET /upload:<id>} answers the {@code file_offset}.</li>
 *   <li>developers.facebook.com/docs/video-api/guides/publishing: {@code POST /{page-id}/videos} with
 *   {@code fbuploader_video_file_chunk} (a complete upload's handle), title, description; {@code GET /{video-id}?fields=status}
 *   reports {@code video_status} processing, then ready (or error).</li>
 *   <li>developers.facebook.com/docs/graph-api/guides/error-handling and /overview/rate-limiting: errors are
 *   {@code {"error":{...}}} bodies; an invalid token is code 190; throttling is code 4 with {@code X-App-Usage} or
 *   code 32 with {@code X-Business-Use-Case-Usage}.</li>
 * </ul>
 * Faults: 5xx answers, throttling, a stall before answering, a dropped connection after a post or publish was made, an
 * upload transfer dropped after some bytes, a container that fails processing or expires, a video that fails
 * processing, revoked tokens, a used-up Instagram quota; for crash tests, calls held until the test releases them
 * ({@link #stallTransferAfter}: an upload transfer midway; {@link #stallAnswerAfterPublish}: the media published, its
 * answer held) and {@link #finishProcessing}.
 */
public final class MetaGraphStandIn {

    public static final String IG_USER_ID = "17841400008460056";
    public static final String VERSION = "v25.0";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static MetaGraphStandIn instance;

    /** An Instagram container: its form, and how far Instagram got. */
    public static final class Container {
        public final String id;
        public final Map<String, String> form;
        public volatile String status = "IN_PROGRESS";
        public volatile String error;
        public volatile int pollsUntilFinished;
        public final AtomicInteger polls = new AtomicInteger();
        public volatile String fetchedType;
        public volatile long fetchedSize = -1;

        Container(String id, Map<String, String> form) {
            this.id = id;
            this.form = form;
        }
    }

    /** A published Instagram media or Facebook post (or video). */
    public record Post(String id, String owner, String kind, String text, String containerId, List<String> media, String permalink,
                       Instant created) {
    }

    /** A resumable upload session. */
    public static final class Upload {
        public final String id;
        public final long length;
        public final String type;
        public final ByteArrayOutputStream received = new ByteArrayOutputStream();
        public volatile String handle;
        public final AtomicInteger transfers = new AtomicInteger();

        Upload(String id, long length, String type) {
            this.id = id;
            this.length = length;
            this.type = type;
        }
    }

    /** A Facebook video, processed over some polls. */
    public static final class Video {
        public final String id;
        public final Map<String, String> form;
        public final long size;
        public volatile int pollsUntilReady;
        public volatile boolean fails;
        public final AtomicInteger polls = new AtomicInteger();

        Video(String id, Map<String, String> form, long size) {
            this.id = id;
            this.form = form;
            this.size = size;
        }
    }

    private final HttpServer server;
    private final HttpClient fetcher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong ids = new AtomicLong(17_900_000_000_000_000L);
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, String> unpublishedPhotos = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger containerErrors = new AtomicInteger();
    private final AtomicInteger containerExpiries = new AtomicInteger();
    private volatile String containerErrorStatus = "Error: Media upload has failed with error code 2207053";
    private volatile long dropUploadAfter = -1;
    private volatile long stallMillis;
    private volatile boolean revoked;
    private volatile int quotaTotal = 100;
    private volatile int videoPolls;
    private volatile Stall transferStall;
    private volatile long transferStallAt = -1;
    private volatile Stall publishStall;

    private MetaGraphStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/instagram/" + VERSION + "/", exchange -> handle(exchange, "instagram"));
        server.createContext("/facebook/" + VERSION + "/", exchange -> handle(exchange, "facebook"));
        // graph.instagram.com/access_token and /refresh_access_token (documentation/instagram-platform/reference/access_token,
        // /refresh_access_token): the rules and the tokens are PlatformStub's, which issued the login's token.
        server.createContext("/instagram/access_token", exchange -> token(exchange, PlatformStub.instance()::exchangeForLongLived));
        server.createContext("/instagram/refresh_access_token", exchange -> token(exchange, PlatformStub.instance()::refreshLongLived));
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized MetaGraphStandIn instance() {
        if (instance == null) {
            instance = new MetaGraphStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Instagram's long-lived token endpoints, answered from {@link PlatformStub}'s tokens. */
    private void token(HttpExchange exchange, TokenEndpoint endpoint) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            PlatformStub.Answer answer = endpoint.answer("instagram", exchange.getRequestMethod(), parse(exchange.getRequestURI().getRawQuery()));
            respond(exchange, answer.status(), answer.body());
        }
    }

    /** {@link PlatformStub#exchangeForLongLived} or {@link PlatformStub#refreshLongLived}. */
    @FunctionalInterface
    interface TokenEndpoint {
        PlatformStub.Answer answer(String platform, String method, Map<String, String> query);
    }

    /** Server settings of the shared server: the API URLs, and short polls and waits. */
    public Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.instagram.api-url", baseUrl() + "/instagram",
                "syndicast.platforms.instagram.oauth.exchange-url", baseUrl() + "/instagram/access_token",
                "syndicast.platforms.instagram.oauth.refresh-url", baseUrl() + "/instagram/refresh_access_token",
                "syndicast.platforms.instagram.processing-poll", "PT1S",
                "syndicast.platforms.instagram.quota-wait", "PT2S",
                "syndicast.platforms.facebook.api-url", baseUrl() + "/facebook",
                "syndicast.platforms.facebook.video-url", baseUrl() + "/facebook",
                "syndicast.platforms.facebook.processing-poll", "PT1S");
    }

    // ---- switches -------------------------------------------------------------------------------------------------

    public void videoPolls(int n) { videoPolls = n; }
    public void quotaTotal(int total) { quotaTotal = total; }
    public void revoke(boolean on) { revoked = on; }
    /** The next {@code n} calls answer 500 without doing anything. */
    public void serverErrors(int n) { serverErrors.set(n); }
    /** The next {@code n} calls are throttled (code 4 with X-App-Usage on Instagram, code 32 with X-Business-Use-Case-Usage on Facebook). */
    public void throttle(int n) { throttles.set(n); }
    /** The next publish, feed, photo or video call is carried out, but its connection is dropped before the answer. */
    public void dropAfterCreateNext() { dropAfterCreate.set(1); }
    /** The next container fails processing, its status naming {@code status} (e.g. a 2207xxx subcode). */
    public void failNextContainer(String status) { containerErrorStatus = status; containerErrors.set(1); }
    /** The next container expires before it is published. */
    public void expireNextContainer() { containerExpiries.set(1); }
    /** The next upload transfer is dropped once the session holds {@code bytes} bytes. */
    public void dropUploadAfter(long bytes) { dropUploadAfter = bytes; }
    /** Every answer waits this long first (past the client's timeout: a stall). */
    public void stall(long millis) { stallMillis = millis; }

    /**
     * Crash tests: the next upload transfer keeps the first {@code bytes} bytes it brings, is held until the stall is
     * released, and is then dropped (the session keeps what arrived, as with {@link #dropUploadAfter}).
     */
    public Stall stallTransferAfter(long bytes) {
        Stall stall = new Stall("Facebook upload transfer at byte " + bytes);
        transferStallAt = bytes;
        transferStall = stall;
        return stall;
    }

    /** Crash tests: the next media_publish publishes the container, and its answer is held until the stall is released. */
    public Stall stallAnswerAfterPublish() {
        Stall stall = new Stall("Instagram media_publish answer");
        publishStall = stall;
        return stall;
    }

    /** Crash tests: every container and video still processing is done at its next poll, and later ones at once. */
    public void finishProcessing() {
        videoPolls = 0;
        containers.values().forEach(c -> c.pollsUntilFinished = 0);
        videos.values().forEach(v -> v.pollsUntilReady = 0);
    }

    public List<Upload> uploads() { return List.copyOf(uploads.values()); }
    public List<Post> posts() { return List.copyOf(posts); }
    /** Instagram media published through the API in the last 24 hours (what content_publishing_limit counts). */
    public long instagramPostsToday() { return recentInstagramPosts(); }
    public List<Container> containers() { return List.copyOf(containers.values()); }
    public List<String> requests() { return List.copyOf(requests); }
    public List<String> fetches() { return List.copyOf(fetches); }
    public Container container(String id) { return containers.get(id); }
    public Upload upload(String id) { return uploads.get(id); }
    public Video video(String id) { return videos.get(id); }

    // ---- dispatch -------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange, String api) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring(("/" + api + "/" + VERSION + "/").length());
            Map<String, String> params = new LinkedHashMap<>(parse(exchange.getRequestURI().getRawQuery()));
            boolean transfer = "POST".equals(method) && path.startsWith("upload:");
            if ("POST".equals(method) && !transfer) {
                params.putAll(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            requests.add(method + " /" + api + "/" + path);
            if (stallMillis > 0) {
                sleep(stallMillis);
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization == null ? params.get("access_token")
                    : authorization.replaceFirst("^(Bearer|OAuth) ", "");
            if (revoked || !PlatformStub.instance().accepts(api, token)) {
                // docs/graph-api/guides/error-handling: 190, with subcode 463 when the token expired.
                error(exchange, 400, 190, PlatformStub.instance().expired(token) ? 463 : 0, revoked
                        ? "Error validating access token: The session has been invalidated" : PlatformStub.instance().refusalOf(token));
                return;
            }
            if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 500, 2, 0, "An unexpected error has occurred. Please retry your request later.");
                return;
            }
            if (throttles.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throttled(exchange, api);
                return;
            }
            String[] parts = path.split("/");
            if (api.equals("instagram")) {
                instagram(exchange, method, parts, params);
            } else {
                facebook(exchange, method, path, parts, params, token);
            }
        }
    }

    /** developers.facebook.com/docs/graph-api/overview/rate-limiting: usage headers beside the throttling error. */
    private static void throttled(HttpExchange exchange, String api) throws IOException {
        if (api.equals("instagram")) {
            exchange.getResponseHeaders().add("X-App-Usage", "{\"call_count\":100,\"total_cputime\":12,\"total_time\":14}");
            error(exchange, 400, 4, 0, "(#4) Application request limit reached");
        } else {
            exchange.getResponseHeaders().add("X-Business-Use-Case-Usage", "{\"page-1\":[{\"type\":\"pages\",\"call_count\":100,"
                    + "\"total_cputime\":9,\"total_time\":9,\"estimated_time_to_regain_access\":0}]}");
            exchange.getResponseHeaders().add("Retry-After", "2");
            error(exchange, 400, 32, 0, "(#32) Page request limit reached");
        }
    }

    // ---- Instagram --------------------------------------------------------------------------------------------------

    private void instagram(HttpExchange exchange, String method, String[] parts, Map<String, String> params) throws IOException {
        if (parts.length == 2 && !IG_USER_ID.equals(parts[0])) {
            error(exchange, 400, 100, 33, "Unsupported request: object " + parts[0] + " does not exist");
        } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("media")) {
            createContainer(exchange, params);
        } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("media_publish")) {
            publish(exchange, params.get("creation_id"));
        } else if ("GET".equals(method) && parts.length == 2 && parts[1].equals("content_publishing_limit")) {
            respond(exchange, 200, "{\"data\":[{\"quota_usage\":" + recentInstagramPosts() + ",\"config\":{\"quota_total\":"
                    + quotaTotal + ",\"quota_duration\":86400}}]}");
        } else if ("GET".equals(method) && parts.length == 2 && parts[1].equals("media")) {
            respond(exchange, 200, list(owned(IG_USER_ID), p -> "{\"id\":\"" + p.id() + "\",\"caption\":" + quote(p.text())
                    + ",\"permalink\":\"" + p.permalink() + "\",\"timestamp\":\"" + TIME.format(p.created()) + "\"}"));
        } else if ("GET".equals(method) && parts.length == 1 && containers.containsKey(parts[0])) {
            Container c = containers.get(parts[0]);
            if ("IN_PROGRESS".equals(c.status) && c.polls.incrementAndGet() > c.pollsUntilFinished) {
                c.status = "FINISHED";
            }
            respond(exchange, 200, "{\"id\":\"" + c.id + "\",\"status_code\":\"" + c.status + "\",\"status\":"
                    + quote(c.error == null ? c.status : c.error) + "}");
        } else if ("GET".equals(method) && parts.length == 1 && find(parts[0]) != null) {
            respond(exchange, 200, "{\"id\":\"" + parts[0] + "\",\"permalink\":\"" + find(parts[0]).permalink() + "\"}");
        } else {
            error(exchange, 400, 100, 0, "Unsupported request: " + method + " " + String.join("/", parts));
        }
    }

    private long recentInstagramPosts() {
        Instant dayAgo = Instant.now().minus(Duration.ofHours(24));
        return posts.stream().filter(p -> IG_USER_ID.equals(p.owner()) && p.created().isAfter(dayAgo)).count();
    }

    private void createContainer(HttpExchange exchange, Map<String, String> form) throws IOException {
        String type = form.getOrDefault("media_type", "");
        boolean item = "true".equals(form.get("is_carousel_item"));
        String caption = form.get("caption");
        if (caption != null && caption.codePointCount(0, caption.length()) > 2200) {
            error(exchange, 400, 36004, 2207010, "The caption is too long.");
            return;
        }
        if (item && caption != null) {
            error(exchange, 400, 100, 0, "Invalid parameter: carousel items take no caption");
            return;
        }
        if (form.containsKey("collaborators") && form.get("collaborators").split(",").length > 3) {
            error(exchange, 400, 100, 0, "Invalid parameter: at most 3 collaborators");
            return;
        }
        String url;
        String kind;
        switch (type) {
            case "" -> { url = form.get("image_url"); kind = "image"; }
            case "VIDEO" -> { url = item ? form.get("video_url") : null; kind = "video"; }
            case "REELS" -> { url = item ? null : form.get("video_url"); kind = "video"; }
            case "CAROUSEL" -> { url = null; kind = "carousel"; }
            default -> {
                error(exchange, 400, 100, 2207023, "The media type " + type + " is unknown.");
                return;
            }
        }
        if (kind.equals("carousel")) {
            List<String> children = Arrays.asList(form.getOrDefault("children", "").split(","));
            if (item || children.size() < 2 || children.size() > 10 || !children.stream().allMatch(c -> containers.containsKey(c)
                    && "true".equals(containers.get(c).form.get("is_carousel_item")) && "FINISHED".equals(containers.get(c).status))) {
                error(exchange, 400, 100, 2207028, "Carousel validation failed: 2 to 10 finished carousel items");
                return;
            }
        } else if (url == null) {
            error(exchange, 400, 100, 0, "Invalid parameter: media_type " + type + " needs " + (kind.equals("image") ? "image_url" : "video_url"));
            return;
        }
        if (kind.equals("video") && !item && form.containsKey("alt_text")) {
            error(exchange, 400, 100, 0, "Invalid parameter: alt_text is for images");
            return;
        }
        Container container = new Container(String.valueOf(ids.incrementAndGet()), Map.copyOf(form));
        container.pollsUntilFinished = kind.equals("video") ? videoPolls : 0;
        if (url != null) {
            fetch(container, url, kind);
        }
        if (containerErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            container.status = "ERROR";
            container.error = containerErrorStatus;
        } else if (containerExpiries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            container.status = "EXPIRED";
        }
        containers.put(container.id, container);
        respond(exchange, 200, "{\"id\":\"" + container.id + "\"}");
    }

    /** Meta cURLs the media (content-publishing); only JPEG images and MP4/MOV videos will do. */
    private void fetch(Container container, String url, String kind) {
        Fetched fetched = fetch(url);
        boolean right = fetched.status == 200 && (kind.equals("video")
                ? fetched.type.equals("video/mp4") || fetched.type.equals("video/quicktime") : fetched.type.equals("image/jpeg"));
        if (right) {
            container.fetchedType = fetched.type;
            container.fetchedSize = fetched.size;
        } else {
            container.status = "ERROR";
            container.error = "Error: Media upload has failed with error code " + (fetched.status != 200 ? 2207052
                    : kind.equals("video") ? 2207026 : 2207005);
        }
    }

    private record Fetched(int status, String type, long size) {
    }

    private Fetched fetch(String url) {
        try {
            HttpResponse<InputStream> response = fetcher.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long size;
            try (InputStream body = response.body()) {
                size = body.transferTo(OutputStream.nullOutputStream());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            fetches.add(url + " -> " + response.statusCode() + " " + type + " " + size);
            return new Fetched(response.statusCode(), type, size);
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            fetches.add(url + " -> " + e);
            return new Fetched(0, "", -1);
        }
    }

    private void publish(HttpExchange exchange, String creationId) throws IOException {
        Container container = creationId == null ? null : containers.get(creationId);
        if (container == null || "true".equals(container.form.get("is_carousel_item"))) {
            error(exchange, 400, 100, 0, "Invalid parameter: creation_id");
            return;
        }
        if (recentInstagramPosts() >= quotaTotal) {
            error(exchange, 400, 9, 2207042, "You reached maximum number of posts that is allowed to be published by Content Publishing API.");
            return;
        }
        Post post;
        synchronized (container) {
            switch (container.status) {
                case "FINISHED" -> { }
                case "EXPIRED" -> {
                    error(exchange, 400, -2, 2207020, "The media you are trying to access has expired. Please try to upload again.");
                    return;
                }
                case "PUBLISHED" -> {
                    error(exchange, 400, 100, 0, "Invalid parameter: the container is already published");
                    return;
                }
                default -> {
                    error(exchange, 400, 9007, 2207027, "The media is not ready for publishing, please wait for a moment");
                    return;
                }
            }
            container.status = "PUBLISHED";
            String id = String.valueOf(ids.incrementAndGet());
            String kind = container.form.getOrDefault("media_type", "IMAGE");
            post = new Post(id, IG_USER_ID, kind.isEmpty() ? "IMAGE" : kind, container.form.get("caption"), container.id,
                    kind.equals("CAROUSEL") ? List.of(container.form.get("children").split(",")) : List.of(),
                    "https://www.instagram.com/p/" + Long.toString(Long.parseLong(id) % 1_000_000_000L, 36) + "/", Instant.now());
            posts.add(post);
        }
        Stall held = publishStall;
        if (held != null && held.take()) {
            held.hold();
        }
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // the media exists, but the answer is lost
        }
        respond(exchange, 200, "{\"id\":\"" + post.id() + "\"}");
    }

    // ---- Facebook ---------------------------------------------------------------------------------------------------

    private void facebook(HttpExchange exchange, String method, String path, String[] parts, Map<String, String> params, String token)
            throws IOException {
        if (path.startsWith("upload:")) {
            Upload upload = uploads.get(path);
            if (upload == null) {
                error(exchange, 400, 100, 0, "Invalid upload session " + path);
            } else if (!exchange.getRequestHeaders().getFirst("Authorization").startsWith("OAuth ")) {
                error(exchange, 400, 190, 0, "The Resumable Upload API takes Authorization: OAuth <token>");
            } else if ("GET".equals(method)) {
                respond(exchange, 200, "{\"id\":\"" + upload.id + "\",\"file_offset\":" + upload.received.size() + "}");
            } else {
                transfer(exchange, upload);
            }
            return;
        }
        boolean page = parts.length == 2 && parts[0].startsWith("page-");
        if ("POST".equals(method) && parts.length == 2 && parts[1].equals("uploads")) {
            openUpload(exchange, parts[0], params);
        } else if (page && "POST".equals(method) && parts[1].equals("feed")) {
            feed(exchange, parts[0], params);
        } else if (page && "POST".equals(method) && parts[1].equals("photos")) {
            photo(exchange, parts[0], params);
        } else if (page && "POST".equals(method) && parts[1].equals("videos")) {
            publishVideo(exchange, parts[0], params);
        } else if (page && "GET".equals(method) && parts[1].equals("published_posts")) {
            respond(exchange, 200, list(owned(parts[0]).stream().filter(p -> !p.kind().equals("video")).toList(), p -> "{\"id\":\""
                    + p.id() + "\",\"message\":" + quote(p.text()) + ",\"permalink_url\":\"" + p.permalink()
                    + "\",\"created_time\":\"" + TIME.format(p.created()) + "\"}"));
        } else if (page && "GET".equals(method) && parts[1].equals("videos")) {
            respond(exchange, 200, list(owned(parts[0]).stream().filter(p -> p.kind().equals("video")).toList(), p -> "{\"id\":\""
                    + p.id() + "\",\"description\":" + quote(p.text()) + ",\"title\":" + quote(videos.get(p.id()).form.get("title"))
                    + ",\"permalink_url\":\"" + p.permalink() + "\",\"created_time\":\"" + TIME.format(p.created()) + "\"}"));
        } else if ("GET".equals(method) && parts.length == 1 && videos.containsKey(parts[0])) {
            Video video = videos.get(parts[0]);
            int polls = video.polls.incrementAndGet();
            String status = video.fails ? "error" : polls > video.pollsUntilReady ? "ready" : "processing";
            String phase = switch (status) {
                case "ready" -> "{\"status\":\"complete\"}";
                case "error" -> "{\"status\":\"error\",\"errors\":[{\"code\":1363008,\"message\":\"The video could not be processed\"}]}";
                default -> "{\"status\":\"in_progress\"}";
            };
            respond(exchange, 200, "{\"id\":\"" + video.id + "\",\"permalink_url\":\"/" + find(video.id).owner() + "/videos/" + video.id
                    + "/\",\"status\":{\"video_status\":\"" + status + "\",\"processing_phase\":" + phase + "}}");
        } else if ("GET".equals(method) && parts.length == 1 && find(parts[0]) != null) {
            respond(exchange, 200, "{\"id\":\"" + parts[0] + "\",\"permalink_url\":\"" + find(parts[0]).permalink() + "\"}");
        } else {
            error(exchange, 400, 100, 0, "Unsupported request: " + method + " " + path);
        }
    }

    private void feed(HttpExchange exchange, String page, Map<String, String> form) throws IOException {
        List<String> attached = new ArrayList<>();
        for (int i = 0; form.containsKey("attached_media[" + i + "]"); i++) {
            String id = form.get("attached_media[" + i + "]").replaceAll(".*\"media_fbid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            if (!page.equals(unpublishedPhotos.get(id))) {
                error(exchange, 400, 100, 0, "Invalid parameter: attached_media " + id + " is not an unpublished photo of this Page");
                return;
            }
            attached.add(id);
        }
        if (form.get("message") == null && form.get("link") == null && attached.isEmpty()) {
            error(exchange, 400, 100, 0, "Invalid parameter: a post needs message, link or attached_media");
            return;
        }
        if (form.get("link") != null && !attached.isEmpty()) {
            error(exchange, 400, 100, 0, "Invalid parameter: link and attached_media cannot be combined");
            return;
        }
        attached.forEach(unpublishedPhotos::remove);
        created(exchange, new Post(page + "_" + ids.incrementAndGet(), page, attached.isEmpty() ? "status" : "photos",
                form.get("message"), form.get("link"), attached, null, Instant.now()), null);
    }

    private void photo(HttpExchange exchange, String page, Map<String, String> form) throws IOException {
        String url = form.get("url");
        if (url == null) {
            error(exchange, 400, 324, 0, "Requires upload file");
            return;
        }
        Fetched fetched = fetch(url);
        if (fetched.status != 200 || !fetched.type.startsWith("image/")) {
            error(exchange, 400, 324, 0, "Missing or invalid image file");
            return;
        }
        String photoId = String.valueOf(ids.incrementAndGet());
        if ("false".equals(form.get("published"))) {
            unpublishedPhotos.put(photoId, page);
            respond(exchange, 200, "{\"id\":\"" + photoId + "\"}");
            return;
        }
        created(exchange, new Post(page + "_" + ids.incrementAndGet(), page, "photo", form.get("message"), null, List.of(photoId), null,
                Instant.now()), photoId);
    }

    /** A visible post is made; its answer may be lost on purpose. */
    private void created(HttpExchange exchange, Post post, String photoId) throws IOException {
        Post stored = new Post(post.id(), post.owner(), post.kind(), post.text(), post.containerId(), post.media(),
                "https://www.facebook.com/" + post.id().replace('_', '/').replaceFirst("/", "/posts/"), post.created());
        posts.add(stored);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        respond(exchange, 200, photoId == null ? "{\"id\":\"" + post.id() + "\"}" : "{\"id\":\"" + photoId + "\",\"post_id\":\"" + post.id() + "\"}");
    }

    private void openUpload(HttpExchange exchange, String app, Map<String, String> form) throws IOException {
        if (!PlatformStub.FACEBOOK_CLIENT.equals(app)) {
            error(exchange, 400, 100, 0, "Invalid app id " + app);
            return;
        }
        String length = form.getOrDefault("file_length", "");
        String type = form.getOrDefault("file_type", "");
        if (!length.matches("\\d+") || Long.parseLong(length) <= 0 || form.get("file_name") == null
                || !List.of("application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4").contains(type)) {
            error(exchange, 400, 100, 0, "Invalid parameter: file_name, file_length and file_type (pdf, jpeg, jpg, png, mp4) are required");
            return;
        }
        Upload upload = new Upload("upload:" + ids.incrementAndGet(), Long.parseLong(length), type);
        uploads.put(upload.id, upload);
        respond(exchange, 200, "{\"id\":\"" + upload.id + "\"}");
    }

    private void transfer(HttpExchange exchange, Upload upload) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("file_offset");
        if (header == null || !header.matches("\\d+") || Long.parseLong(header) != upload.received.size()) {
            error(exchange, 400, 100, 0, "Invalid file_offset " + header + "; the session has " + upload.received.size() + " bytes");
            return;
        }
        upload.transfers.incrementAndGet();
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        int n;
        Stall held = transferStall;
        boolean stall = held != null && held.take();
        while ((n = in.read(buffer)) > 0) {
            if (stall) {
                int keep = (int) Math.min(n, Math.max(0, transferStallAt - upload.received.size()));
                synchronized (upload) {
                    upload.received.write(buffer, 0, keep);
                }
                if (upload.received.size() >= transferStallAt) {
                    held.hold();
                    return; // the connection is dropped: the session keeps what arrived before the hold
                }
                continue;
            }
            long drop = dropUploadAfter;
            int keep = drop >= 0 ? (int) Math.min(n, Math.max(0, drop - upload.received.size())) : n;
            synchronized (upload) {
                upload.received.write(buffer, 0, keep);
            }
            if (drop >= 0 && upload.received.size() >= drop) {
                dropUploadAfter = -1;
                return; // the connection is dropped: the session keeps what arrived
            }
        }
        if (upload.received.size() != upload.length) {
            respond(exchange, 200, "{\"id\":\"" + upload.id + "\",\"file_offset\":" + upload.received.size() + "}");
            return;
        }
        upload.handle = "4::" + upload.id.substring("upload:".length()) + ":handle";
        respond(exchange, 200, "{\"h\":\"" + upload.handle + "\"}");
    }

    private void publishVideo(HttpExchange exchange, String page, Map<String, String> form) throws IOException {
        String handle = form.get("fbuploader_video_file_chunk");
        Upload upload = uploads.values().stream().filter(u -> u.handle != null && u.handle.equals(handle)).findFirst().orElse(null);
        if (upload == null || !upload.type.startsWith("video/")) {
            error(exchange, 400, 100, 0, "Invalid parameter: fbuploader_video_file_chunk is not a complete video upload");
            return;
        }
        Video video = new Video(String.valueOf(ids.incrementAndGet()), Map.copyOf(form), upload.length);
        video.pollsUntilReady = videoPolls;
        video.fails = failVideo;
        failVideo = false;
        videos.put(video.id, video);
        posts.add(new Post(video.id, page, "video", form.get("description"), upload.id, List.of(), "https://www.facebook.com/"
                + page + "/videos/" + video.id + "/", Instant.now()));
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        respond(exchange, 200, "{\"id\":\"" + video.id + "\"}");
    }

    /** The next video posted fails processing. */
    public void failNextVideo() {
        failVideo = true;
    }

    private volatile boolean failVideo;

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private Post find(String id) {
        return posts.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    private List<Post> owned(String owner) {
        List<Post> mine = new ArrayList<>(posts.stream().filter(p -> owner.equals(p.owner())).toList());
        Collections.reverse(mine);
        return mine;
    }

    private static String list(List<Post> items, java.util.function.Function<Post, String> json) {
        return "{\"data\":[" + items.stream().limit(25).map(json).collect(Collectors.joining(",")) + "]}";
    }

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
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange exchange, int status, int code, int subcode, String message) throws IOException {
        respond(exchange, status, "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == 0 ? "" : ",\"error_subcode\":" + subcode + ",\"error_user_msg\":" + quote(message))
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
