package dev.syndicast.accounts.control;

import dev.syndicast.core.control.PlatformHttp;
import dev.syndicast.media.control.UrlGuard;
import dev.syndicast.accounts.entity.InstanceLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The platforms that connect without OAuth, against their documented APIs: Bluesky (AT Protocol:
 * {@code com.atproto.server.createSession} with a handle and an app password, {@code refreshSession}) and
 * Mastodon (an access token of the user's instance, checked with {@code /api/v1/accounts/verify_credentials}).
 * Both servers are user-supplied URLs, so every one passes the server's URL guard first (no internal addresses).
 */
@ApplicationScoped
public class FederatedClients {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(FederatedClients.class.getName());

    @Inject
    UrlGuard guard;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.request-timeout", defaultValue = "PT20S")
    Duration requestTimeout;

    private HttpClient http;

    /**
     * A federated login: who it is, the tokens to act with, and what its server accepts (Mastodon; null when the
     * server did not say).
     */
    public record Login(RemoteAccount account, TokenSet tokens, InstanceLimits limits) {

        public Login(RemoteAccount account, TokenSet tokens) {
            this(account, tokens, null);
        }
    }

    public Login blueskyLogin(String service, String identifier, String appPassword) {
        JsonObject body = Json.createObjectBuilder().add("identifier", identifier).add("password", appPassword).build();
        JsonObject session = call(HttpRequest.newBuilder(endpoint(service, "/xrpc/com.atproto.server.createSession"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "Bluesky");
        return blueskySession(session);
    }

    public Login blueskyRefresh(String service, String refreshJwt) {
        JsonObject session = call(HttpRequest.newBuilder(endpoint(service, "/xrpc/com.atproto.server.refreshSession"))
                .header("Authorization", "Bearer " + refreshJwt)
                .POST(HttpRequest.BodyPublishers.noBody()), "Bluesky");
        return blueskySession(session);
    }

    public Login mastodonVerify(String instance, String accessToken) {
        JsonObject me = call(HttpRequest.newBuilder(endpoint(instance, "/api/v1/accounts/verify_credentials"))
                .header("Authorization", "Bearer " + accessToken).GET(), "Mastodon");
        String acct = me.getString("acct", me.getString("username", null));
        RemoteAccount account = new RemoteAccount(text(me, "id"), acct == null ? null : "@" + acct,
                me.getString("display_name", null), me.getString("avatar", null), null);
        // Mastodon access tokens do not expire; they are revoked at the instance.
        return new Login(account, new TokenSet(accessToken, null, null, null), mastodonLimits(instance));
    }

    /**
     * The instance's own limits from {@code GET /api/v2/instance} (docs.joinmastodon.org/methods/instance#v2, public):
     * {@code configuration.statuses.max_characters} and {@code max_media_attachments}. An instance that does not answer
     * or does not say leaves them unknown (null), and the platform's defaults apply; connecting does not fail for it.
     */
    InstanceLimits mastodonLimits(String instance) {
        try {
            JsonObject description = call(HttpRequest.newBuilder(endpoint(instance, "/api/v2/instance")).GET(), "Mastodon");
            InstanceLimits limits = instanceLimits(description);
            return limits.isEmpty() ? null : limits;
        } catch (PlatformCallException e) {
            LOG.info(() -> "event=mastodon_instance_limits_unknown instance=" + instance + " reason=\"" + e.getMessage() + "\"");
            return null;
        }
    }

    /** The limits an instance description (entities/Instance) states; each null when it does not. */
    static InstanceLimits instanceLimits(JsonObject description) {
        JsonObject configuration = description.get("configuration") instanceof JsonObject c ? c : null;
        JsonObject statuses = configuration != null && configuration.get("statuses") instanceof JsonObject s ? s : null;
        if (statuses == null) {
            return new InstanceLimits(null, null);
        }
        return new InstanceLimits(integer(statuses, "max_characters"), integer(statuses, "max_media_attachments"));
    }

    private static Integer integer(JsonObject object, String name) {
        return object.get(name) instanceof jakarta.json.JsonNumber n && n.isIntegral() ? n.intValue() : null;
    }

    private Login blueskySession(JsonObject session) {
        String access = session.getString("accessJwt", null);
        String did = session.getString("did", null);
        if (access == null || did == null) {
            throw new PlatformCallException("Bluesky answered a session without accessJwt or did", 502, true);
        }
        RemoteAccount account = new RemoteAccount(did, session.getString("handle", null), session.getString("handle", null), null, null);
        return new Login(account, new TokenSet(access, session.getString("refreshJwt", null), jwtExpiry(access), null));
    }

    /** The {@code exp} claim of a JWT (read, not verified: the PDS verifies it; we only plan the refresh). */
    static Instant jwtExpiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            JsonObject claims = Json.createReader(new StringReader(payload)).readObject();
            return claims.containsKey("exp") ? Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private URI endpoint(String server, String path) {
        URI base;
        try {
            base = URI.create(server.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new dev.syndicast.core.entity.InvalidInputException("Not a URL: " + server);
        }
        if (base.getHost() == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new dev.syndicast.core.entity.InvalidInputException("The server must be an http(s) URL: " + server);
        }
        guard.check(base);
        return URI.create(base + path);
    }

    private JsonObject call(HttpRequest.Builder request, String platform) {
        HttpResponse<String> response;
        try {
            response = http().send(request.timeout(requestTimeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PlatformCallException(platform + " did not answer in time", 504, false);
        } catch (IOException e) {
            throw new PlatformCallException("Cannot reach " + platform + ": " + e.getMessage(), 502, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallException("Interrupted while calling " + platform, 503, false);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new PlatformCallException(platform + " answered " + status + reason(response.body()), status,
                    status / 100 == 4 && status != 429);
        }
        try {
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (RuntimeException e) {
            throw new PlatformCallException(platform + " answered with something that is not a JSON object", 502, true);
        }
    }

    /** AT Protocol errors are {error, message}; Mastodon's are {error, error_description}. Never the raw body. */
    private static String reason(String body) {
        try {
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            String error = json.getString("error", null);
            String message = json.getString("message", json.getString("error_description", null));
            return error == null ? "" : ": " + error + (message == null ? "" : " (" + message + ")");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String text(JsonObject json, String field) {
        return json.containsKey(field) && !json.isNull(field) ? json.get(field).toString().replace("\"", "") : null;
    }

    private HttpClient http() {
        if (http == null) {
            // Redirects are not followed: a redirect could lead past the URL guard to an internal address.
            http = PlatformHttp.client(connectTimeout);
        }
        return http;
    }
}
