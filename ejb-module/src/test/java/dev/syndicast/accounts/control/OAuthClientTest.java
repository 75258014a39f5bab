package dev.syndicast.accounts.control;

import com.sun.net.httpserver.HttpServer;
import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.platforms.entity.OAuthEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OAuth client against a local server: what it sends, how it reads answers, how it classifies failures. */
class OAuthClientTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private HttpServer server;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private volatile int tokenStatus = 200;
    private volatile String tokenAnswer = "{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3600,\"scope\":\"a b\"}";
    private OAuthClient client;
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private volatile int metaStatus = 200;
    private volatile String metaAnswer = "{\"access_token\":\"long-lived\",\"token_type\":\"bearer\",\"expires_in\":5183944}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = tokenAnswer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(tokenStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // Meta's long-lived token endpoints take their parameters in the query of a GET.
        for (String path : List.of("/access_token", "/refresh_access_token")) {
            server.createContext(path, exchange -> {
                lastQuery.set(exchange.getRequestMethod() + " " + path + "?" + exchange.getRequestURI().getRawQuery());
                byte[] body = metaAnswer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(metaStatus, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        server.createContext("/users/me", exchange -> {
            byte[] body = "{\"data\":{\"id\":\"42\",\"username\":\"ada\",\"name\":\"Ada\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new OAuthClient();
        client.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        client.connectTimeout = Duration.ofSeconds(2);
        client.requestTimeout = Duration.ofSeconds(2);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OAuthEndpoints twitter() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return PlatformRegistry.of(key -> Optional.ofNullable(Map.of(
                "syndicast.platforms.twitter.oauth.token-url", base + "/token",
                "syndicast.platforms.twitter.oauth.accounts-url", base + "/users/me").get(key))).get("twitter").oauth();
    }

    private OAuthEndpoints meta(String platform) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return PlatformRegistry.of(key -> Optional.ofNullable(Map.of(
                "syndicast.platforms." + platform + ".oauth.token-url", base + "/access_token",
                "syndicast.platforms." + platform + ".oauth.exchange-url", base + "/access_token",
                "syndicast.platforms." + platform + ".oauth.refresh-url", base + "/refresh_access_token").get(key)))
                .get(platform).oauth();
    }

    @Test
    void anInstagramShortLivedTokenIsExchangedWithTheAppSecretForASixtyDayTokenWithoutRefreshToken() {
        TokenSet kept = client.keepable(meta("instagram"), new OAuthClient.ClientCredentials("ig-app", "ig-secret"),
                new TokenSet("short", null, null, "instagram_business_basic"));

        assertThat(lastQuery.get()).isEqualTo("GET /access_token?grant_type=ig_exchange_token&client_secret=ig-secret&access_token=short");
        assertThat(kept.accessToken()).isEqualTo("long-lived");
        assertThat(kept.refreshToken()).isNull();
        assertThat(kept.expiresAt()).isEqualTo(NOW.plusSeconds(5183944));
        assertThat(kept.scope()).as("the login's scope stays").isEqualTo("instagram_business_basic");
    }

    @Test
    void aFacebookUserTokenIsExchangedWithClientIdAndSecretAsFbExchangeToken() {
        client.keepable(meta("facebook"), new OAuthClient.ClientCredentials("fb-app", "fb-secret"), new TokenSet("short", null, null, null));

        assertThat(lastQuery.get()).isEqualTo(
                "GET /access_token?grant_type=fb_exchange_token&client_id=fb-app&client_secret=fb-secret&fb_exchange_token=short");
    }

    @Test
    void threadsUsesItsOwnGrantTypes() {
        client.keepable(meta("threads"), new OAuthClient.ClientCredentials("th-app", "th-secret"), new TokenSet("short", null, null, null));
        assertThat(lastQuery.get()).startsWith("GET /access_token?grant_type=th_exchange_token&client_secret=th-secret");

        client.refreshLongLived(meta("threads"), "long-lived");
        assertThat(lastQuery.get()).isEqualTo("GET /refresh_access_token?grant_type=th_refresh_token&access_token=long-lived");
    }

    @Test
    void platformsWithoutAShortLivedLoginKeepTheCodeExchangesTokens() {
        TokenSet fromCode = new TokenSet("at", "rt", NOW.plusSeconds(60), null);
        assertThat(client.keepable(twitter(), new OAuthClient.ClientCredentials("id", "s"), fromCode)).isSameAs(fromCode);
        assertThat(lastQuery.get()).isNull();
    }

    @Test
    void aLongLivedTokenIsRenewedWithItselfForTheDocumentedLifeWhenTheAnswerDoesNotSay() {
        metaAnswer = "{\"access_token\":\"renewed\",\"token_type\":\"bearer\"}";

        TokenSet renewed = client.refreshLongLived(meta("instagram"), "long-lived");

        assertThat(lastQuery.get()).isEqualTo("GET /refresh_access_token?grant_type=ig_refresh_token&access_token=long-lived");
        assertThat(renewed.accessToken()).isEqualTo("renewed");
        assertThat(renewed.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(60)));
    }

    @Test
    void facebookPageTokensAreNotRenewedWithThemselves() {
        assertThatThrownBy(() -> client.refreshLongLived(meta("facebook"), "page-token")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedExchangeIsPermanentWithMetasMessageAndAnOutageOrTransientErrorIsNot() {
        metaStatus = 400;
        metaAnswer = "{\"error\":{\"message\":\"Error validating access token: Session has expired\",\"type\":\"OAuthException\","
                + "\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"A\"}}";
        assertThatThrownBy(() -> client.refreshLongLived(meta("instagram"), "long-lived"))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("OAuthException 190/463 (Error validating access token: Session has expired)");
                });

        metaStatus = 500;
        metaAnswer = "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\",\"code\":2}}";
        assertThatThrownBy(() -> client.exchangeForLongLived(meta("instagram"), new OAuthClient.ClientCredentials("a", "s"),
                new TokenSet("short", null, null, null)))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> assertThat(e.isPermanent()).isFalse());

        metaStatus = 400;
        metaAnswer = "{\"error\":{\"message\":\"Temporary\",\"type\":\"OAuthException\",\"code\":1,\"is_transient\":true}}";
        assertThatThrownBy(() -> client.refreshLongLived(meta("instagram"), "long-lived"))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> assertThat(e.isPermanent()).as("Graph code 1 is an outage").isFalse());
    }

    @Test
    void theAppSecretNeverReachesAnErrorMessage() {
        metaStatus = 400;
        metaAnswer = "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}";
        assertThatThrownBy(() -> client.exchangeForLongLived(meta("instagram"), new OAuthClient.ClientCredentials("a", "s3cret-value"),
                new TokenSet("short-token-value", null, null, null)))
                .isInstanceOfSatisfying(PlatformCallException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("s3cret-value", "short-token-value"));
    }

    @Test
    void theAuthorizationUrlCarriesPkceStateAndThePlatformsSpelling() {
        OAuthEndpoints tiktok = PlatformRegistry.of(key -> Optional.empty()).get("tiktok").oauth();
        URI url = OAuthClient.authorizationUrl(tiktok, "ck", "https://syn.example/cb", "st", "ch");
        assertThat(url.getQuery()).contains("client_key=ck", "state=st", "code_challenge=ch", "code_challenge_method=S256",
                "scope=user.info.basic,video.upload,video.publish", "redirect_uri=https://syn.example/cb");
    }

    @Test
    void exchangesTheCodeWithBasicClientAuthWhereThePlatformWantsIt() {
        TokenSet tokens = client.exchangeCode(twitter(), new OAuthClient.ClientCredentials("id", "s3cret"), "the-code",
                "https://syn.example/cb", "verifier");

        assertThat(lastAuthorization.get()).isEqualTo("Basic aWQ6czNjcmV0");
        assertThat(lastBody.get()).contains("grant_type=authorization_code", "code=the-code", "code_verifier=verifier",
                "redirect_uri=https%3A%2F%2Fsyn.example%2Fcb").doesNotContain("s3cret");
        assertThat(tokens.accessToken()).isEqualTo("at");
        assertThat(tokens.refreshToken()).isEqualTo("rt");
        assertThat(tokens.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(tokens.toString()).doesNotContain("at\"", "rt");
    }

    @Test
    void readsWhoConnectedThroughTheAccountMapping() {
        List<RemoteAccount> accounts = client.accounts(twitter(), "at");
        assertThat(accounts).singleElement().satisfies(a -> {
            assertThat(a.platformAccountId()).isEqualTo("42");
            assertThat(a.username()).isEqualTo("ada");
            assertThat(a.avatarUrl()).isNull();
        });
    }

    @Test
    void aRefusedRefreshIsPermanentAnOutageIsNot() {
        tokenStatus = 400;
        tokenAnswer = "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}";
        assertThatThrownBy(() -> client.refresh(twitter(), new OAuthClient.ClientCredentials("id", "s"), "rt"))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("invalid_grant (revoked)");
                });

        tokenStatus = 503;
        tokenAnswer = "{}";
        assertThatThrownBy(() -> client.refresh(twitter(), new OAuthClient.ClientCredentials("id", "s"), "rt"))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> assertThat(e.isPermanent()).isFalse());

        tokenStatus = 429;
        assertThatThrownBy(() -> client.refresh(twitter(), new OAuthClient.ClientCredentials("id", "s"), "rt"))
                .isInstanceOfSatisfying(PlatformCallException.class, e -> assertThat(e.isPermanent()).isFalse());
    }

    @Test
    void aRefreshWithoutANewRefreshTokenKeepsTheOld() {
        tokenAnswer = "{\"access_token\":\"at2\",\"expires_in\":\"60\"}";
        TokenSet tokens = client.refresh(twitter(), new OAuthClient.ClientCredentials("id", "s"), "old-rt");
        assertThat(tokens.refreshToken()).isEqualTo("old-rt");
        assertThat(tokens.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }
}
