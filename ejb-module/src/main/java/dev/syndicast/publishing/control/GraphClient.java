package dev.syndicast.publishing.control;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls to one of Meta's Graph API hosts at one version ({@code <base>/<version>/<path>}), as every Meta connector
 * makes them: parameters form-encoded, the access token in the {@code Authorization} header (never in a URL, where
 * logs would keep it), answers read as text. Asynchronous, so a delivery keeps all its calls in flight at once.
 */
final class GraphClient {

    private final HttpClient http;
    private final String root;
    private final Duration timeout;

    GraphClient(HttpClient http, String baseUrl, String version, Duration timeout) {
        this.http = http;
        this.root = version == null || version.isBlank() ? baseUrl : GraphAnswers.join(baseUrl, version);
        this.timeout = timeout;
    }

    CompletableFuture<HttpResponse<String>> get(String token, String pathAndQuery) {
        return send(builder(token, pathAndQuery).GET().build());
    }

    CompletableFuture<HttpResponse<String>> post(String token, String path, Map<String, String> form) {
        return send(builder(token, path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(GraphAnswers.formBody(form))).build());
    }

    CompletableFuture<HttpResponse<String>> delete(String token, String path) {
        return send(builder(token, path).DELETE().build());
    }

    HttpRequest.Builder builder(String token, String path) {
        return HttpRequest.newBuilder(URI.create(GraphAnswers.join(root, path))).timeout(timeout)
                .header("Authorization", "Bearer " + token);
    }

    CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
