package dev.syndicast.publishing.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.TokenRefresher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rule {@link TokenSession} keeps for every connector, over real HTTP: a call the platform refused for its
 * token is sent again once with a renewed token; nothing else is ever repeated here (a 5xx or a connection broken after
 * sending may have reached the platform, so it is the connector's to look up, never this helper's to resend).
 */
class TokenSessionTest {

    private static final TokenSession.Refusal REFUSAL = TokenSession.Refusal.on401(answer ->
            new PublishOutcome.TokenRefused("refused: " + answer.body()));

    /** What the fake platform received: the Authorization, the User-Agent and the body of each request. */
    record Received(String authorization, String accept, String userAgent, String body) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers in turn: a status and body, or null to drop the connection after reading the request. */
    private final Deque<Object[]> script = new ArrayDeque<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile TokenRefresher.Result refreshResult = TokenRefresher.Result.REFRESHED;
    private PlatformCalls calls;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        TokenRefresher refresher = new TokenRefresher() {
            @Override
            public TokenRefresher.Result refresh(UUID accountId) {
                refreshes.incrementAndGet();
                return refreshResult;
            }
        };
        Accounts accounts = new Accounts() {
            @Override
            public Optional<AccountCredentials> credentials(UUID accountId) {
                return Optional.of(new AccountCredentials(UUID.randomUUID(), "ada", "fresh"));
            }
        };
        calls = PlatformCalls.of(Clock.systemUTC(), accounts, refresher, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("User-Agent"), body));
            Object[] next = script.poll();
            if (next == null) {
                return; // the request arrived; closing without an answer drops the connection
            }
            byte[] answer = ((String) next[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((int) next[0], answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void answer(int status, String body) {
        script.add(new Object[]{status, body});
    }

    private TokenSession session(TokenSession.Refusal refusal) {
        return calls.session(UUID.randomUUID(), "stale", refusal);
    }

    private Supplier<HttpRequest.Builder> post(String body) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/posts");
        return () -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheSameCallSentAgain() throws Exception {
        answer(401, "expired");
        answer(201, "{\"id\":\"7\"}");

        HttpAnswer answer = session(REFUSAL).send(post("hello"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).isEqualTo("{\"id\":\"7\"}");
        assertThat(refreshes).hasValue(1);
        assertThat(received).extracting(Received::authorization).containsExactly("Bearer stale", "Bearer fresh");
        assertThat(received).extracting(Received::body).as("the body is sent again from its start").containsExactly("hello", "hello");
        assertThat(received).extracting(Received::accept).containsOnly("application/json");
    }

    @Test
    void aTokenRefusedAgainAfterItsRenewalEndsTheStep() {
        answer(401, "expired");
        answer(401, "still expired");

        assertThatThrownBy(() -> session(REFUSAL).send(post("hello"))).isInstanceOf(Stop.class)
                .extracting(e -> ((Stop) e).outcome).isEqualTo(new PublishOutcome.TokenRefused("refused: still expired"));
        assertThat(received).hasSize(2);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aRefusedRenewalEndsTheStepWithoutSendingAgain() {
        refreshResult = TokenRefresher.Result.REFUSED;
        answer(401, "revoked");

        assertThatThrownBy(() -> session(REFUSAL).send(post("hello"))).isInstanceOf(Stop.class)
                .extracting(e -> ((Stop) e).outcome).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void aRenewalThatFailsForNowIsNotProcessed() {
        refreshResult = TokenRefresher.Result.LATER;
        answer(401, "expired");

        assertThatThrownBy(() -> session(REFUSAL).send(post("hello"))).isInstanceOf(Stop.class)
                .extracting(e -> ((Stop) e).outcome).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(received).hasSize(1);
    }

    @Test
    void aServerErrorIsReturnedAsItIsAndNeverRepeatedHere() throws Exception {
        answer(503, "busy");

        HttpAnswer answer = session(REFUSAL).send(post("hello"));

        assertThat(answer.status()).as("the post may exist: the connector looks it up").isEqualTo(503);
        assertThat(received).hasSize(1);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void aConnectionBrokenAfterSendingIsAFailureAndNeverRepeatedHere() {
        // no answer scripted: the fake reads the request and drops the connection

        assertThatThrownBy(() -> session(REFUSAL).send(post("hello"))).isInstanceOf(IOException.class);
        assertThat(received).as("sent once; whether it acted is for the connector to find out").hasSize(1);
    }

    @Test
    void aPlatformsOwnExpiredErrorCountsAsARefusalWhenItSaysSo() throws Exception {
        TokenSession.Refusal expired = new TokenSession.Refusal(a -> a.status() == 401 || a.status() == 400 && a.body().contains("ExpiredToken"),
                a -> new PublishOutcome.TokenRefused("session: " + a.body()));
        answer(400, "{\"error\":\"ExpiredToken\"}");
        answer(200, "{}");

        assertThat(session(expired).send(post("x")).status()).isEqualTo(200);
        assertThat(received).extracting(Received::authorization).containsExactly("Bearer stale", "Bearer fresh");
    }

    @Test
    void a401ThePlatformDoesNotCallARefusedTokenIsReturnedUntouched() throws Exception {
        TokenSession.Refusal scoped = new TokenSession.Refusal(a -> a.status() == 401 && !a.body().contains("scope"),
                a -> new PublishOutcome.TokenRefused(a.body()));
        answer(401, "scope_not_authorized");

        assertThat(session(scoped).send(post("x")).status()).isEqualTo(401);
        assertThat(received).hasSize(1);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void aRefusalClassifiedAsSomethingElseEndsTheStepWithIt() {
        PublishOutcome.Permanent permanent = new PublishOutcome.Permanent("not a token problem");
        answer(401, "odd");

        assertThatThrownBy(() -> session(new TokenSession.Refusal(a -> a.status() == 401, a -> permanent)).send(post("x")))
                .isInstanceOf(Stop.class).extracting(e -> ((Stop) e).outcome).isEqualTo(permanent);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void theSchemeAndHeadersAPlatformAsksForGoOnEveryCall() throws Exception {
        answer(401, "expired");
        answer(200, "{}");

        session(REFUSAL).scheme("bearer").header("User-Agent", "server:test:1.0 (by /u/test)").send(post("x"));

        assertThat(received).extracting(Received::authorization).containsExactly("bearer stale", "bearer fresh");
        assertThat(received).extracting(Received::userAgent).containsOnly("server:test:1.0 (by /u/test)");
    }

    @Test
    void withoutAnAccountTheTokenIsNeverRenewed() {
        answer(401, "expired");

        assertThatThrownBy(() -> calls.session(null, "stale", REFUSAL).send(post("x"))).isInstanceOf(Stop.class)
                .extracting(e -> ((Stop) e).outcome).isEqualTo(new PublishOutcome.TokenRefused("refused: expired"));
        assertThat(refreshes).hasValue(0);
    }
}
