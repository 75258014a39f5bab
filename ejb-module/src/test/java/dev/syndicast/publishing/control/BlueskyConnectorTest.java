package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's calls against a small stand-in PDS on loopback: what it sends, and how each answer becomes an
 * outcome (a lost or failed createRecord is looked up by its key; an expired session is refreshed once).
 */
class BlueskyConnectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final String DID = "did:plc:ada";

    private HttpServer server;
    private BlueskyConnector connector;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<JsonObject> created = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> records = new HashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    /** Answers to give createRecord before it behaves (status, body); each is used once. */
    private final List<Object[]> createFailures = new CopyOnWriteArrayList<>();
    private volatile String validToken = "token-1";
    private volatile int getRecordStatus = 0;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/xrpc/", this::handle);
        server.start();
        connector = new BlueskyConnector();
        connector.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        connector.appUrl = "https://bsky.app";
        connector.uploadTimeout = Duration.ofSeconds(5);
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(UUID.randomUUID(), "ada.test", validToken));
            }
        };
        connector.accounts = accounts;
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                validToken = "token-2";
                return TokenRefresher.Result.REFRESHED;
            }
        };
        connector.calls = PlatformCalls.of(Clock.fixed(NOW, ZoneOffset.UTC), accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/xrpc/".length());
        String query = exchange.getRequestURI().getQuery();
        calls.add(path);
        if (!("Bearer " + validToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
            return;
        }
        switch (path) {
            case "com.atproto.repo.createRecord" -> {
                JsonObject body = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8))).readObject();
                String uri = "at://" + DID + "/app.bsky.feed.post/" + body.getString("rkey");
                JsonObject ref = Json.createObjectBuilder().add("uri", uri).add("cid", "cid-" + body.getString("rkey")).build();
                if (!createFailures.isEmpty()) {
                    Object[] failure = createFailures.remove(0);
                    if ((Boolean) failure[2]) {
                        records.put(body.getString("rkey"), ref);
                        created.add(body);
                    }
                    answer(exchange, (Integer) failure[0], (String) failure[1], "ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 60));
                    return;
                }
                if (records.containsKey(body.getString("rkey"))) {
                    answer(exchange, 500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}");
                    return;
                }
                records.put(body.getString("rkey"), ref);
                created.add(body);
                answer(exchange, 200, ref.toString());
            }
            case "com.atproto.repo.getRecord" -> {
                if (getRecordStatus != 0) {
                    answer(exchange, getRecordStatus, "");
                    return;
                }
                String rkey = query.replaceAll(".*rkey=([^&]+).*", "$1");
                JsonObject ref = records.get(rkey);
                if (ref == null) {
                    answer(exchange, 400, "{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}");
                } else {
                    answer(exchange, 200, Json.createObjectBuilder(ref).add("value", Json.createObjectBuilder()).build().toString());
                }
            }
            case "com.atproto.identity.resolveHandle" -> {
                if (query.contains("bob.test")) {
                    answer(exchange, 200, "{\"did\":\"did:plc:bob\"}");
                } else {
                    answer(exchange, 400, "{\"error\":\"InvalidRequest\",\"message\":\"Unable to resolve handle\"}");
                }
            }
            default -> answer(exchange, 404, "{\"error\":\"MethodNotImplemented\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static PublishRequest request(UUID job, String text, List<String> thread) {
        return new PublishRequest(job, 1, "syn-" + job, false, true, "bluesky", UUID.randomUUID(), DID, null, "token-1",
                text, null, thread, List.of(), List.of(), null);
    }

    @Test
    void aTextPostWithFacetsAndAKeyFromTheJob() {
        UUID job = UUID.fromString("01900000-0000-7000-8000-000000000001");

        PublishOutcome outcome = connector.publishNow(request(job, "Hi @bob.test and @nobody.test #tag", List.of()));

        String rkey = BlueskyTid.of(job, 0);
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("at://" + DID + "/app.bsky.feed.post/" + rkey,
                "https://bsky.app/profile/ada.test/post/" + rkey));
        JsonObject record = created.get(0).getJsonObject("record");
        assertThat(created.get(0).getString("repo")).isEqualTo(DID);
        assertThat(record.getString("$type")).isEqualTo("app.bsky.feed.post");
        assertThat(record.getString("createdAt")).isEqualTo("2026-12-02T06:00:00Z");
        assertThat(record.getJsonArray("facets")).as("the handle that does not resolve stays plain text").hasSize(2);
        assertThat(record.getJsonArray("facets").getJsonObject(0).getJsonArray("features").getJsonObject(0).getString("did"))
                .isEqualTo("did:plc:bob");
        assertThat(record.containsKey("reply")).isFalse();
    }

    @Test
    void aThreadRepliesToItsRootAndParent() {
        UUID job = UUID.randomUUID();

        PublishOutcome outcome = connector.publishNow(request(job, "one", List.of("two", "three")));

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(created).hasSize(3);
        String root = "at://" + DID + "/app.bsky.feed.post/" + BlueskyTid.of(job, 0);
        String second = "at://" + DID + "/app.bsky.feed.post/" + BlueskyTid.of(job, 1);
        JsonObject reply = created.get(2).getJsonObject("record").getJsonObject("reply");
        assertThat(reply.getJsonObject("root").getString("uri")).isEqualTo(root);
        assertThat(reply.getJsonObject("parent").getString("uri")).isEqualTo(second);
        assertThat(reply.getJsonObject("parent").getString("cid")).isEqualTo("cid-" + BlueskyTid.of(job, 1));
    }

    @Test
    void thePostsLanguageIsEveryRecordsLangsAndNoLanguageSendsNone() {
        UUID job = UUID.randomUUID();
        PublishRequest base = request(job, "Olá", List.of("tchau"));
        PublishRequest withLanguage = new PublishRequest(base.jobId(), base.generation(), base.idempotencyKey(), false, true,
                base.platform(), base.accountId(), base.platformAccountId(), null, base.accessToken(), base.text(), null,
                base.threadParts(), List.of(), List.of(), null, "pt-BR");

        assertThat(connector.publishNow(withLanguage)).isInstanceOf(PublishOutcome.Published.class);
        assertThat(connector.publishNow(request(UUID.randomUUID(), "no language", List.of()))).isInstanceOf(PublishOutcome.Published.class);

        assertThat(created).hasSize(3);
        for (JsonObject part : created.subList(0, 2)) {
            assertThat(part.getJsonObject("record").getJsonArray("langs")).containsExactly(Json.createValue("pt-BR"));
        }
        assertThat(created.get(2).getJsonObject("record").containsKey("langs")).isFalse();
    }

    @Test
    void aServerErrorAfterTheRecordWasWrittenIsTakenAsCreated() {
        createFailures.add(new Object[] {502, "<html>Bad Gateway</html>", true});
        UUID job = UUID.randomUUID();

        PublishOutcome outcome = connector.publishNow(request(job, "written, answer lost", List.of()));

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(created).hasSize(1);
        assertThat(calls).containsSubsequence("com.atproto.repo.createRecord", "com.atproto.repo.getRecord");
    }

    @Test
    void aServerErrorWithNothingWrittenIsUnknownAndTheLookupSaysNotFound() {
        createFailures.add(new Object[] {500, "{\"error\":\"InternalServerError\"}", false});
        UUID job = UUID.randomUUID();

        PublishOutcome outcome = connector.publishNow(request(job, "not written", List.of()));

        assertThat(outcome).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(connector.checkNow(request(job, "not written", List.of()))).isEqualTo(new CheckOutcome.NotFound());
        getRecordStatus = 503;
        assertThat(connector.checkNow(request(job, "not written", List.of()))).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void publishingAgainNeverMakesASecondPostAndCheckFindsIt() {
        UUID job = UUID.randomUUID();
        PublishRequest request = request(job, "once", List.of("twice?"));
        connector.publishNow(request);

        PublishOutcome again = connector.publishNow(request);

        assertThat(again).isInstanceOf(PublishOutcome.Published.class);
        assertThat(created).hasSize(2);
        assertThat(connector.checkNow(request)).isEqualTo(new CheckOutcome.Found("at://" + DID + "/app.bsky.feed.post/"
                + BlueskyTid.of(job, 0), "https://bsky.app/profile/ada.test/post/" + BlueskyTid.of(job, 0)));
    }

    @Test
    void rateLimitedIsNotProcessedAndWaitsForTheReset() {
        createFailures.add(new Object[] {429, "{\"error\":\"RateLimitExceeded\"}", false});

        PublishOutcome outcome = connector.publishNow(request(UUID.randomUUID(), "later", List.of()));

        assertThat(outcome).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(((PublishOutcome.NotProcessed) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(created).isEmpty();
    }

    @Test
    void anInvalidRecordIsPermanentWithBlueskysMessage() {
        createFailures.add(new Object[] {400, "{\"error\":\"InvalidRequest\",\"message\":\"Record/text must not be longer than 300 graphemes\"}", false});

        PublishOutcome outcome = connector.publishNow(request(UUID.randomUUID(), "too long", List.of()));

        assertThat(outcome).isEqualTo(new PublishOutcome.Permanent(
                "Bluesky refused the post: InvalidRequest: Record/text must not be longer than 300 graphemes"));
    }

    @Test
    void anExpiredSessionIsRefreshedOnce() {
        validToken = "token-0";
        connector.calls.refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                validToken = "token-fresh";
                return TokenRefresher.Result.REFRESHED;
            }
        };
        PublishRequest stale = request(UUID.randomUUID(), "after a refresh", List.of());

        PublishOutcome outcome = connector.publishNow(stale);

        assertThat(outcome).isInstanceOf(PublishOutcome.Published.class);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aRefusedRefreshFailsTheTargetSoTheAccountIsReconnected() {
        validToken = "revoked";
        connector.calls.refresher = refresher(TokenRefresher.Result.REFUSED);

        PublishOutcome outcome = connector.publishNow(request(UUID.randomUUID(), "nobody home", List.of()));

        assertThat(outcome).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(((PublishOutcome.TokenRefused) outcome).reason()).contains("ExpiredToken").contains("must be reconnected");
        assertThat(refreshes).hasValue(1);
        assertThat(created).isEmpty();
    }

    @Test
    void aRefreshThatFailsForNowIsTriedAgainLaterAndKeepsTheAccount() {
        validToken = "revoked";
        connector.calls.refresher = refresher(TokenRefresher.Result.LATER);

        PublishOutcome outcome = connector.publishNow(request(UUID.randomUUID(), "pds down", List.of()));

        assertThat(outcome).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(((PublishOutcome.NotProcessed) outcome).reason()).contains("ExpiredToken").contains("trying again later");
        assertThat(refreshes).hasValue(1);
        assertThat(created).isEmpty();
    }

    private TokenRefresher refresher(TokenRefresher.Result result) {
        return new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                return result;
            }
        };
    }

    @Test
    void servesBlueskyAccountsButNotThoseConnectedThroughTheSandbox() {
        assertThat(connector.serves("bluesky", "https://bsky.social")).isTrue();
        assertThat(connector.serves("bluesky", null)).isTrue();
        assertThat(connector.serves("bluesky", SandboxConnector.SERVICE)).isFalse();
        assertThat(connector.serves("mastodon", "https://mastodon.social")).isFalse();
        assertThat(new SandboxConnector().serves("bluesky", SandboxConnector.SERVICE)).isTrue();
    }

    @Test
    void everyOutcomeHasItsReason() {
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.Unknown("lost"))).isEqualTo("lost");
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.NotProcessed("later", null))).isEqualTo("later");
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.Permanent("never"))).isEqualTo("never");
        assertThat(new ArrayList<>(calls)).isEmpty();
    }
}
