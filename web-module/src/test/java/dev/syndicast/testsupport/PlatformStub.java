package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for the platforms' OAuth 2.0 authorization servers and account APIs, strict the way the real
 * ones are: it checks the client credentials, the redirect URI, single use of codes, and the PKCE S256 proof, and
 * it answers errors with RFC 6749's {@code {"error": ...}} bodies. One instance per test JVM, started on a free
 * port before the first server; the server under test is pointed at it through {@link #serverSettings()}.
 * <ul>
 *   <li>{@code linkedin}: client credentials in the request body, one account (LinkedIn's userinfo shape);</li>
 *   <li>{@code facebook}: a login that can act for two pages, each with its own page token (Graph /me/accounts), the
 *   page tokens live tokens of this stub like the others ({@link #accepts});</li>
 *   <li>{@code instagram}: Instagram Login, one professional account ({@code /me?fields=user_id,username,...});</li>
 *   <li>Meta's logins ({@code instagram}, {@code threads}, {@code facebook}) hand out short-lived tokens without a
 *   refresh token that really expire here ({@link #shortLivedLife}, by this stub's own clock, {@link #advanceClock}),
 *   exchanged for 60-day tokens and renewed as Meta documents it ({@link #exchangeForLongLived}, {@link #refreshLongLived},
 *   served on the hosts' paths by {@link MetaGraphStandIn}, {@link ThreadsStandIn} and Facebook's {@code /facebook/token});
 *   Facebook's Page tokens live as long as the user token they were read with, or without expiry when it was
 *   long-lived; {@link #failTokenCalls} makes those endpoints answer a transient 500;</li>
 *   <li>{@code /bluesky}: an AT Protocol PDS (createSession with an app password, refreshSession);</li>
 *   <li>{@code /mastodon}: a Mastodon instance (verify_credentials with an access token);</li>
 *   <li>{@code pinterest}: HTTP Basic client authentication, one account (Pinterest's {@code /v5/user_account});</li>
 *   <li>{@code reddit}: HTTP Basic client authentication, one account (Reddit's {@code /api/v1/me});</li>
 *   <li>{@code dribbble}: Dribbble's OAuth (developer.dribbble.com/v2/oauth/: an access token and no refresh token) and
 *   {@code /v2/user};</li>
 *   <li>{@code snapchat}: Snap's OAuth (access tokens of an hour with a refresh token) and the public profiles the token
 *   may post for;</li>
 *   <li>{@code tiktok}: TikTok's Login Kit (developers.tiktok.com/doc/oauth-user-access-token-management): the client
 *   is {@code client_key}, not client_id, and the user is read from {@code /v2/user/info/};</li>
 *   <li>{@code youtube}: Google's OAuth (client credentials in the body) and the channel behind the token
 *   ({@code channels.list part=snippet mine=true}, developers.google.com/youtube/v3/docs/channels/list).</li>
 * </ul>
 */
public final class PlatformStub {

    public static final String LINKEDIN_CLIENT = "stub-linkedin-client";
    public static final String LINKEDIN_SECRET = "stub-linkedin-secret";
    public static final String FACEBOOK_CLIENT = "stub-facebook-client";
    public static final String FACEBOOK_SECRET = "stub-facebook-secret";
    public static final String BLUESKY_HANDLE = "ada.bsky.social";
    public static final String BLUESKY_APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    public static final String THREADS_CLIENT = "stub-threads-client";
    public static final String THREADS_SECRET = "stub-threads-secret";
    public static final String MASTODON_TOKEN = "masto-token-0123456789";
    public static final String X_CLIENT = "stub-x-client";
    public static final String X_SECRET = "stub-x-secret";
    public static final String X_USER_ID = "2244994945";
    public static final String INSTAGRAM_CLIENT = "stub-instagram-client";
    public static final String INSTAGRAM_SECRET = "stub-instagram-secret";
    public static final String PINTEREST_CLIENT = "stub-pinterest-client";
    public static final String PINTEREST_SECRET = "stub-pinterest-secret";
    public static final String PINTEREST_USER = "ada_pins";
    public static final String REDDIT_CLIENT = "stub-reddit-client";
    public static final String REDDIT_SECRET = "stub-reddit-secret";
    public static final String REDDIT_USER = "ada_reddit";
    public static final String REDDIT_USER_ID = "1w72";
    public static final String DRIBBBLE_CLIENT = "stub-dribbble-client";
    public static final String DRIBBBLE_SECRET = "stub-dribbble-secret";
    public static final String DRIBBBLE_USER_ID = "1";
    public static final String SNAPCHAT_CLIENT = "stub-snapchat-client";
    public static final String SNAPCHAT_SECRET = "stub-snapchat-secret";
    public static final String SNAPCHAT_PROFILE_ID = "8b1f6c3e-public-profile";
    public static final String TIKTOK_CLIENT = "stub-tiktok-client-key";
    public static final String TIKTOK_SECRET = "stub-tiktok-secret";
    public static final String YOUTUBE_CLIENT = "stub-youtube-client.apps.googleusercontent.com";
    public static final String YOUTUBE_SECRET = "stub-youtube-secret";
    /** A channel id as YouTube writes them: UC and 22 more characters. */
    public static final String YOUTUBE_CHANNEL_ID = "UCsyndicastStubChannel01";

    private static PlatformStub instance;

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> refusedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final List<String> grantTypes = new CopyOnWriteArrayList<>();
    private volatile long expiresInSeconds = 3600;
    private final Map<String, MetaToken> metaTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> metaTokenFaults = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private volatile Duration shortLivedLife = Duration.ofHours(1);
    private final List<String> presentedForRefresh = new CopyOnWriteArrayList<>();

    /** Meta's logins: their code exchange hands out a short-lived token to exchange for a long-lived one. */
    private static final Set<String> META = Set.of("instagram", "threads", "facebook");
    /**
     * developers.facebook.com/documentation/instagram-platform/reference/access_token, docs/threads/get-started/long-lived-tokens,
     * docs/facebook-login/guides/access-tokens/get-long-lived: long-lived tokens last 60 days ({@code expires_in} 5183944
     * in their examples).
     */
    private static final Duration LONG_LIVED = Duration.ofDays(60);

    /** What this stub knows of one Meta token: its kind, when it was issued and until when it lives (null: no expiry). */
    public record MetaToken(String platform, Kind kind, Instant issuedAt, Instant expiresAt) {

        public enum Kind { SHORT_LIVED, LONG_LIVED, PAGE }

        boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /** An answer of a token endpoint served on another stand-in's host. */
    public record Answer(int status, String body) {
    }

    private record Grant(String platform, String clientId, String redirectUri, String challenge) {
    }

    /** The OAuth 2.0 platforms this stub authorizes. */
    private static final List<String> PLATFORMS = List.of("linkedin", "facebook", "twitter", "threads", "youtube", "tiktok",
            "instagram", "pinterest", "reddit", "dribbble", "snapchat");

    private PlatformStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String platform : PLATFORMS) {
            server.createContext("/" + platform + "/authorize", exchange -> authorize(platform, exchange));
            server.createContext("/" + platform + "/token", exchange -> token(platform, exchange));
        }
        server.createContext("/threads/me", exchange -> withToken(exchange, "threads",
                "{\"id\":\"" + ThreadsStandIn.USER_ID + "\",\"username\":\"ada\",\"name\":\"Ada Lovelace\"}"));
        // developers.tiktok.com/doc/tiktok-api-v2-get-user-info: {"data":{"user":{...}},"error":{"code":"ok"}}.
        server.createContext("/tiktok/v2/user/info/", exchange -> withToken(exchange, "tiktok",
                "{\"data\":{\"user\":{\"open_id\":\"" + TikTokStandIn.OPEN_ID + "\",\"username\":\"" + TikTokStandIn.USERNAME
                        + "\",\"display_name\":\"Ada Lovelace\",\"avatar_url\":\"https://p16.tiktokcdn.com/ada.jpeg\"}},"
                        + "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"20261202\"}}"));
        server.createContext("/linkedin/userinfo", exchange -> withToken(exchange, "linkedin",
                "{\"sub\":\"li-4711\",\"name\":\"Ada Lovelace\",\"picture\":\"https://media.example/ada.png\"}"));
        // developers.facebook.com/docs/pages-api/getting-started: /me/accounts lists the pages with their Page tokens;
        // docs/pages/access-tokens: read with a short-lived user token they last as long, with a long-lived one they
        // have no expiration date.
        server.createContext("/facebook/me/accounts", exchange -> {
            String user = bearer(exchange);
            if (!accepts("facebook", user)) {
                respond(exchange, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            respond(exchange, 200, "{\"data\":[{\"id\":\"page-1\",\"name\":\"Analytical Engines\",\"access_token\":\""
                    + pageToken(1, user) + "\"},{\"id\":\"page-2\",\"name\":\"Difference Engines\",\"access_token\":\""
                    + pageToken(2, user) + "\"}]}");
        });
        // developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started: /me with user_id.
        server.createContext("/instagram/me", exchange -> withToken(exchange, "instagram",
                "{\"user_id\":\"" + MetaGraphStandIn.IG_USER_ID + "\",\"username\":\"ada.engines\",\"name\":\"Ada Lovelace\"}"));
        // docs.x.com/x-api/users/user-lookup-me: the user behind the token.
        server.createContext("/twitter/2/users/me", exchange -> withToken(exchange, "twitter",
                "{\"data\":{\"id\":\"" + X_USER_ID + "\",\"username\":\"ada\",\"name\":\"Ada Lovelace\"}}"));
        // developers.pinterest.com/docs/api/v5/user_account-get: the account behind the token.
        server.createContext("/pinterest/v5/user_account", exchange -> withToken(exchange, "pinterest",
                "{\"account_type\":\"BUSINESS\",\"username\":\"" + PINTEREST_USER + "\",\"business_name\":\"Ada's Pins\","
                        + "\"profile_image\":\"https://i.pinimg.com/ada.jpg\"}"));
        // www.reddit.com/dev/api#GET_api_v1_me: the user behind the token (scope identity).
        server.createContext("/reddit/api/v1/me", exchange -> withToken(exchange, "reddit",
                "{\"id\":\"" + REDDIT_USER_ID + "\",\"name\":\"" + REDDIT_USER + "\",\"icon_img\":\"https://styles.redditmedia.com/ada.png\"}"));
        // developer.dribbble.com/v2/user/: the authenticated user.
        server.createContext("/dribbble/v2/user", exchange -> withToken(exchange, "dribbble", "{\"id\":" + DRIBBBLE_USER_ID
                + ",\"name\":\"Ada Lovelace\",\"login\":\"ada\",\"avatar_url\":\"https://cdn.dribbble.com/ada.png\"}"));
        // The token's own public profile (GET /v1/public_profiles/my_profile; an ASSUMED call, see docs/platforms/snapchat.md),
        // with the entity fields of developers.snap.com/api/marketing-api/Public-Profile-API/Profiles.
        server.createContext("/snapchat/v1/public_profiles/my_profile", exchange -> withToken(exchange, "snapchat",
                "{\"request_status\":\"SUCCESS\",\"request_id\":\"5f1c\",\"public_profile\":{\"id\":\"" + SNAPCHAT_PROFILE_ID
                        + "\",\"display_name\":\"Ada's Engines\",\"snap_user_name\":\"ada.engines\",\"profile_tier\":\"TIER_PUBLIC\","
                        + "\"logo_urls\":{\"original_logo_url\":\"https://cf-st.sc-cdn.net/ada.png\"}}}"));
        // developers.google.com/youtube/v3/docs/channels/list: part=snippet, mine=true, the channel of the token.
        server.createContext("/youtube/channels", exchange -> withToken(exchange, "youtube", "{\"kind\":\"youtube#channelListResponse\","
                + "\"items\":[{\"kind\":\"youtube#channel\",\"id\":\"" + YOUTUBE_CHANNEL_ID + "\",\"snippet\":{\"title\":\"Ada's Engines\","
                + "\"customUrl\":\"@adasengines\",\"thumbnails\":{\"default\":{\"url\":\"https://yt3.example/ada.jpg\"}}}}]}"));
        server.createContext("/bluesky/xrpc/com.atproto.server.createSession", this::blueskyLogin);
        server.createContext("/bluesky/xrpc/com.atproto.server.refreshSession", this::blueskyRefresh);
        server.createContext("/mastodon/api/v1/accounts/verify_credentials", exchange -> {
            if (!("Bearer " + MASTODON_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"The access token is invalid\"}");
                return;
            }
            respond(exchange, 200, "{\"id\":\"109348\",\"username\":\"ada\",\"acct\":\"ada\",\"display_name\":\"Ada L.\","
                    + "\"avatar\":\"https://files.example/ada.png\",\"url\":\"https://mastodon.example/@ada\"}");
        });
        server.start();
    }

    private void blueskyLogin(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.contains("\"identifier\":\"" + BLUESKY_HANDLE + "\"") || !body.contains("\"password\":\"" + BLUESKY_APP_PASSWORD + "\"")) {
            respond(exchange, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
            return;
        }
        grantTypes.add("bluesky:createSession");
        respond(exchange, 200, blueskySession());
    }

    private void blueskyRefresh(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String refresh = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
        if (!"bluesky".equals(refreshTokens.get(refresh)) || refusedRefreshTokens.contains(refresh)) {
            respond(exchange, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has been revoked\"}");
            return;
        }
        refreshTokens.remove(refresh);
        grantTypes.add("bluesky:refreshSession");
        respond(exchange, 200, blueskySession());
    }

    /** AT Protocol sessions carry JWTs; the access JWT's exp claim says when it runs out (two hours). */
    private String blueskySession() {
        long exp = java.time.Instant.now().plusSeconds(7200).getEpochSecond();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"did:plc:ada\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        String access = "eyJhbGciOiJIUzI1NiJ9." + payload + "." + UUID.randomUUID().toString().replace("-", "");
        String refresh = "rjwt-" + UUID.randomUUID();
        refreshTokens.put(refresh, "bluesky");
        issuedTokens.add(access);
        issuedTokens.add(refresh);
        return "{\"did\":\"did:plc:ada\",\"handle\":\"" + BLUESKY_HANDLE + "\",\"accessJwt\":\"" + access
                + "\",\"refreshJwt\":\"" + refresh + "\"}";
    }

    public static synchronized PlatformStub instance() {
        if (instance == null) {
            instance = new PlatformStub();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The server configuration that points Syndicast at this stub. */
    public Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String platform : PLATFORMS) {
            settings.put("syndicast.platforms." + platform + ".oauth.authorize-url", baseUrl() + "/" + platform + "/authorize");
            settings.put("syndicast.platforms." + platform + ".oauth.token-url", baseUrl() + "/" + platform + "/token");
        }
        settings.put("syndicast.platforms.linkedin.oauth.accounts-url", baseUrl() + "/linkedin/userinfo");
        settings.put("syndicast.platforms.threads.oauth.accounts-url", baseUrl() + "/threads/me");
        settings.put("syndicast.platforms.threads.oauth.client-id", THREADS_CLIENT);
        settings.put("syndicast.platforms.threads.oauth.client-secret", THREADS_SECRET);
        settings.put("syndicast.platforms.facebook.oauth.accounts-url", baseUrl() + "/facebook/me/accounts");
        settings.put("syndicast.platforms.instagram.oauth.accounts-url", baseUrl() + "/instagram/me");
        settings.put("syndicast.platforms.instagram.oauth.client-id", INSTAGRAM_CLIENT);
        settings.put("syndicast.platforms.instagram.oauth.client-secret", INSTAGRAM_SECRET);
        settings.put("syndicast.platforms.tiktok.oauth.accounts-url", baseUrl()
                + "/tiktok/v2/user/info/?fields=open_id,display_name,username,avatar_url");
        settings.put("syndicast.platforms.tiktok.oauth.client-id", TIKTOK_CLIENT);
        settings.put("syndicast.platforms.tiktok.oauth.client-secret", TIKTOK_SECRET);
        // Deployment-level client for LinkedIn; Facebook's comes through the workspace settings route in the test.
        settings.put("syndicast.platforms.linkedin.oauth.client-id", LINKEDIN_CLIENT);
        settings.put("syndicast.platforms.linkedin.oauth.client-secret", LINKEDIN_SECRET);
        settings.put("syndicast.platforms.twitter.oauth.accounts-url", baseUrl() + "/twitter/2/users/me");
        settings.put("syndicast.platforms.twitter.oauth.client-id", X_CLIENT);
        settings.put("syndicast.platforms.twitter.oauth.client-secret", X_SECRET);
        settings.put("syndicast.platforms.pinterest.oauth.accounts-url", baseUrl() + "/pinterest/v5/user_account");
        settings.put("syndicast.platforms.pinterest.oauth.client-id", PINTEREST_CLIENT);
        settings.put("syndicast.platforms.pinterest.oauth.client-secret", PINTEREST_SECRET);
        settings.put("syndicast.platforms.reddit.oauth.accounts-url", baseUrl() + "/reddit/api/v1/me");
        settings.put("syndicast.platforms.reddit.oauth.client-id", REDDIT_CLIENT);
        settings.put("syndicast.platforms.reddit.oauth.client-secret", REDDIT_SECRET);
        settings.put("syndicast.platforms.dribbble.oauth.accounts-url", baseUrl() + "/dribbble/v2/user");
        settings.put("syndicast.platforms.dribbble.oauth.client-id", DRIBBBLE_CLIENT);
        settings.put("syndicast.platforms.dribbble.oauth.client-secret", DRIBBBLE_SECRET);
        settings.put("syndicast.platforms.snapchat.oauth.accounts-url", baseUrl() + "/snapchat/v1/public_profiles/my_profile");
        settings.put("syndicast.platforms.snapchat.oauth.client-id", SNAPCHAT_CLIENT);
        settings.put("syndicast.platforms.snapchat.oauth.client-secret", SNAPCHAT_SECRET);
        settings.put("syndicast.platforms.youtube.oauth.accounts-url", baseUrl() + "/youtube/channels?part=snippet&mine=true");
        settings.put("syndicast.platforms.youtube.oauth.client-id", YOUTUBE_CLIENT);
        settings.put("syndicast.platforms.youtube.oauth.client-secret", YOUTUBE_SECRET);
        // Tests refresh on demand (POST /api/system/token-refresh), not on the minute timer.
        settings.put("syndicast.accounts.refresh-enabled", "false");
        return settings;
    }

    /** Every access and refresh token handed out, to prove none of them is stored or shown in plaintext. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    public List<String> grantTypes() {
        return List.copyOf(grantTypes);
    }

    /** From now on every refresh token currently issued is revoked (invalid_grant), like a user revoking access. */
    public void revokeAllRefreshTokens() {
        refusedRefreshTokens.addAll(refreshTokens.keySet());
    }

    /** Serves a file at {@code /files/<name>} (media imports in batch tests); returns its URL. */
    public String serve(String name, String contentType, byte[] body) {
        server.createContext("/files/" + name, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return baseUrl() + "/files/" + name;
    }

    public void expiresIn(long seconds) {
        expiresInSeconds = seconds;
    }

    private void authorize(String platform, HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        String client = query.get(clientParameter(platform));
        if (!"code".equals(query.get("response_type")) || !expectedClient(platform).equals(client)
                || query.get("redirect_uri") == null || query.get("state") == null
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(platform, client, query.get("redirect_uri"), query.get("code_challenge")));
        String location = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(String platform, HttpExchange exchange) throws IOException {
        if ("facebook".equals(platform) && "GET".equals(exchange.getRequestMethod())) {
            // docs/facebook-login/guides/access-tokens/get-long-lived: GET oauth/access_token?grant_type=fb_exchange_token.
            Answer answer = exchangeForLongLived("facebook", "GET", parse(exchange.getRequestURI().getRawQuery()));
            respond(exchange, answer.status(), answer.body());
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            // docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token: a confidential client
            // authenticates with HTTP Basic.
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            form.put("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
            form.put("client_secret", pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
        }
        if (!expectedClient(platform).equals(form.get(clientParameter(platform)))
                || !expectedSecret(platform).equals(form.get("client_secret"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String grantType = form.get("grant_type");
        grantTypes.add(platform + ":" + grantType);
        if ("authorization_code".equals(grantType)) {
            Grant grant = codes.remove(form.getOrDefault("code", ""));
            if (grant == null || !grant.platform().equals(platform) || !grant.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null || !grant.challenge().equals(s256(form.get("code_verifier")))) {
                respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code, redirect_uri or code_verifier wrong\"}");
                return;
            }
            respond(exchange, 200, META.contains(platform) ? issueShortLived(platform) : issue(platform));
        } else if ("refresh_token".equals(grantType) && !META.contains(platform)) {
            String refresh = form.getOrDefault("refresh_token", "");
            if (!platform.equals(refreshTokens.get(refresh)) || refusedRefreshTokens.contains(refresh)) {
                respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked\"}");
                return;
            }
            refreshTokens.remove(refresh);
            respond(exchange, 200, issue(platform));
        } else {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private String issue(String platform) {
        String access = "at-" + platform + "-" + UUID.randomUUID();
        if ("dribbble".equals(platform)) {
            // developer.dribbble.com/v2/oauth/: the token answer has access_token, token_type, scope; no refresh token.
            accessTokens.put(access, platform);
            issuedTokens.add(access);
            return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"scope\":\"public upload\"}";
        }
        String refresh = "rt-" + platform + "-" + UUID.randomUUID();
        accessTokens.put(access, platform);
        refreshTokens.put(refresh, platform);
        issuedTokens.add(access);
        issuedTokens.add(refresh);
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresInSeconds
                + ",\"refresh_token\":\"" + refresh + "\",\"scope\":\"stub.scope\"}";
    }

    /** A Page access token of this stub, read with {@code userToken}: it lives as long as that token, or for good if long-lived. */
    private String pageToken(int page, String userToken) {
        String token = "page-token-" + page + "-" + UUID.randomUUID();
        MetaToken user = metaTokens.get(userToken);
        Instant expires = user == null || user.kind() == MetaToken.Kind.LONG_LIVED ? null : user.expiresAt();
        accessTokens.put(token, "facebook");
        metaTokens.put(token, new MetaToken("facebook", MetaToken.Kind.PAGE, now(), expires));
        issuedTokens.add(token);
        return token;
    }

    private void withToken(HttpExchange exchange, String platform, String body) throws IOException {
        if (!accepts(platform, bearer(exchange))) {
            respond(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        respond(exchange, 200, body);
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization == null || !authorization.startsWith("Bearer ") ? null : authorization.substring(7);
    }

    // ---- Meta's short- and long-lived tokens --------------------------------------------------------------------------

    /**
     * The code exchange of Meta's logins: a short-lived token and no refresh token, in each platform's answer shape
     * (Facebook docs/facebook-login/guides/advanced/manual-flow: access_token, token_type, expires_in; Instagram
     * documentation/instagram-platform/instagram-api-with-instagram-login/business-login: the token, the user id and the
     * permissions; Threads docs/threads/get-started/get-access-tokens-and-permissions: the token and the user id).
     */
    private String issueShortLived(String platform) {
        String token = "sl-" + platform + "-" + UUID.randomUUID();
        Duration life = shortLivedLife;
        accessTokens.put(token, platform);
        metaTokens.put(token, new MetaToken(platform, MetaToken.Kind.SHORT_LIVED, now(), now().plus(life)));
        issuedTokens.add(token);
        return switch (platform) {
            case "instagram" -> "{\"access_token\":\"" + token + "\",\"user_id\":\"" + MetaGraphStandIn.IG_USER_ID
                    + "\",\"permissions\":\"instagram_business_basic,instagram_business_content_publish\"}";
            case "threads" -> "{\"access_token\":\"" + token + "\",\"user_id\":\"" + ThreadsStandIn.USER_ID + "\"}";
            default -> "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + life.toSeconds() + "}";
        };
    }

    /**
     * {@code GET /access_token?grant_type=ig_exchange_token|th_exchange_token&client_secret=&access_token=} (graph.instagram.com,
     * graph.threads.net) or {@code GET /oauth/access_token?grant_type=fb_exchange_token&client_id=&client_secret=&fb_exchange_token=}
     * (graph.facebook.com). The rules, from the pages named at {@link #LONG_LIVED}: a GET; the grant type of the
     * platform; the app secret (and Facebook's app id), required; a valid, unexpired short-lived token ("You can not use an
     * expired token to request a long-lived token"). Errors are Graph API error bodies
     * (developers.facebook.com/docs/graph-api/guides/error-handling: 190 with subcode 463 for an expired token, 190 for an
     * invalid one, 100 for an invalid parameter; code 2 is a temporary service error).
     */
    public Answer exchangeForLongLived(String platform, String method, Map<String, String> query) {
        grantTypes.add(platform + ":" + query.getOrDefault("grant_type", ""));
        String grant = switch (platform) {
            case "instagram" -> "ig_exchange_token";
            case "threads" -> "th_exchange_token";
            default -> "fb_exchange_token";
        };
        Answer refused = commonChecks(platform, method, query, grant);
        if (refused != null) {
            return refused;
        }
        if ("facebook".equals(platform) && query.get("client_id") == null) {
            return graphError(400, 100, 0, "(#100) Missing parameter client_id");
        }
        if (query.get("client_secret") == null) {
            return graphError(400, 100, 0, "(#100) Missing parameter client_secret");
        }
        if (!expectedSecret(platform).equals(query.get("client_secret"))
                || ("facebook".equals(platform) && !FACEBOOK_CLIENT.equals(query.get("client_id")))) {
            return graphError(400, 100, 0, "Error validating client secret.");
        }
        String token = query.get("facebook".equals(platform) ? "fb_exchange_token" : "access_token");
        Answer invalid = liveToken(platform, token, MetaToken.Kind.SHORT_LIVED);
        return invalid != null ? invalid : new Answer(200, issueLongLived(platform));
    }

    /**
     * {@code GET /refresh_access_token?grant_type=ig_refresh_token|th_refresh_token&access_token=}: a long-lived token at
     * least 24 hours old that has not expired is valid for 60 days again (documentation/instagram-platform/reference/refresh_access_token,
     * docs/threads/get-started/long-lived-tokens); anything else is refused like {@link #exchangeForLongLived}. Meta does
     * not document its answer to a token younger than a day; the stand-in answers an invalid parameter (code 100).
     */
    public Answer refreshLongLived(String platform, String method, Map<String, String> query) {
        grantTypes.add(platform + ":" + query.getOrDefault("grant_type", ""));
        String token = query.get("access_token");
        if (token != null) {
            presentedForRefresh.add(token);
        }
        Answer refused = commonChecks(platform, method, query, "instagram".equals(platform) ? "ig_refresh_token" : "th_refresh_token");
        if (refused != null) {
            return refused;
        }
        Answer invalid = liveToken(platform, token, MetaToken.Kind.LONG_LIVED);
        if (invalid != null) {
            return invalid;
        }
        if (metaTokens.get(token).issuedAt().plus(Duration.ofHours(24)).isAfter(now())) {
            return graphError(400, 100, 0, "(#100) The access token must be at least 24 hours old to be refreshed");
        }
        return new Answer(200, issueLongLived(platform));
    }

    private Answer commonChecks(String platform, String method, Map<String, String> query, String grant) {
        if (metaTokenFaults.computeIfAbsent(platform, p -> new AtomicInteger()).getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(500, "{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your request later.\","
                    + "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true,\"fbtrace_id\":\"AbCdEf\"}}");
        }
        if (!"GET".equals(method)) {
            return graphError(400, 100, 0, "Unsupported request - method type: " + method.toLowerCase(java.util.Locale.ROOT));
        }
        if (!grant.equals(query.get("grant_type"))) {
            return graphError(400, 100, 0, "(#100) Invalid parameter grant_type: expected " + grant);
        }
        return null;
    }

    /** Null when {@code token} is a live token of {@code kind} for {@code platform}; else Meta's refusal. */
    private Answer liveToken(String platform, String token, MetaToken.Kind kind) {
        MetaToken known = token == null ? null : metaTokens.get(token);
        if (known == null || !platform.equals(accessTokens.get(token)) || known.kind() != kind) {
            return graphError(400, 190, 0, "Invalid OAuth access token - Cannot parse access token");
        }
        if (known.expiredAt(now())) {
            return graphError(400, 190, 463, expiredMessage(known));
        }
        return null;
    }

    private String issueLongLived(String platform) {
        String token = "ll-" + platform + "-" + UUID.randomUUID();
        accessTokens.put(token, platform);
        metaTokens.put(token, new MetaToken(platform, MetaToken.Kind.LONG_LIVED, now(), now().plus(LONG_LIVED)));
        issuedTokens.add(token);
        return "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + (LONG_LIVED.toSeconds() - 56) + "}";
    }

    private String expiredMessage(MetaToken token) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'UTC'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
        return "Error validating access token: Session has expired on " + format.format(token.expiresAt()) + ". The current time is "
                + format.format(now()) + ".";
    }

    private static Answer graphError(int status, int code, int subcode, String message) {
        return new Answer(status, "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"OAuthException\",\"code\":"
                + code + (subcode == 0 ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"AbCdEf\"}}");
    }

    /** The Graph API refusal of a token the publishing stand-ins were given: expired (190/463) or invalid. */
    public String refusalOf(String token) {
        MetaToken known = token == null ? null : metaTokens.get(token);
        return known != null && known.expiredAt(now()) ? expiredMessage(known)
                : "Error validating access token: The session has been invalidated";
    }

    /** Whether {@code token} is a Meta token that ran out by this stub's clock. */
    public boolean expired(String token) {
        MetaToken known = token == null ? null : metaTokens.get(token);
        return known != null && known.expiredAt(now());
    }

    /** Every token sent to a long-lived refresh endpoint, in order (whatever the answer). */
    public List<String> presentedForRefresh() {
        return List.copyOf(presentedForRefresh);
    }

    /** What this stub knows of a Meta token it issued. */
    public java.util.Optional<MetaToken> metaToken(String token) {
        return java.util.Optional.ofNullable(metaTokens.get(token));
    }

    /** How long short-lived tokens of Meta's logins live from now on (an hour, as documented, unless a test says). */
    public void shortLivedLife(Duration life) {
        shortLivedLife = life;
    }

    /** The next {@code n} long-lived exchanges or refreshes of {@code platform} answer 500 (code 2, transient). */
    public void failTokenCalls(String platform, int n) {
        metaTokenFaults.computeIfAbsent(platform, p -> new AtomicInteger()).set(n);
    }

    /** This stub's clock, by which Meta tokens expire: real time plus what tests moved it by. */
    public Instant now() {
        return Instant.now().plus(clockOffset.get());
    }

    public void advanceClock(Duration by) {
        clockOffset.accumulateAndGet(by, Duration::plus);
    }

    /** Back to real time, one hour short-lived tokens, and no faults. */
    public void resetMetaTokens() {
        clockOffset.set(Duration.ZERO);
        shortLivedLife = Duration.ofHours(1);
        metaTokenFaults.clear();
    }

    /** TikTok names its client {@code client_key} in the authorize URL and the token request. */
    private static String clientParameter(String platform) {
        return "tiktok".equals(platform) ? "client_key" : "client_id";
    }

    private static String expectedClient(String platform) {
        return switch (platform) {
            case "twitter" -> X_CLIENT;
            case "tiktok" -> TIKTOK_CLIENT;
            case "linkedin" -> LINKEDIN_CLIENT;
            case "threads" -> THREADS_CLIENT;
            case "instagram" -> INSTAGRAM_CLIENT;
            case "pinterest" -> PINTEREST_CLIENT;
            case "reddit" -> REDDIT_CLIENT;
            case "dribbble" -> DRIBBBLE_CLIENT;
            case "snapchat" -> SNAPCHAT_CLIENT;
            case "youtube" -> YOUTUBE_CLIENT;
            default -> FACEBOOK_CLIENT;
        };
    }

    private static String expectedSecret(String platform) {
        return switch (platform) {
            case "twitter" -> X_SECRET;
            case "tiktok" -> TIKTOK_SECRET;
            case "linkedin" -> LINKEDIN_SECRET;
            case "threads" -> THREADS_SECRET;
            case "instagram" -> INSTAGRAM_SECRET;
            case "pinterest" -> PINTEREST_SECRET;
            case "reddit" -> REDDIT_SECRET;
            case "dribbble" -> DRIBBBLE_SECRET;
            case "snapchat" -> SNAPCHAT_SECRET;
            case "youtube" -> YOUTUBE_SECRET;
            default -> FACEBOOK_SECRET;
        };
    }

    /**
     * Whether {@code token} is a live access token this stub issued for {@code platform} (for API stand-ins): not
     * revoked, and for Meta's tokens not expired by this stub's clock.
     */
    public boolean accepts(String platform, String token) {
        return token != null && platform.equals(accessTokens.get(token)) && !expired(token);
    }

    /** Revokes every access and refresh token issued for {@code platform}, like a user revoking the app. */
    public void revokeAll(String platform) {
        accessTokens.entrySet().removeIf(e -> e.getValue().equals(platform));
        refreshTokens.forEach((token, owner) -> {
            if (owner.equals(platform)) {
                refusedRefreshTokens.add(token);
            }
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    public static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
