package dev.syndicast.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox over HTTP: publish with a key, find by key, faults, rate limit, ledger. */
class SandboxServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private SandboxServer sandbox;

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxServer("127.0.0.1", 0, 8);
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void recordsEveryPublishWithItsKeyAndFindsItByKey() throws Exception {
        HttpResponse<String> created = publish("key-1");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"id\":\"sbx_1\"", "/p/sbx_1");
        assertThat(publish("key-1").statusCode()).as("no deduplication: a repeat is a second post").isEqualTo(201);

        HttpResponse<String> found = send(HttpRequest.newBuilder(uri("/v1/posts?idempotency_key=key-1"))
                .header("Authorization", "Bearer token-123").GET());
        assertThat(found.body()).contains("sbx_1", "sbx_2");
        assertThat(sandbox.ledger().duplicateKeys()).isEqualTo(1);
        assertThat(send(HttpRequest.newBuilder(uri("/control/ledger")).GET()).body()).contains("\"count\":2", "\"idempotency_key\":\"key-1\"");
    }

    @Test
    void refusesPublishesWithoutBearerToken() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/posts")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(sandbox.ledger().all()).isEmpty();
    }

    @Test
    void failsEveryCallWhenToldToAndRateLimitsWithRetryAfter() throws Exception {
        send(HttpRequest.newBuilder(uri("/control/faults?fail_percent=100&mix=5xx")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(publish("k").statusCode()).isIn(500, 502, 503);
        send(HttpRequest.newBuilder(uri("/control/faults?rate_limit_per_second=1&retry_after_seconds=2")).POST(HttpRequest.BodyPublishers.noBody()));
        int first = publish("a").statusCode();
        HttpResponse<String> second = publish("b");
        if (first == 201) {
            // Both may fall into two different seconds; then the window reset and the second is allowed too.
            assertThat(second.statusCode()).isIn(201, 429);
            if (second.statusCode() == 429) {
                assertThat(second.headers().firstValue("Retry-After")).contains("2");
            }
        }
        assertThat(send(HttpRequest.newBuilder(uri("/control/faults?fail_percent=101")).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> publish(String key) throws Exception {
        return send(HttpRequest.newBuilder(uri("/v1/posts")).header("Authorization", "Bearer token-123")
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"acc-1\",\"platform\":\"sandbox\",\"text\":\"hello\"}")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sandbox.port() + path);
    }
}
