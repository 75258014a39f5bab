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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A strict local Reddit OAuth API (oauth.reddit.com) for the publishing tests, one per test run. Access tokens are the
 * ones {@link PlatformStub} issued for {@code reddit}; anything else is a 401. Each rule names its source:
 * <ul>
 *   <li>github.com/reddit-archive/reddit/wiki/API (API rules): a client must send a descriptive User-Agent,
 *   {@code <platform>:<app ID>:<version string> (by /u/<reddit username>)}; default agents ("Java-http-client",
 *   "Python-urllib") are drastically limited: here refused with a 429. Every answer carries
 *   {@code X-Ratelimit-Used}, {@code X-Ratelimit-Remaining} and {@code X-Ratelimit-Reset} (seconds to the end of the
 *   period).</li>
 *   <li>www.reddit.com/dev/api#POST_api_submit: {@code POST /api/submit} is a form ({@code api_type=json}, {@code sr},
 *   {@code kind} self/link/image/video, {@code title} of 1 to 300 characters, {@code text} of a self post up to 40,000,
 *   {@code url}, {@code flair_id}, {@code flair_text}, {@code nsfw}, {@code spoiler}). Refusals come in a 200:
 *   {@code {"json":{"errors":[[code, message, field]]}}}: SUBREDDIT_NOEXIST, NO_SELFS (a subreddit without text posts),
 *   NO_TEXT / TOO_LONG (title), BAD_URL, RATELIMIT ("you are doing that too much. try again in N seconds."). A text or
 *   link post answers {@code {"json":{"errors":[],"data":{"url","drafts_count","id","name"}}}}.</li>
 *   <li>Media posts (the media asset lease as PRAW uses it, praw/models/reddit/subreddit.py {@code _upload_media},
 *   {@code submit_image}, {@code submit_video}): {@code POST /api/media/asset.json} ({@code filepath},
 *   {@code mimetype}) answers {@code {"args":{"action":"//host/path","fields":[{"name","value"}]},"asset":{...}}};
 *   the file is POSTed to the action as multipart/form-data with every field, the file last, and answers 201 with
 *   S3's XML. {@code kind=image} / {@code video} submit {@code url} (the action URL plus the lease's key) of an
 *   uploaded asset; a video needs {@code video_poster_url}, an uploaded image. Such a submit answers only
 *   {@code {"json":{"errors":[],"data":{"user_submitted_page","websocket_url"}}}}; the post appears in the listing
 *   once processed (after a switchable number of listing reads).</li>
 *   <li>Galleries (not in Reddit's published reference; the form Reddit's own clients use, praw
 *   {@code Subreddit.submit_gallery} and {@code _upload_media(upload_type="gallery")}, with the limits Reddit announced
 *   them with, www.reddit.com/r/modnews/comments/hisodw "Image Gallery support is coming soon": "we will only allow 20
 *   images per Image Gallery", each with "an optional caption (180 character max) and/or a URL link"): every image
 *   goes up through its own media asset lease, and the lease's {@code asset.asset_id} is the gallery item's
 *   {@code media_id}. {@code POST /api/submit_gallery_post.json} takes a JSON body (praw sends {@code json=data}):
 *   {@code api_type=json}, {@code sr}, {@code title}, optional {@code text}, {@code items} of {@code media_id} (an
 *   uploaded image), {@code caption} and {@code outbound_url}, {@code nsfw}, {@code spoiler}, {@code sendreplies},
 *   {@code flair_id}, {@code flair_text}; refusals come in a 200 like the submit's, and a made gallery answers
 *   {@code {"json":{"errors":[],"data":{"url","id"}}}} with the post's fullname as {@code id} (praw reads
 *   {@code data.url}). A gallery is listed at once, with {@code is_gallery} and {@code gallery_data.items}.</li>
 *   <li>www.reddit.com/dev/api#GET_api_v1_me and #GET_user_{username}_submitted: the account, and its submissions as a
 *   Listing of {@code t3} things, newest first ({@code limit} at most 100).</li>
 *   <li>www.reddit.com/dev/api#POST_api_del: removes the author's post.</li>
 * </ul>
 * Faults (on a submit and a gallery submit alike): RATELIMIT in the next submits' bodies, a 5xx, a 429 with reset
 * headers, a stall before answering, a connection dropped after the post was created.
 */
public final class RedditStandIn {

    /** Subreddits that exist; {@code noselfs} takes no text posts. */
    public static final Set<String> SUBREDDITS = Set.of("syndicast_test", "noselfs");
    private static final Pattern AGENT = Pattern.compile("[^:\\s]+:[^:\\s]+:[^\\s]+ \\(by /u/[A-Za-z0-9_-]{3,20}\\)");
    private static RedditStandIn instance;

    /** A submission as Reddit keeps it; a gallery's items are its images' asset ids and captions, in order. */
    public record Post(String id, String subreddit, String kind, String title, String text, String url, String posterUrl,
                       String flairId, boolean nsfw, boolean spoiler, String userAgent, Instant created, List<String> mediaIds,
                       List<String> captions) {
        public String name() {
            return "t3_" + id;
        }
    }

    /** The most images a gallery holds, and the longest caption (Reddit's gallery announcement). */
    static final int GALLERY_IMAGES = 20;
    static final int CAPTION = 180;

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(Long.parseLong("1a0000", 36));
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> listingReadsLeft = new ConcurrentHashMap<>();
    private final Map<String, String> assets = new ConcurrentHashMap<>();
    /** Uploaded assets by asset id (a gallery item's media_id) and their type. */
    private final Map<String, String> assetIds = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> leases = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ratelimitNext = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger tooManyNext = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private volatile long ratelimitSeconds = 2;
    private volatile long stallMillis;
    private volatile int processingReads = 1;

    private RedditStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static synchronized RedditStandIn instance() {
        if (instance == null) {
            instance = new RedditStandIn();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Server settings of the shared server: the API URL, a descriptive agent, and short polls. */
    public Map<String, String> serverSettings() {
        return Map.of("syndicast.platforms.reddit.api-url", baseUrl(),
                "syndicast.platforms.reddit.user-agent", "server:dev.syndicast.it:1.0 (by /u/" + PlatformStub.REDDIT_USER + ")",
                "syndicast.platforms.reddit.processing-poll", "PT1S");
    }

    // ---- switches and what happened -------------------------------------------------------------------------------

    /** The next {@code n} submits are refused with RATELIMIT "try again in {@code seconds} seconds" in a 200 body. */
    public void ratelimitNext(int n, long seconds) { ratelimitSeconds = seconds; ratelimitNext.set(n); }
    public void serverErrorNext(int n) { serverErrors.set(n); }
    /** The next {@code n} submits are 429s with X-Ratelimit-Remaining 0 and X-Ratelimit-Reset 1. */
    public void tooManyNext(int n) { tooManyNext.set(n); }
    public void dropAfterCreateNext(int n) { dropAfterCreate.set(n); }
    public void stall(long millis) { stallMillis = millis; }
    /** How many listing reads an image or video post stays invisible (Reddit processing it). */
    public void processingReads(int n) { processingReads = n; }
    public List<Post> posts() { return List.copyOf(posts); }
    public List<String> requests() { return List.copyOf(requests); }

    // ---- the API --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (path.startsWith("/s3/")) {
                upload(exchange, path.substring("/s3/".length()));
                return;
            }
            exchange.getResponseHeaders().add("X-Ratelimit-Used", "1");
            String agent = exchange.getRequestHeaders().getFirst("User-Agent");
            if (agent == null || !AGENT.matcher(agent).matches()) {
                tooMany(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.toLowerCase(java.util.Locale.ROOT).startsWith("bearer ")
                    || !PlatformStub.instance().accepts("reddit", authorization.substring(7))) {
                limits(exchange, 599);
                respond(exchange, 401, "{\"message\": \"Unauthorized\", \"error\": 401}");
                return;
            }
            if ("POST".equals(method) && path.equals("/api/submit_gallery_post.json")) {
                gallery(exchange, agent);
                return;
            }
            Map<String, String> form = "POST".equals(method) ? parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)) : parse(exchange.getRequestURI().getRawQuery());
            if ("POST".equals(method) && path.equals("/api/submit")) {
                submit(exchange, form, agent);
            } else if ("POST".equals(method) && path.equals("/api/media/asset.json")) {
                lease(exchange, form);
            } else if ("GET".equals(method) && path.equals("/api/v1/me")) {
                limits(exchange, 599);
                respond(exchange, 200, "{\"id\":\"" + PlatformStub.REDDIT_USER_ID + "\",\"name\":\"" + PlatformStub.REDDIT_USER + "\"}");
            } else if ("GET".equals(method) && path.equals("/user/" + PlatformStub.REDDIT_USER + "/submitted")) {
                listing(exchange, form);
            } else if ("POST".equals(method) && path.equals("/api/del")) {
                posts.removeIf(p -> p.name().equals(form.get("id")));
                limits(exchange, 599);
                respond(exchange, 200, "{}");
            } else {
                limits(exchange, 599);
                respond(exchange, 404, "{\"message\": \"Not Found\", \"error\": 404}");
            }
        }
    }

    /**
     * What every submit goes through first: the switched faults, the JSON API type, RATELIMIT, the subreddit and the
     * title. False when it already answered.
     */
    private boolean admitted(HttpExchange exchange, String apiType, String sr, String title) throws IOException {
        if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            limits(exchange, 500);
            respond(exchange, 500, "{\"message\": \"Internal Server Error\", \"error\": 500}");
            return false;
        }
        if (tooManyNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            tooMany(exchange);
            return false;
        }
        limits(exchange, 590);
        if (!"json".equals(apiType)) {
            respond(exchange, 200, "{\"jquery\": [[0, 1, \"call\", [\"body\"]]], \"success\": false}");
            return false;
        }
        if (ratelimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            errors(exchange, "RATELIMIT", "you are doing that too much. try again in " + ratelimitSeconds + " seconds.", "ratelimit");
            return false;
        }
        if (!SUBREDDITS.contains(sr)) {
            errors(exchange, "SUBREDDIT_NOEXIST", "that subreddit doesn't exist", "sr");
            return false;
        }
        if (title.isBlank()) {
            errors(exchange, "NO_TEXT", "we need something here", "title");
            return false;
        }
        if (title.codePointCount(0, title.length()) > 300) {
            errors(exchange, "TOO_LONG", "this is too long (max: 300)", "title");
            return false;
        }
        return true;
    }

    private void submit(HttpExchange exchange, Map<String, String> form, String agent) throws IOException {
        String sr = form.getOrDefault("sr", "");
        String kind = form.getOrDefault("kind", "");
        String title = form.getOrDefault("title", "");
        if (!admitted(exchange, form.get("api_type"), sr, title)) {
            return;
        }
        String url = form.get("url");
        String poster = form.get("video_poster_url");
        switch (kind) {
            case "self" -> {
                if (sr.equals("noselfs")) {
                    errors(exchange, "NO_SELFS", "this subreddit doesn't allow text posts", "sr");
                    return;
                }
                if (form.getOrDefault("text", "").length() > 40_000) {
                    errors(exchange, "TOO_LONG", "this is too long (max: 40000)", "text");
                    return;
                }
            }
            case "link" -> {
                if (url == null || !url.matches("https?://\\S+")) {
                    errors(exchange, "BAD_URL", "you should check that url", "url");
                    return;
                }
            }
            case "image", "video" -> {
                String type = url == null ? null : assets.get(url);
                if (type == null || !type.startsWith(kind.equals("image") ? "image/" : "video/")) {
                    errors(exchange, "BAD_URL", "you should check that url", "url");
                    return;
                }
                if (kind.equals("video") && (poster == null || !String.valueOf(assets.get(poster)).startsWith("image/"))) {
                    errors(exchange, "BAD_URL", "a video needs a poster image", "video_poster_url");
                    return;
                }
            }
            default -> {
                errors(exchange, "INVALID_OPTION", "that option is not valid", "kind");
                return;
            }
        }
        String id = Long.toString(ids.incrementAndGet(), 36);
        Post post = new Post(id, sr, kind, title, form.get("text"), url, poster, form.get("flair_id"),
                "true".equals(form.get("nsfw")), "true".equals(form.get("spoiler")), agent, Instant.now(), List.of(), List.of());
        posts.add(post);
        if (kind.equals("image") || kind.equals("video")) {
            listingReadsLeft.put(id, processingReads);
        }
        if (!answering()) {
            return;
        }
        JsonObjectBuilder data = Json.createObjectBuilder();
        if (kind.equals("image") || kind.equals("video")) {
            data.add("user_submitted_page", "https://www.reddit.com/user/" + PlatformStub.REDDIT_USER + "/submitted/")
                    .add("websocket_url", "wss://ws-0a1b2c.wss.redditmedia.com/rte_images/" + id + "?m=AQAA");
        } else {
            data.add("url", permalink(post)).add("drafts_count", 0).add("id", id).add("name", post.name());
        }
        respond(exchange, 200, Json.createObjectBuilder().add("json", Json.createObjectBuilder()
                .add("errors", JsonValue.EMPTY_JSON_ARRAY).add("data", data)).build().toString());
    }

    /** After a post was made: false when its answer is to be lost (the connection dropped); else the switched stall. */
    private boolean answering() {
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // The post exists, but the answer is lost: closing before any response drops the connection.
            return false;
        }
        if (stallMillis > 0) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    /** {@code POST /api/submit_gallery_post.json}: a JSON body, each item an uploaded image; the post answers at once. */
    private void gallery(HttpExchange exchange, String agent) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonObject body;
        try {
            body = contentType != null && contentType.startsWith("application/json")
                    ? Json.createReader(new java.io.StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                    .readObject() : null;
        } catch (RuntimeException unreadable) {
            body = null;
        }
        if (body == null) {
            limits(exchange, 590);
            respond(exchange, 400, "{\"message\": \"Bad Request\", \"error\": 400}");
            return;
        }
        String sr = body.getString("sr", "");
        String title = body.getString("title", "");
        if (!admitted(exchange, body.getString("api_type", null), sr, title)) {
            return;
        }
        JsonArray items = body.get("items") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        if (items.isEmpty() || items.size() > GALLERY_IMAGES) {
            errors(exchange, "INVALID_OPTION", "a gallery takes 1 to " + GALLERY_IMAGES + " images", "items");
            return;
        }
        List<String> mediaIds = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (JsonValue value : items) {
            JsonObject item = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            String mediaId = item.getString("media_id", "");
            if (!String.valueOf(assetIds.get(mediaId)).startsWith("image/")) {
                errors(exchange, "INVALID_OPTION", "that media is not an uploaded image", "items");
                return;
            }
            String caption = item.getString("caption", "");
            if (caption.codePointCount(0, caption.length()) > CAPTION) {
                errors(exchange, "TOO_LONG", "this is too long (max: " + CAPTION + ")", "caption");
                return;
            }
            if (!(item.get("outbound_url") instanceof JsonString)) {
                errors(exchange, "INVALID_OPTION", "outbound_url must be given (empty for none)", "items");
                return;
            }
            mediaIds.add(mediaId);
            captions.add(caption);
        }
        String id = Long.toString(ids.incrementAndGet(), 36);
        Post post = new Post(id, sr, "gallery", title, body.getString("text", null), null, null, body.getString("flair_id", null),
                body.getBoolean("nsfw", false), body.getBoolean("spoiler", false), agent, Instant.now(), List.copyOf(mediaIds),
                List.copyOf(captions));
        posts.add(post);
        if (!answering()) {
            return;
        }
        respond(exchange, 200, Json.createObjectBuilder().add("json", Json.createObjectBuilder()
                .add("errors", JsonValue.EMPTY_JSON_ARRAY).add("data", Json.createObjectBuilder()
                        .add("url", permalink(post)).add("id", post.name()))).build().toString());
    }

    private static String permalink(Post post) {
        return "https://www.reddit.com/r/" + post.subreddit() + "/comments/" + post.id() + "/"
                + post.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "") + "/";
    }

    /** The media asset lease: where the file goes, and the form fields that must go with it. */
    private void lease(HttpExchange exchange, Map<String, String> form) throws IOException {
        limits(exchange, 590);
        String filepath = form.get("filepath");
        String mimetype = form.get("mimetype");
        if (filepath == null || filepath.isBlank() || mimetype == null
                || !List.of("image/png", "image/jpeg", "image/gif", "video/mp4", "video/quicktime").contains(mimetype)) {
            respond(exchange, 400, "{\"message\": \"Bad Request\", \"error\": 400}");
            return;
        }
        String key = "rte_images/" + UUID.randomUUID().toString().replace("-", "") + "/" + filepath;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("acl", "private");
        fields.put("key", key);
        fields.put("X-Amz-Credential", "ASIA/20261202/us-east-1/s3/aws4_request");
        fields.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        fields.put("X-Amz-Date", "20261202T100000Z");
        fields.put("success_action_status", "201");
        fields.put("content-type", mimetype);
        fields.put("x-amz-storage-class", "INTELLIGENT_TIERING");
        fields.put("x-amz-meta-ext", filepath.replaceAll(".*\\.", ""));
        fields.put("policy", "eyJleHBpcmF0aW9uIjoi");
        fields.put("X-Amz-Signature", "sig" + key.hashCode());
        String token = UUID.randomUUID().toString();
        leases.put(token, fields);
        JsonArrayBuilder list = Json.createArrayBuilder();
        fields.forEach((name, value) -> list.add(Json.createObjectBuilder().add("name", name).add("value", value)));
        String action = "//127.0.0.1:" + server.getAddress().getPort() + "/s3/" + token;
        respond(exchange, 200, Json.createObjectBuilder()
                .add("args", Json.createObjectBuilder().add("action", action).add("fields", list))
                .add("asset", Json.createObjectBuilder().add("asset_id", token).add("processing_state", "incomplete")
                        .add("payload", Json.createObjectBuilder().add("filepath", filepath))
                        .add("websocket_url", "wss://ws-0a1b2c.wss.redditmedia.com/rte_images/" + token))
                .build().toString());
    }

    /** The lease's upload URL (S3): every field as leased, then the file, with a Content-Length. */
    private void upload(HttpExchange exchange, String token) throws IOException {
        Map<String, String> fields = leases.remove(token);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (fields == null || !"POST".equals(exchange.getRequestMethod()) || contentType == null
                || !contentType.startsWith("multipart/form-data; boundary=") || exchange.getRequestHeaders().getFirst("Content-Length") == null) {
            s3(exchange, 400, "<Error><Code>InvalidRequest</Code></Error>");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        PinterestStandIn.Parts parts = PinterestStandIn.multipart(body, contentType.substring("multipart/form-data; boundary=".length()));
        List<String> names = new ArrayList<>(parts.values().keySet());
        if (names.isEmpty() || !names.get(names.size() - 1).equals("file")) {
            s3(exchange, 400, "<Error><Code>InvalidArgument</Code><Message>the file must be the last field</Message></Error>");
            return;
        }
        for (Map.Entry<String, String> f : fields.entrySet()) {
            byte[] value = parts.values().get(f.getKey());
            if (value == null || !f.getValue().equals(new String(value, StandardCharsets.UTF_8))) {
                s3(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: " + f.getKey() + "</Message></Error>");
                return;
            }
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/s3/" + token + "/" + fields.get("key");
        assets.put(url, fields.get("content-type"));
        assetIds.put(token, fields.get("content-type"));
        s3(exchange, 201, "<PostResponse><Location>" + url + "</Location><Key>" + fields.get("key") + "</Key></PostResponse>");
    }

    private void listing(HttpExchange exchange, Map<String, String> query) throws IOException {
        limits(exchange, 590);
        int limit = Integer.parseInt(query.getOrDefault("limit", "25"));
        if (limit < 1 || limit > 100) {
            respond(exchange, 400, "{\"message\": \"Bad Request\", \"error\": 400}");
            return;
        }
        List<Post> newest = new ArrayList<>(posts);
        Collections.reverse(newest);
        JsonArrayBuilder children = Json.createArrayBuilder();
        newest.stream().filter(p -> listingReadsLeft.compute(p.id(), (id, left) -> left == null || left <= 0 ? null : left - 1) == null)
                .limit(limit).forEach(p -> children.add(Json.createObjectBuilder().add("kind", "t3").add("data", thing(p))));
        respond(exchange, 200, Json.createObjectBuilder().add("kind", "Listing").add("data", Json.createObjectBuilder()
                .add("after", JsonValue.NULL).add("dist", 0).add("children", children)).build().toString());
    }

    /** A post as a listing shows it; a gallery with {@code is_gallery} and its items' media ids. */
    private static JsonObjectBuilder thing(Post p) {
        boolean gallery = p.kind().equals("gallery");
        JsonObjectBuilder data = Json.createObjectBuilder()
                .add("id", p.id()).add("name", p.name()).add("title", p.title()).add("subreddit", p.subreddit())
                .add("author", PlatformStub.REDDIT_USER).add("is_self", p.kind().equals("self"))
                .add("is_video", p.kind().equals("video")).add("is_gallery", gallery).add("selftext", p.text() == null ? "" : p.text())
                .add("url", p.kind().equals("self") ? permalink(p) : p.kind().equals("link") ? p.url()
                        : gallery ? "https://www.reddit.com/gallery/" + p.id()
                        : "https://i.redd.it/" + p.id() + (p.kind().equals("video") ? "" : ".png"))
                .add("permalink", permalink(p).substring("https://www.reddit.com".length()))
                .add("created_utc", (double) p.created().getEpochSecond());
        if (gallery) {
            JsonArrayBuilder items = Json.createArrayBuilder();
            for (int i = 0; i < p.mediaIds().size(); i++) {
                items.add(Json.createObjectBuilder().add("media_id", p.mediaIds().get(i)).add("id", i + 1)
                        .add("caption", p.captions().get(i)));
            }
            data.add("gallery_data", Json.createObjectBuilder().add("items", items));
        }
        return data;
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private static void limits(HttpExchange exchange, int remaining) {
        exchange.getResponseHeaders().add("X-Ratelimit-Remaining", remaining + ".0");
        exchange.getResponseHeaders().add("X-Ratelimit-Reset", "60");
    }

    /** Reddit's answer to a client over its limit (or a generic agent): 429 with the period's end. */
    private static void tooMany(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("X-Ratelimit-Remaining", "0.0");
        exchange.getResponseHeaders().add("X-Ratelimit-Reset", "1");
        respond(exchange, 429, "{\"message\": \"Too Many Requests\", \"error\": 429}");
    }

    private static void errors(HttpExchange exchange, String code, String message, String field) throws IOException {
        respond(exchange, 200, Json.createObjectBuilder().add("json", Json.createObjectBuilder().add("errors",
                Json.createArrayBuilder().add(Json.createArrayBuilder().add(code).add(message).add(field)))).build().toString());
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void s3(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
