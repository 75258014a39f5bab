package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.TokenRefresher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reddit connector's calls against a small local Reddit: the forms it submits, the User-Agent it sends, the media
 * lease and upload, the submissions lookup, and how 200-body errors and rate-limit headers become outcomes.
 */
class RedditConnectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String AGENT = "server:dev.syndicast.test:1.0 (by /u/ada)";

    private HttpServer server;
    private String base;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> forms = new ConcurrentHashMap<>();
    /** JSON bodies (the gallery submit) by call. */
    private final Map<String, JsonObject> jsons = new ConcurrentHashMap<>();
    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    private final AtomicInteger assets = new AtomicInteger();
    private volatile String galleryAnswer = "{\"json\":{\"errors\":[],\"data\":{\"url\":\"https://www.reddit.com/r/test/comments/gal/g/\","
            + "\"id\":\"t3_gal\"}}}";
    private volatile int galleryStatus = 200;
    private final Map<String, String> uploads = new ConcurrentHashMap<>();
    private final List<String> agents = new CopyOnWriteArrayList<>();
    private final AtomicInteger listings = new AtomicInteger();
    private volatile String submitAnswer = "{\"json\":{\"errors\":[],\"data\":{\"url\":\"https://www.reddit.com/r/test/comments/abc/t/\","
            + "\"id\":\"abc\",\"name\":\"t3_abc\"}}}";
    private volatile int submitStatus = 200;
    private volatile String remaining = "590.0";
    private volatile int listedAfter = 0;
    private volatile String listed = "";
    private RedditConnector connector;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        connector = new RedditConnector();
        connector.apiUrl = base;
        connector.userAgent = AGENT;
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.processingPoll = Duration.ofSeconds(1);
        connector.processingDeadline = Duration.ofMinutes(30);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                return TokenRefresher.Result.REFUSED;
            }
        };
        connector.calls = PlatformCalls.of(Clock.fixed(NOW, ZoneOffset.UTC), null, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String call = method + " " + path + (query == null ? "" : "?" + query);
        calls.add(call);
        agents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        if (path.equals("/s3")) {
            uploads.put(String.valueOf(uploads.size()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            answer(exchange, 201, "<PostResponse><Location>x</Location></PostResponse>");
            return;
        }
        if (!"bearer token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"message\": \"Unauthorized\", \"error\": 401}");
            return;
        }
        exchange.getResponseHeaders().add("X-Ratelimit-Remaining", remaining);
        exchange.getResponseHeaders().add("X-Ratelimit-Reset", "33");
        exchange.getResponseHeaders().add("X-Ratelimit-Used", "10");
        if ("POST".equals(method)) {
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            contentTypes.put(call, type);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (type.startsWith("application/json")) {
                jsons.put(call, Json.createReader(new java.io.StringReader(body)).readObject());
            } else {
                forms.put(call, parse(body));
            }
        }
        switch (call) {
            case "POST /api/submit" -> answer(exchange, submitStatus, submitAnswer);
            case "POST /api/media/asset.json" -> answer(exchange, 200, "{\"args\":{\"action\":\"//127.0.0.1:"
                    + server.getAddress().getPort() + "/s3\",\"fields\":[{\"name\":\"acl\",\"value\":\"private\"},"
                    + "{\"name\":\"key\",\"value\":\"rte_images/" + forms.get(call).get("filepath") + "\"}]},"
                    + "\"asset\":{\"asset_id\":\"a" + assets.incrementAndGet() + "\",\"processing_state\":\"incomplete\","
                    + "\"websocket_url\":\"wss://x\"}}");
            case "POST /api/submit_gallery_post.json" -> answer(exchange, galleryStatus, galleryAnswer);
            case "GET /api/v1/me" -> answer(exchange, 200, "{\"name\":\"ada\",\"id\":\"1w72\"}");
            case "GET /user/ada/submitted?sort=new&limit=25&raw_json=1" -> answer(exchange, 200,
                    "{\"kind\":\"Listing\",\"data\":{\"children\":[" + (listings.incrementAndGet() > listedAfter ? listed : "") + "]}}");
            default -> answer(exchange, 404, "{\"message\": \"Not Found\", \"error\": 404}");
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private PublishOutcome run(PublishRequest first) throws Exception {
        PublishRequest request = first;
        for (int step = 0; step < 20; step++) {
            PublishOutcome outcome = connector.publish(request).get();
            if (!(outcome instanceof PublishOutcome.InProgress p)) {
                return outcome;
            }
            request = withState(request, p.state());
        }
        throw new AssertionError("no end after 20 steps");
    }

    @Test
    void aTextPostTakesItsFirstLineAsTitleAndTheRestAsBodyWithTheOptionsAndADescriptiveUserAgent() throws Exception {
        PublishOutcome outcome = run(request("Hello Reddit\n\nThe body\nof it", null, List.of(),
                Json.createObjectBuilder().add("subreddit", "r/test").add("flair_id", "f-1").add("nsfw", true).build()));
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("t3_abc", "https://www.reddit.com/r/test/comments/abc/t/"));
        assertThat(forms.get("POST /api/submit")).containsEntry("api_type", "json").containsEntry("sr", "test")
                .containsEntry("kind", "self").containsEntry("title", "Hello Reddit").containsEntry("text", "The body\nof it")
                .containsEntry("flair_id", "f-1").containsEntry("nsfw", "true").containsEntry("spoiler", "false")
                .doesNotContainKey("url");
        assertThat(agents).containsOnly(AGENT);
    }

    @Test
    void aLinkPostSubmitsTheUrlOptionUnderThePostsTitle() throws Exception {
        assertThat(run(request("Read this", "An article", List.of(), Json.createObjectBuilder().add("subreddit", "test")
                .add("url", "https://example.com/a").build()))).isInstanceOf(PublishOutcome.Published.class);
        assertThat(forms.get("POST /api/submit")).containsEntry("kind", "link").containsEntry("url", "https://example.com/a")
                .containsEntry("title", "An article").doesNotContainKey("text");
    }

    @Test
    void anImageGoesUpThroughTheLeaseAndIsFoundInTheSubmissionsAfterTheSubmit(@TempDir Path dir) throws Exception {
        submitAnswer = "{\"json\":{\"errors\":[],\"data\":{\"user_submitted_page\":\"https://www.reddit.com/user/ada/submitted/\","
                + "\"websocket_url\":\"wss://ws.example/x\"}}}";
        listed = "{\"kind\":\"t3\",\"data\":{\"id\":\"img\",\"name\":\"t3_img\",\"title\":\"A picture\",\"subreddit\":\"test\","
                + "\"is_self\":false,\"permalink\":\"/r/test/comments/img/a_picture/\",\"created_utc\":" + NOW.getEpochSecond() + "}}";
        listedAfter = 2;
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 7, 7};
        PublishOutcome outcome = run(request("A picture", null, List.of(media(dir, "pic.png", "image/png", png, null)), sub()));
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("t3_img", "https://www.reddit.com/r/test/comments/img/a_picture/"));
        assertThat(forms.get("POST /api/media/asset.json")).containsEntry("filepath", "pic.png").containsEntry("mimetype", "image/png");
        assertThat(uploads.get("0")).contains("name=\"acl\"", "name=\"key\"", "rte_images/pic.png", new String(png, StandardCharsets.ISO_8859_1));
        assertThat(forms.get("POST /api/submit")).containsEntry("kind", "image").containsEntry("title", "A picture")
                .containsEntry("url", base + "/s3/rte_images/pic.png");
        assertThat(calls).containsSubsequence("POST /api/media/asset.json", "POST /s3", "GET /api/v1/me", "POST /api/submit",
                "GET /user/ada/submitted?sort=new&limit=25&raw_json=1", "GET /user/ada/submitted?sort=new&limit=25&raw_json=1");
    }

    @Test
    void aVideoGoesUpWithItsPosterImage(@TempDir Path dir) throws Exception {
        submitAnswer = "{\"json\":{\"errors\":[],\"data\":{\"websocket_url\":\"wss://ws.example/x\"}}}";
        listed = "{\"kind\":\"t3\",\"data\":{\"id\":\"v\",\"name\":\"t3_v\",\"title\":\"Clip\",\"subreddit\":\"test\",\"is_self\":false,"
                + "\"is_video\":true,\"permalink\":\"/r/test/comments/v/clip/\"}}";
        Path poster = Files.write(dir.resolve("thumb.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 9});
        PublishOutcome outcome = run(request("Clip", null, List.of(media(dir, "clip.mp4", "video/mp4", new byte[100], poster)), sub()));
        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(forms.get("POST /api/submit")).containsEntry("kind", "video").containsEntry("url", base + "/s3/rte_images/clip.mp4")
                .containsEntry("video_poster_url", base + "/s3/rte_images/poster.jpg");
        assertThat(uploads).hasSize(2);
    }

    @Test
    void ratelimitInTheBodyWaitsAndSubredditNoexistIsARefusalWithRedditsMessage() throws Exception {
        submitAnswer = "{\"json\":{\"errors\":[[\"RATELIMIT\",\"you are doing that too much. try again in 5 minutes.\",\"ratelimit\"]]}}";
        assertThat(run(request("x", null, List.of(), sub()))).isEqualTo(new PublishOutcome.RateLimited(
                "Reddit: RATELIMIT: you are doing that too much. try again in 5 minutes.", Duration.ofMinutes(5)));
        submitAnswer = "{\"json\":{\"errors\":[[\"SUBREDDIT_NOEXIST\",\"that subreddit doesn't exist\",\"sr\"]]}}";
        assertThat(run(request("x", null, List.of(), sub()))).isEqualTo(new PublishOutcome.Permanent(
                "Reddit refused the post: SUBREDDIT_NOEXIST: that subreddit doesn't exist (sr)"));
    }

    @Test
    void httpAnswersOfTheSubmit() throws Exception {
        submitStatus = 429;
        assertThat(run(request("x", null, List.of(), sub()))).isInstanceOf(PublishOutcome.RateLimited.class)
                .extracting(o -> ((PublishOutcome.RateLimited) o).retryAfter()).isEqualTo(Duration.ofSeconds(33));
        submitStatus = 503;
        assertThat(run(request("x", null, List.of(), sub()))).isInstanceOf(PublishOutcome.Unknown.class);
        submitStatus = 200;
        assertThat(run(new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "reddit", null, "1w72", null, "revoked",
                "x", null, List.of(), List.of(), List.of(), null, sub()))).isInstanceOf(PublishOutcome.TokenRefused.class);
    }

    @Test
    void aUsedUpRateLimitStopsBeforeTheSubmitWithoutSpendingAnAttempt(@TempDir Path dir) throws Exception {
        remaining = "0";
        PublishOutcome outcome = run(request("A picture", null, List.of(media(dir, "pic.png", "image/png", new byte[]{1}, null)), sub()));
        assertThat(outcome).isInstanceOf(PublishOutcome.RateLimited.class);
        assertThat(((PublishOutcome.RateLimited) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(33));
        assertThat(((PublishOutcome.RateLimited) outcome).reason()).contains("X-Ratelimit-Remaining 0");
        assertThat(calls).as("nothing sent to the API after the answer that used the limit up")
                .containsExactly("POST /api/media/asset.json", "POST /s3");
    }

    @Test
    void theLookupAfterAnUnknownOutcome(@TempDir Path dir) throws Exception {
        PublishRequest self = request("Launch\nThe body", null, List.of(), sub());
        assertThat(connector.check(self).get()).isEqualTo(new CheckOutcome.NotFound());
        listed = "{\"kind\":\"t3\",\"data\":{\"id\":\"s\",\"name\":\"t3_s\",\"title\":\"Launch\",\"subreddit\":\"test\",\"is_self\":true,"
                + "\"selftext\":\"The body\",\"permalink\":\"/r/test/comments/s/launch/\"}}";
        assertThat(connector.check(self).get()).isEqualTo(new CheckOutcome.Found("t3_s", "https://www.reddit.com/r/test/comments/s/launch/"));

        // An image submit whose answer was lost: Reddit may still be processing it, so a miss cannot tell yet ...
        listed = "";
        PublishRequest image = request("A picture", null, List.of(media(dir, "p.png", "image/png", new byte[]{1}, null)), sub());
        RedditSteps sent = RedditSteps.none().withMedia("https://up/p.png", NOW.minusSeconds(60)).aboutToSubmit("ada", NOW.minusSeconds(30));
        assertThat(connector.check(withState(image, sent.toJson())).get()).isInstanceOf(CheckOutcome.CannotTell.class);
        // ... and says "not there" once the deadline has passed; a submit never sent is not there at all.
        RedditSteps old = RedditSteps.none().withMedia("https://up/p.png", NOW.minusSeconds(7200)).aboutToSubmit("ada", NOW.minusSeconds(3600));
        assertThat(connector.check(withState(image, old.toJson())).get()).isEqualTo(new CheckOutcome.NotFound());
        assertThat(connector.check(withState(image, old.acceptedByReddit().toJson())).get()).as("Reddit took it: it exists")
                .isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(connector.check(image).get()).isEqualTo(new CheckOutcome.NotFound());
    }

    @Test
    void refusalsAndTitles(@TempDir Path dir) throws Exception {
        PublishMedia image = media(dir, "a.png", "image/png", new byte[]{1}, null);
        PublishMedia video = media(dir, "v.mp4", "video/mp4", new byte[]{1}, null);
        assertThat(RedditConnector.refusal(request("x", null, List.of(), Json.createObjectBuilder().build()))).get().asString()
                .contains("subreddit");
        assertThat(RedditConnector.refusal(request("x", null, List.of(image, image), sub()))).as("a gallery").isEmpty();
        assertThat(RedditConnector.refusal(request("x", null, java.util.Collections.nCopies(20, image), sub()))).isEmpty();
        assertThat(RedditConnector.refusal(request("x", null, java.util.Collections.nCopies(21, image), sub()))).get().asString()
                .contains("at most 20 images");
        assertThat(RedditConnector.refusal(request("x", null, List.of(image, video), sub()))).get().asString()
                .contains("images only");
        assertThat(RedditConnector.refusal(request("x", null, List.of(video), sub()))).get().asString().contains("poster image");
        assertThat(RedditConnector.refusal(request(" ", null, List.of(image), sub()))).get().asString().contains("title");
        assertThat(RedditConnector.refusal(request("x", null, List.of(image), Json.createObjectBuilder().add("subreddit", "t")
                .add("url", "https://e.com").build()))).get().asString().contains("cannot carry media");
        String long400 = "y".repeat(400);
        assertThat(RedditConnector.title(request(long400 + "\nrest", null, List.of(), sub()))).hasSize(300).endsWith("…");
        assertThat(RedditConnector.title(request("text", "  Own title ", List.of(), sub()))).isEqualTo("Own title");
        assertThat(RedditConnector.body(request("text\nmore", "Own title", List.of(), sub()))).isEqualTo("text\nmore");
        assertThat(connector.serves("reddit", null)).isTrue();
        assertThat(connector.serves("reddit", SandboxConnector.SERVICE)).isFalse();
    }

    @Test
    void aGalleryUploadsEachImageThroughALeaseOfItsOwnThenSubmitsItsItemsAsJson(@TempDir Path dir) throws Exception {
        List<PublishMedia> images = List.of(media(dir, "one.png", "image/png", new byte[]{1}, null, "The first"),
                media(dir, "two.jpg", "image/jpeg", new byte[]{2}, null, null),
                media(dir, "three.png", "image/png", new byte[]{3}, null, "x".repeat(200)));
        PublishRequest request = request("Three pictures\nWhat they show.", null, images, Json.createObjectBuilder()
                .add("subreddit", "test").add("flair_id", "f-9").add("spoiler", true).build());

        List<String> states = new java.util.ArrayList<>();
        PublishRequest next = request;
        PublishOutcome outcome;
        while ((outcome = connector.publish(next).get()) instanceof PublishOutcome.InProgress step) {
            states.add(step.state());
            next = withState(next, step.state());
        }

        assertThat(outcome).isEqualTo(new PublishOutcome.Published("t3_gal", "https://www.reddit.com/r/test/comments/gal/g/"));
        assertThat(states).extracting(state -> RedditSteps.parse(state).gallery()).as("each asset stored before the next upload")
                .startsWith(List.of("a1"), List.of("a1", "a2"), List.of("a1", "a2", "a3"));
        assertThat(RedditSteps.parse(states.get(states.size() - 1)).submitting()).as("the submit's time stored before it").isEqualTo(NOW);
        assertThat(calls).containsSubsequence("POST /api/media/asset.json", "POST /s3", "POST /api/media/asset.json", "POST /s3",
                "POST /api/media/asset.json", "POST /s3", "GET /api/v1/me", "POST /api/submit_gallery_post.json");
        assertThat(calls).doesNotContain("POST /api/submit");
        assertThat(uploads).hasSize(3);
        assertThat(contentTypes.get("POST /api/submit_gallery_post.json")).startsWith("application/json");
        JsonObject body = jsons.get("POST /api/submit_gallery_post.json");
        assertThat(body.getString("api_type")).isEqualTo("json");
        assertThat(body.getString("sr")).isEqualTo("test");
        assertThat(body.getString("title")).isEqualTo("Three pictures");
        assertThat(body.getString("text")).isEqualTo("What they show.");
        assertThat(body.getString("flair_id")).isEqualTo("f-9");
        assertThat(body.getBoolean("spoiler")).isTrue();
        assertThat(body.getBoolean("nsfw")).isFalse();
        assertThat(body.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(i -> i.getString("media_id"))
                .containsExactly("a1", "a2", "a3");
        assertThat(body.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(i -> i.getString("caption"))
                .containsExactly("The first", "", "x".repeat(179) + "…");
        assertThat(body.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(i -> i.getString("outbound_url"))
                .containsOnly("");
    }

    @Test
    void aGallerySubmitWhoseAnswerWasLostIsLookedForBeforeItIsSentAgain(@TempDir Path dir) throws Exception {
        List<PublishMedia> images = List.of(media(dir, "one.png", "image/png", new byte[]{1}, null),
                media(dir, "two.png", "image/png", new byte[]{2}, null));
        PublishRequest gallery = request("Two pictures", null, images, sub());
        galleryStatus = 502;
        galleryAnswer = "{\"message\": \"Bad Gateway\", \"error\": 502}";
        assertThat(run(gallery)).as("it may have been made").isInstanceOf(PublishOutcome.Unknown.class);

        RedditSteps sent = RedditSteps.none().withGalleryImage("a1", NOW.minusSeconds(60)).withGalleryImage("a2", NOW.minusSeconds(50))
                .aboutToSubmit("ada", NOW.minusSeconds(30));
        assertThat(connector.check(gallery).get()).as("never sent: its time is stored first").isEqualTo(new CheckOutcome.NotFound());
        assertThat(connector.check(withState(gallery, sent.toJson())).get()).as("not listed yet: it may still appear")
                .isInstanceOf(CheckOutcome.CannotTell.class);
        listed = "{\"kind\":\"t3\",\"data\":{\"id\":\"one\",\"name\":\"t3_one\",\"title\":\"Two pictures\",\"subreddit\":\"test\","
                + "\"is_self\":false,\"permalink\":\"/r/test/comments/one/x/\",\"created_utc\":" + NOW.getEpochSecond() + "}}";
        assertThat(connector.check(withState(gallery, sent.toJson())).get()).as("an image post with that title is not the gallery")
                .isInstanceOf(CheckOutcome.CannotTell.class);
        listed = "{\"kind\":\"t3\",\"data\":{\"id\":\"gal\",\"name\":\"t3_gal\",\"title\":\"Two pictures\",\"subreddit\":\"test\","
                + "\"is_self\":false,\"is_gallery\":true,\"permalink\":\"/r/test/comments/gal/two_pictures/\",\"created_utc\":"
                + NOW.getEpochSecond() + "}}";
        assertThat(connector.check(withState(gallery, sent.toJson())).get())
                .isEqualTo(new CheckOutcome.Found("t3_gal", "https://www.reddit.com/r/test/comments/gal/two_pictures/"));

        listed = "";
        RedditSteps old = RedditSteps.none().withGalleryImage("a1", NOW.minusSeconds(7200)).withGalleryImage("a2", NOW.minusSeconds(7200))
                .aboutToSubmit("ada", NOW.minusSeconds(3600));
        assertThat(connector.check(withState(gallery, old.toJson())).get()).as("past the deadline and not listed: not made")
                .isEqualTo(new CheckOutcome.NotFound());
        assertThat(RedditSteps.parse(old.toJson())).isEqualTo(old);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JsonObject sub() {
        return Json.createObjectBuilder().add("subreddit", "test").build();
    }

    private static PublishMedia media(Path dir, String name, String type, byte[] content, Path thumbnail) throws IOException {
        return media(dir, name, type, content, thumbnail, null);
    }

    private static PublishMedia media(Path dir, String name, String type, byte[] content, Path thumbnail, String altText)
            throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return new PublishMedia(UUID.randomUUID().toString(), type, content.length, name, altText,
                () -> (SeekableByteChannel) Files.newByteChannel(file),
                thumbnail == null ? null : () -> (SeekableByteChannel) Files.newByteChannel(thumbnail));
    }

    private static PublishRequest request(String text, String title, List<PublishMedia> media, JsonObject options) {
        return new PublishRequest(UUID.randomUUID(), 1, "k", false, true, "reddit", null, "1w72", null, "token",
                text, title, List.of(), media.stream().map(PublishMedia::reference).toList(), media, null, options);
    }

    private static PublishRequest withState(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state, r.options());
    }
}
