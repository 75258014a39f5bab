package dev.syndicast.accounts.control;

import dev.syndicast.core.control.PlatformHttp;
import dev.syndicast.platforms.entity.OAuthEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 client side (RFC 6749 with PKCE, RFC 7636) as the platforms document it: the authorization URL,
 * the code exchange, the refresh, and "who connected"; for Meta's logins also the exchange of the short-lived token
 * for a long-lived one and its renewal ({@link OAuthEndpoints.LongLivedTokens}, which cites the pages). Endpoints come
 * from the platform registry, so tests and self-hosted deployments point them elsewhere.
 */
@ApplicationScoped
public class OAuthClient {

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.http.request-timeout", defaultValue = "PT20S")
    Duration requestTimeout;

    private HttpClient http;

    HttpClient http() {
        if (http == null) {
            http = PlatformHttp.client(connectTimeout);
        }
        return http;
    }

    public record ClientCredentials(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "ClientCredentials[" + clientId + "]";
        }
    }

    public static URI authorizationUrl(OAuthEndpoints endpoints, String clientId, String redirectUri, String state, String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put(endpoints.clientIdParameter(), clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", String.join(endpoints.scopeSeparator(), endpoints.scopes()));
        query.put("state", state);
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        query.putAll(endpoints.extraAuthorizeParameters());
        String separator = endpoints.authorizeUrl().contains("?") ? "&" : "?";
        return URI.create(endpoints.authorizeUrl() + separator + form(query));
    }

    public TokenSet exchangeCode(OAuthEndpoints endpoints, ClientCredentials client, String code, String redirectUri, String verifier) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        body.put("code_verifier", verifier);
        return tokenRequest(endpoints, client, body, null);
    }

    public TokenSet refresh(OAuthEndpoints endpoints, ClientCredentials client, String refreshToken) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "refresh_token");
        body.put("refresh_token", refreshToken);
        return tokenRequest(endpoints, client, body, refreshToken);
    }

    /**
     * The tokens to keep from a code exchange: as they came, or, where the platform's login hands out a short-lived
     * token (Meta's), the long-lived token it is exchanged for. Nothing short-lived is ever passed on as if it were
     * long-lived: a failed exchange throws.
     */
    public TokenSet keepable(OAuthEndpoints endpoints, ClientCredentials client, TokenSet fromCode) {
        return endpoints.longLived() == null ? fromCode : exchangeForLongLived(endpoints, client, fromCode);
    }

    /**
     * {@code GET <exchange url>?grant_type=ig_exchange_token|th_exchange_token|fb_exchange_token&client_secret=...}
     * with the short-lived token (and {@code client_id} for Facebook); the answer is {@code access_token},
     * {@code token_type}, {@code expires_in}. The short-lived token's scope stays; there is no refresh token.
     */
    public TokenSet exchangeForLongLived(OAuthEndpoints endpoints, ClientCredentials client, TokenSet shortLived) {
        OAuthEndpoints.LongLivedTokens longLived = endpoints.longLived();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", longLived.exchangeGrant());
        if (longLived.sendsClientId()) {
            query.put("client_id", client.clientId());
        }
        query.put("client_secret", client.clientSecret());
        query.put(longLived.tokenParameter(), shortLived.accessToken());
        TokenSet exchanged = tokens(get(endpoints.longLivedExchangeUrl(), query, "long-lived token"), null, longLived.documentedLife());
        return new TokenSet(exchanged.accessToken(), null, exchanged.expiresAt(),
                exchanged.scope() != null ? exchanged.scope() : shortLived.scope());
    }

    /**
     * {@code GET <refresh url>?grant_type=ig_refresh_token|th_refresh_token&access_token=<the long-lived token>}: the
     * same kind of answer, a token valid for the documented life again. Only for platforms whose long-lived tokens
     * renew themselves ({@link OAuthEndpoints.LongLivedTokens#renewsItself()}).
     */
    public TokenSet refreshLongLived(OAuthEndpoints endpoints, String longLivedToken) {
        OAuthEndpoints.LongLivedTokens longLived = endpoints.longLived();
        if (longLived == null || !longLived.renewsItself()) {
            throw new IllegalArgumentException("This platform's tokens are not renewed with the token itself");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", longLived.refreshGrant());
        query.put("access_token", longLivedToken);
        TokenSet refreshed = tokens(get(longLived.refreshUrl(), query, "token refresh"), null, longLived.documentedLife());
        return new TokenSet(refreshed.accessToken(), null, refreshed.expiresAt(), refreshed.scope());
    }

    /** A GET whose parameters are in the query, as Meta's token endpoints document them; the URL is never logged. */
    private JsonObject get(String url, Map<String, String> query, String what) {
        String separator = url.contains("?") ? "&" : "?";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + separator + form(query)))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET().build();
        JsonStructure body = send(request, what);
        if (!(body instanceof JsonObject json)) {
            throw new PlatformCallException("The platform's " + what + " endpoint answered with something that is not a JSON object", 502, true);
        }
        return json;
    }

    /** Who connected: one account, or the selectable accounts/pages the access token can act for. */
    public List<RemoteAccount> accounts(OAuthEndpoints endpoints, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.accountsUrl()))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET().build();
        JsonStructure body = send(request, "accounts");
        OAuthEndpoints.AccountMapping mapping = endpoints.accounts();
        JsonValue list = mapping.listPointer().isEmpty() ? body : pointer(mapping.listPointer()).getValue(body);
        List<RemoteAccount> accounts = new ArrayList<>();
        if (list instanceof JsonArray array) {
            array.forEach(item -> accounts.add(account((JsonStructure) item, mapping)));
        } else {
            accounts.add(account((JsonStructure) list, mapping));
        }
        return accounts;
    }

    private RemoteAccount account(JsonStructure item, OAuthEndpoints.AccountMapping mapping) {
        String id = text(item, mapping.idPointer());
        if (id == null || id.isBlank()) {
            throw new PlatformCallException("The platform's account answer has no account id at " + mapping.idPointer(), 502, true);
        }
        return new RemoteAccount(id, text(item, mapping.usernamePointer()), text(item, mapping.namePointer()),
                text(item, mapping.avatarPointer()), text(item, mapping.tokenPointer()));
    }

    private TokenSet tokenRequest(OAuthEndpoints endpoints, ClientCredentials client, Map<String, String> body, String previousRefresh) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoints.tokenUrl()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (endpoints.basicClientAuth()) {
            String basic = URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            // Public-client platforms (X) still want the client id in the body next to PKCE.
            body.put(endpoints.clientIdParameter(), client.clientId());
        } else {
            body.put(endpoints.clientIdParameter(), client.clientId());
            body.put("client_secret", client.clientSecret());
        }
        JsonObject json = (JsonObject) send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), "token");
        return tokens(json, previousRefresh, null);
    }

    /**
     * Reads a token answer. {@code expires_in} (a number, or digits in a string) gives the expiry; without it the
     * token's {@code documentedLife} does, or nothing (the platform did not say, the token is kept until refused).
     */
    private TokenSet tokens(JsonObject json, String previousRefresh, Duration documentedLife) {
        String access = json.get("access_token") instanceof JsonString a ? a.getString() : null;
        if (access == null || access.isBlank()) {
            throw new PlatformCallException("The token endpoint answered without an access_token", 502, true);
        }
        JsonValue expiresIn = json.get("expires_in");
        java.time.Instant expiresAt = documentedLife == null ? null : clock.instant().plus(documentedLife);
        if (expiresIn != null && expiresIn.getValueType() == JsonValue.ValueType.NUMBER) {
            expiresAt = clock.instant().plusSeconds(((jakarta.json.JsonNumber) expiresIn).longValue());
        } else if (expiresIn instanceof JsonString s && s.getString().matches("\\d+")) {
            expiresAt = clock.instant().plusSeconds(Long.parseLong(s.getString()));
        }
        String refresh = json.getString("refresh_token", previousRefresh);
        return new TokenSet(access, refresh, expiresAt, json.getString("scope", null));
    }

    private JsonStructure send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PlatformCallException("The platform's " + what + " endpoint did not answer in time", 504, false);
        } catch (IOException e) {
            throw new PlatformCallException("Cannot reach the platform's " + what + " endpoint: " + e.getMessage(), 502, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallException("Interrupted while calling the platform", 503, false);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean permanent = status / 100 == 4 && status != 429 && !transientGraphError(response.body());
            throw new PlatformCallException("The platform's " + what + " endpoint answered " + status + errorOf(response.body()),
                    status, permanent);
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new PlatformCallException("The platform's " + what + " endpoint answered with something that is not JSON", 502, true);
        }
    }

    /**
     * The standard OAuth error fields, or a Graph API error object's type, code, subcode and message (Meta's token
     * endpoints, developers.facebook.com/docs/graph-api/guides/error-handling); never the whole body (it may echo
     * secrets).
     */
    private static String errorOf(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            if (json.get("error") instanceof JsonObject graph) {
                String code = graph.containsKey("code") ? " " + graph.get("code")
                        + (graph.containsKey("error_subcode") ? "/" + graph.get("error_subcode") : "") : "";
                String message = graph.getString("message", null);
                return ": " + graph.getString("type", "error") + code + (message == null ? "" : " (" + truncate(message) + ")");
            }
            String error = json.getString("error", null);
            String description = json.getString("error_description", null);
            return error == null ? "" : ": " + error + (description == null ? "" : " (" + truncate(description) + ")");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * A Graph API error that is an outage or throttling, whatever its HTTP status: {@code is_transient}, or code 1
     * (API unknown), 2 (API service), 4, 17 or 341 (too many calls), which the error-handling guide says to wait and
     * retry (developers.facebook.com/docs/graph-api/guides/error-handling).
     */
    private static boolean transientGraphError(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            if (reader.readObject().get("error") instanceof JsonObject graph) {
                int code = graph.getInt("code", 0);
                return graph.getBoolean("is_transient", false) || code == 1 || code == 2 || code == 4 || code == 17 || code == 341;
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String text(JsonStructure item, String pointer) {
        if (pointer == null) {
            return null;
        }
        JsonValue value;
        try {
            value = pointer(pointer).getValue(item);
        } catch (jakarta.json.JsonException absent) {
            // The field (or an object on the way to it) is missing: platforms omit optional fields.
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> value.toString();
            default -> null;
        };
    }

    private static JsonPointer pointer(String pointer) {
        return Json.createPointer(pointer);
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
