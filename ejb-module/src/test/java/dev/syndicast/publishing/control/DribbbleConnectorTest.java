package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dribbble connector over real HTTP against a small strict fake of API v2 (developer.dribbble.com/v2/shots/):
 * a shot uploaded as multipart and polled while Dribbble answers 404 for it, its fields (title, description, tags,
 * low_profile, team_id), exactly one shot when the connection drops after Dribbble created it, a 429 until the reset,
 * Dribbble's validation failure kept, and a refused token that cannot be renewed.
 */
class DribbbleConnectorTest {

    private static final String TOKEN = "token";

    private HttpServer server;
    private DribbbleConnector connector;
    private Path work;
    private final List<Shot> shots = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(471_755);
    private final AtomicInteger processingPolls = new AtomicInteger();
    private final AtomicInteger dropAfterCreate = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private volatile boolean refreshWorks;
    private volatile String validToken = TOKEN;

    static final class Shot {
        final String id;
        final List<Map.Entry<String, String>> fields;
        final byte[] image;
        final Instant publishedAt = Instant.now();
        final AtomicInteger pendingPolls;

        Shot(String id, List<Map.Entry<String, String>> fields, byte[] image, int polls) {
            this.id = id;
            this.fields = fields;
            this.image = image;
            this.pendingPolls = new AtomicInteger(polls);
        }

        String field(String name) {
            return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        List<String> all(String name) {
            return fields.stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        boolean processed() {
            return pendingPolls.get() <= 0;
        }
    }

    @BeforeEach
    void start() throws IOException {
        work = Files.createTempDirectory("dribbble-connector");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::route);
        server.start();
        connector = new DribbbleConnector();
        connector.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        connector.uploadTimeout = Duration.ofSeconds(5);
        connector.processingPoll = Duration.ofSeconds(5);
        connector.processingDeadline = Duration.ofMinutes(15);
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                if (refreshWorks) {
                    validToken = "fresh";
                }
                return refreshWorks ? TokenRefresher.Result.REFRESHED : TokenRefresher.Result.REFUSED;
            }
        };
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(null, "ada", "fresh"));
            }
        };
        connector.calls = PlatformCalls.of(Clock.systemUTC(), accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        try (var files = Files.list(work)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(work);
    }

    @Test
    void anImageBecomesOneShotPolledUntilDribbbleProcessedIt() throws IOException {
        processingPolls.set(2);
        PublishMedia image = image("shot.png", 400, 300);
        List<PublishOutcome> steps = new ArrayList<>();
        PublishOutcome outcome = publish(request(null, "Dark mode dashboard\nA concept. #ui #ux #ui", image,
                Json.createObjectBuilder().add("low_profile", true).add("team_id", "39").build()), steps);
        assertThat(shots).hasSize(1);
        Shot shot = shots.get(0);
        assertThat(outcome).isEqualTo(new PublishOutcome.Published(shot.id, "https://dribbble.com/shots/" + shot.id + "-shot"));
        assertThat(shot.field("title")).isEqualTo("Dark mode dashboard");
        assertThat(shot.field("description")).isEqualTo("A concept. #ui #ux #ui");
        assertThat(shot.all("tags[]")).containsExactly("ui", "ux");
        assertThat(shot.field("low_profile")).isEqualTo("true");
        assertThat(shot.field("team_id")).isEqualTo("39");
        assertThat(shot.image).isEqualTo(Files.readAllBytes(work.resolve("shot.png")));
        assertThat(steps).hasSize(5);
        assertThat(steps.get(0)).isInstanceOfSatisfying(PublishOutcome.InProgress.class, s -> {
            assertThat(s.checkAgainIn()).isZero();
            assertThat(DribbbleSteps.parse(s.state()).since()).isNotNull();
        });
        assertThat(steps.get(1)).isInstanceOfSatisfying(PublishOutcome.InProgress.class, s -> {
            assertThat(DribbbleSteps.parse(s.state()).shot()).isEqualTo(shot.id);
            assertThat(DribbbleSteps.parse(s.state()).location()).endsWith("/v2/shots/" + shot.id);
            assertThat(s.checkAgainIn()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(steps.subList(2, 4)).allSatisfy(s -> assertThat(((PublishOutcome.InProgress) s).note()).contains("processing"));
        assertThat(uploads.get()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedAfterDribbbleCreatedTheShotIsFoundNotSentAgain() throws IOException {
        dropAfterCreate.set(1);
        processingPolls.set(1);
        PublishRequest first = request("Sasquatch", "A sketch", image("s.png", 800, 600), null);
        PublishOutcome started = connector.publishNow(first);
        PublishRequest upload = with(first, ((PublishOutcome.InProgress) started).state());
        assertThat(connector.publishNow(upload)).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(connector.checkNow(upload)).as("Dribbble lists the shot only once processed")
                .isInstanceOfSatisfying(CheckOutcome.CannotTell.class, c -> assertThat(c.reason()).contains("is listed yet"));
        shots.get(0).pendingPolls.set(0);
        assertThat(connector.checkNow(upload)).isEqualTo(new CheckOutcome.Found(shots.get(0).id,
                "https://dribbble.com/shots/" + shots.get(0).id + "-shot"));
        assertThat(shots).hasSize(1);
        assertThat(uploads.get()).isEqualTo(1);
    }

    @Test
    void nothingSentOrNothingListedLongAfterTheAttemptIsNotFound() throws IOException {
        PublishRequest fresh = request("Never sent", "x", image("n.png", 400, 300), null);
        assertThat(connector.checkNow(fresh)).isInstanceOf(CheckOutcome.NotFound.class);
        String old = new DribbbleSteps(Instant.now().minus(Duration.ofHours(1)), null, null).toJson();
        assertThat(connector.checkNow(with(fresh, old))).isInstanceOf(CheckOutcome.NotFound.class);
        String accepted = new DribbbleSteps(Instant.now(), "999", "https://api.dribbble.com/v2/shots/999").toJson();
        assertThat(connector.checkNow(with(fresh, accepted))).as("an accepted shot that answers 404 is never sent again")
                .isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void aShotSentAgainAfterTheLookupFoundNothingStartsANewAttemptWindow() throws IOException {
        PublishRequest request = request("Again", "x", image("again.png", 400, 300), null);
        Instant old = Instant.now().minus(Duration.ofHours(1));
        PublishOutcome restart = connector.publishNow(with(request, new DribbbleSteps(old, null, null).toJson()));
        assertThat(restart).isInstanceOfSatisfying(PublishOutcome.InProgress.class, s -> {
            assertThat(DribbbleSteps.parse(s.state()).since()).isAfter(old.plus(Duration.ofMinutes(59)));
            assertThat(s.note()).contains("again");
        });
        assertThat(shots).as("no upload in that step").isEmpty();
    }

    @Test
    void aShotPastTheProcessingDeadlineIsUnknownNeverAFailure() throws IOException {
        PublishRequest request = request("Slow", "x", image("slow.png", 400, 300), null);
        String late = new DribbbleSteps(Instant.now().minus(Duration.ofHours(1)), "5", "https://api.dribbble.com/v2/shots/5").toJson();
        assertThat(connector.publishNow(with(request, late))).isInstanceOfSatisfying(PublishOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("has not finished processing shot 5"));
    }

    @Test
    void aRateLimitIsWaitedOutUntilTheReset() throws IOException {
        rateLimitNext.set(1);
        PublishRequest request = request("Limited", "x", image("l.png", 400, 300), null);
        PublishRequest upload = with(request, ((PublishOutcome.InProgress) connector.publishNow(request)).state());
        assertThat(connector.publishNow(upload)).isInstanceOfSatisfying(PublishOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(31)));
        assertThat(shots).isEmpty();
        assertThat(publish(upload, new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
    }

    @Test
    void dribbblesValidationFailureIsKept() throws IOException {
        PublishRequest request = request("Too big", "x", image("big.png", 1600, 1200), null);
        assertThat(publish(request, new ArrayList<>())).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                p -> assertThat(p.reason()).isEqualTo("Dribbble refused the shot upload: Validation failed. image must be exactly"
                        + " 400x300 or 800x600, no larger than eight megabytes, and be a GIF, JPG, or PNG"));
        assertThat(shots).isEmpty();
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndWithoutARefreshTokenTheAccountMustReconnect() throws IOException {
        validToken = "other";
        refreshWorks = false;
        PublishRequest request = request("Revoked", "x", image("r.png", 400, 300), null);
        assertThat(publish(request, new ArrayList<>())).isInstanceOfSatisfying(PublishOutcome.TokenRefused.class,
                t -> assertThat(t.reason()).contains("Dribbble refused the access token", "renewing the token was refused"));
        refreshWorks = true;
        assertThat(publish(request, new ArrayList<>())).isInstanceOf(PublishOutcome.Published.class);
        assertThat(shots).hasSize(1);
    }

    @Test
    void whatDribbbleCannotTakeIsRefusedWithoutACall() throws IOException {
        PublishMedia image = image("x.png", 400, 300);
        PublishMedia byUrl = new PublishMedia("https://example.com/a.png", "image/png", 10, null, null, null);
        assertThat(connector.publishNow(request("t", "x", byUrl, null))).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("not an item of the media library"));
        PublishMedia webp = new PublishMedia("m", "image/webp", 10, "a.webp", null, image.opener());
        assertThat(connector.publishNow(request("t", "x", webp, null))).isInstanceOf(PublishOutcome.Permanent.class);
        assertThat(connector.publishNow(request(null, " ", image, null))).isInstanceOfSatisfying(PublishOutcome.Permanent.class,
                p -> assertThat(p.reason()).contains("needs a title"));
        assertThat(shots).isEmpty();
    }

    // ---- the flow ------------------------------------------------------------------------------------------------

    private PublishOutcome publish(PublishRequest request, List<PublishOutcome> steps) {
        PublishRequest current = request;
        for (int i = 0; i < 20; i++) {
            PublishOutcome outcome = connector.publishNow(current);
            steps.add(outcome);
            if (!(outcome instanceof PublishOutcome.InProgress step)) {
                return outcome;
            }
            current = with(current, step.state());
        }
        throw new AssertionError("no end after 20 steps: " + steps);
    }

    private static PublishRequest with(PublishRequest r, String state) {
        return new PublishRequest(r.jobId(), r.generation(), r.idempotencyKey(), r.verifyFirst(), r.mayCallAgain(), r.platform(),
                r.accountId(), r.platformAccountId(), r.serviceUrl(), r.accessToken(), r.text(), r.title(), r.threadParts(),
                r.mediaUrls(), r.media(), state, r.options());
    }

    private static PublishRequest request(String title, String text, PublishMedia image, JsonObject options) {
        UUID job = UUID.randomUUID();
        return new PublishRequest(job, 1, "syn-" + job, false, true, "dribbble", UUID.randomUUID(), "42", null, TOKEN, text,
                title, List.of(), List.of(), List.of(image), null, options);
    }

    private PublishMedia image(String name, int width, int height) throws IOException {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 1, name.hashCode());
        Path file = work.resolve(name);
        ImageIO.write(picture, "png", file.toFile());
        return new PublishMedia(UUID.randomUUID().toString(), "image/png", Files.size(file), name, null, () -> Files.newByteChannel(file));
    }

    // ---- the fake Dribbble ---------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"message\":\"Bad credentials\"}");
                return;
            }
            if (method.equals("POST") && path.equals("/v2/shots")) {
                create(exchange, body);
            } else if (method.equals("GET") && path.matches("/v2/shots/\\d+")) {
                Shot shot = shots.stream().filter(s -> s.id.equals(path.substring(10))).findFirst().orElse(null);
                if (shot == null || shot.pendingPolls.getAndDecrement() > 0) {
                    respond(exchange, 404, "{\"message\":\"Not found\"}");
                } else {
                    respond(exchange, 200, json(shot).toString());
                }
            } else if (method.equals("GET") && path.equals("/v2/user/shots")) {
                JsonArrayBuilder list = Json.createArrayBuilder();
                List<Shot> newest = new ArrayList<>(shots);
                java.util.Collections.reverse(newest);
                newest.stream().filter(Shot::processed).forEach(s -> list.add(json(s)));
                respond(exchange, 200, list.build().toString());
            } else {
                respond(exchange, 404, "{\"message\":\"Not found\"}");
            }
        } finally {
            exchange.close();
        }
    }

    /** developer.dribbble.com/v2/shots/ "Create a shot": title required, the image exactly 400x300 or 800x600. */
    private void create(HttpExchange exchange, byte[] body) throws IOException {
        uploads.incrementAndGet();
        if (rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("X-RateLimit-Limit", "60");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
            exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 30));
            respond(exchange, 429, "{\"message\":\"API rate limit exceeded\"}");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        byte[] image = parts(body, type.substring(type.indexOf("boundary=") + 9), fields);
        BufferedImage picture = image == null ? null : ImageIO.read(new ByteArrayInputStream(image));
        if (picture == null || !(picture.getWidth() == 400 && picture.getHeight() == 300
                || picture.getWidth() == 800 && picture.getHeight() == 600)) {
            respond(exchange, 422, "{\"message\":\"Validation failed.\",\"errors\":[{\"attribute\":\"image\",\"message\":"
                    + "\"must be exactly 400x300 or 800x600, no larger than eight megabytes, and be a GIF, JPG, or PNG\"}]}");
            return;
        }
        Shot shot = new Shot(String.valueOf(ids.incrementAndGet()), fields, image, processingPolls.get());
        shots.add(shot);
        if (dropAfterCreate.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return; // created; closing without an answer drops the connection
        }
        exchange.getResponseHeaders().add("Location", "https://api.dribbble.com/v2/shots/" + shot.id);
        exchange.sendResponseHeaders(202, -1);
    }

    private static JsonObject json(Shot shot) {
        return Json.createObjectBuilder().add("id", Long.parseLong(shot.id)).add("title", shot.field("title"))
                .add("published_at", shot.publishedAt.toString()).add("html_url", "https://dribbble.com/shots/" + shot.id + "-shot").build();
    }

    /** The text fields in order and the bytes of the {@code image} part. */
    static byte[] parts(byte[] body, String boundary, List<Map.Entry<String, String>> fields) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        byte[] file = null;
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = at + delimiter.length() + 2;
            int next = text.indexOf("\r\n" + delimiter, headersStart);
            if (next < 0) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            String headers = text.substring(headersStart, headersEnd);
            String name = headers.replaceAll("(?s).*?; name=\"([^\"]+)\".*", "$1");
            byte[] value = Arrays.copyOfRange(body, headersEnd + 4, next);
            if (headers.contains("filename=")) {
                file = value;
            } else {
                fields.add(new SimpleEntry<>(name, new String(value, StandardCharsets.UTF_8)));
            }
            at = next + 2;
        }
        return file;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
