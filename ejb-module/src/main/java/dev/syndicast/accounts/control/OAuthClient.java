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
 * the code exchange, the refresh, and "who connected". Endpoints come from the platform registry, so tests and
 * self-hosted deployments point them elsewhere.
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
        String access = json.getString("access_token", null);
        if (access == null || access.isBlank()) {
            throw new PlatformCallException("The token endpoint answered without an access_token", 502, true);
        }
        JsonValue expiresIn = json.get("expires_in");
        java.time.Instant expiresAt = null;
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
            boolean permanent = status / 100 == 4 && status != 429;
            throw new PlatformCallException("The platform's " + what + " endpoint answered " + status + errorOf(response.body()),
                    status, permanent);
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new PlatformCallException("The platform's " + what + " endpoint answered with something that is not JSON", 502, true);
        }
    }

    /** The standard OAuth error fields, never the whole body (it may echo secrets). */
    private static String errorOf(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            String error = json.getString("error", null);
            String description = json.getString("error_description", null);
            return error == null ? "" : ": " + error + (description == null ? "" : " (" + truncate(description) + ")");
        } catch (RuntimeException e) {
            return "";
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
