package dev.syndicast.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** The video generation API as the CLI uses it: JSON in and out, the API key as a bearer token. */
final class ApiClient {

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(String baseUrl, String apiKey) {
        this.base = URI.create(baseUrl.replaceAll("/+$", "") + "/");
        this.apiKey = apiKey;
    }

    JsonObject get(String path) {
        return json(send(request(path).GET()));
    }

    JsonObject post(String path, JsonObject body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString()))));
    }

    JsonObject delete(String path) {
        return json(send(request(path).DELETE()));
    }

    /** Downloads into the file; @return the file */
    Path download(String path, Path target) {
        try {
            HttpResponse<Path> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                java.nio.file.Files.deleteIfExists(target);
                throw new CliException("Download failed with HTTP " + response.statusCode());
            }
            return target;
        } catch (IOException e) {
            throw new CliException("Cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    static String query(Map<String, Object> params) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null) {
                joiner.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException("Cannot reach " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); is the server running? Try: serve");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    /** The body as JSON; an error status becomes a {@link CliException} with the server's detail. */
    private static JsonObject json(HttpResponse<String> response) {
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            body = reader.readObject();
        } catch (RuntimeException e) {
            throw new CliException("HTTP " + response.statusCode() + " with a body that is not JSON: " + response.body());
        }
        if (response.statusCode() >= 400) {
            String detail = body.containsKey("detail") && !body.isNull("detail") ? body.getString("detail") : body.toString();
            String error = body.containsKey("error") ? body.getString("error") : "Error";
            throw new CliException(error + " (HTTP " + response.statusCode() + "): " + detail);
        }
        return body;
    }

    static final class CliException extends RuntimeException {
        CliException(String message) {
            super(message);
        }
    }
}
