package dev.syndicast.publishing.control;

import dev.syndicast.core.control.PlatformHttp;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sandbox platform (module {@code sandbox}): a separate HTTP service that behaves like a remote publishing API.
 * Serves platform {@code sandbox} and any account connected through the sandbox (service URL {@code sandbox}), so a
 * demo workspace's "tiktok" accounts can publish somewhere real. One client keeps connections alive.
 */
@ApplicationScoped
public class SandboxConnector implements Connector {

    public static final String SERVICE = "sandbox";

    @Inject
    @ConfigProperty(name = "syndicast.publishing.sandbox.url", defaultValue = "http://127.0.0.1:7070")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.sandbox.request-timeout", defaultValue = "PT10S")
    Duration requestTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.sandbox.connect-timeout", defaultValue = "PT2S")
    Duration connectTimeout;

    @Inject
    Clock clock;

    /** Looked up once: {@code Json.createXxx} searches the service loader on every call, which shows at 1,000 calls/s. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private HttpClient client;
    private URI base;

    @PostConstruct
    void init() {
        base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        client = PlatformHttp.client(connectTimeout);
    }

    @Override
    public boolean serves(String platform, String serviceUrl) {
        return SERVICE.equals(platform) || SERVICE.equals(serviceUrl);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        JsonArrayBuilder media = JSON.createArrayBuilder();
        request.mediaUrls().forEach(media::add);
        JsonArrayBuilder thread = JSON.createArrayBuilder();
        request.threadParts().forEach(thread::add);
        String body = JSON.createObjectBuilder()
                .add("account", request.platformAccountId())
                .add("platform", request.platform())
                .add("text", request.text() == null ? "" : request.text())
                .add("title", request.title() == null ? "" : request.title())
                .add("thread", thread)
                .add("media", media)
                .build().toString();
        HttpRequest http = authorized(request, HttpRequest.newBuilder(base.resolve("v1/posts")))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::outcomeOf)
                .exceptionally(SandboxConnector::failureOf);
    }

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        HttpRequest http = authorized(request, HttpRequest.newBuilder(base.resolve("v1/posts?idempotency_key="
                + URLEncoder.encode(request.idempotencyKey(), StandardCharsets.UTF_8)))).GET().build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(SandboxConnector::checkOutcomeOf)
                .exceptionally(thrown -> new CheckOutcome.CannotTell(describe(unwrap(thrown))));
    }

    static CheckOutcome checkOutcomeOf(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new CheckOutcome.CannotTell("the lookup answered HTTP " + response.statusCode());
        }
        try {
            JsonArray found = parse(response.body()).getJsonArray("data");
            if (found == null) {
                return new CheckOutcome.CannotTell("the lookup's answer has no data");
            }
            if (found.isEmpty()) {
                return new CheckOutcome.NotFound();
            }
            JsonObject post = found.getJsonObject(0);
            return new CheckOutcome.Found(post.getString("id"), post.getString("url", null));
        } catch (RuntimeException unreadable) {
            return new CheckOutcome.CannotTell("the lookup's answer could not be read");
        }
    }

    @Override
    public boolean delete(PublishRequest request, String externalId) {
        HttpRequest http = authorized(request, HttpRequest.newBuilder(base.resolve("v1/posts/"
                + URLEncoder.encode(externalId, StandardCharsets.UTF_8)))).DELETE().build();
        try {
            int status = client.send(http, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder authorized(PublishRequest request, HttpRequest.Builder builder) {
        return builder.timeout(requestTimeout).header("Authorization", "Bearer " + request.accessToken());
    }

    private PublishOutcome outcomeOf(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            JsonObject post = parse(response.body());
            return new PublishOutcome.Published(post.getString("id"), post.getString("url", null));
        }
        return RetryPolicy.classify(status, response.headers().firstValue("Retry-After"), response.body(), clock.instant());
    }

    /**
     * A connection that could not be opened sent nothing, so the call is simply repeated. Anything else (a timeout or
     * broken connection after the request went out, an answer that cannot be read) may have created the post.
     */
    static PublishOutcome failureOf(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("Sandbox not reachable: " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer within the request timeout after sending");
        }
        if (cause instanceof IOException) {
            return new PublishOutcome.Unknown("The connection broke after sending: " + describe(cause));
        }
        // A malformed success body is a bug on one side or the other; the post may exist, so ask before repeating.
        return new PublishOutcome.Unknown("The answer could not be read: " + describe(cause));
    }

    private static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    private static JsonObject parse(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
