package dev.syndicast.media;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.ServerProcess;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 300 MB multipart upload, sent chunked, to a server whose heap is capped at {@value #HEAP}: Payara Micro with
 * the application and the embedded broker already keeps about 170 MB of it live, so the upload only succeeds if
 * the body streams to disk. (At 192 MB and below the server runs out of heap on its own baseline.) The server
 * runs through {@code bin/syndicast} so the test can choose its heap.
 */
class MediaLargeUploadIT {

    static final String HEAP = "256m";
    static final long SIZE = 300L * 1024 * 1024;

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void a300MegabyteUploadStreamsThroughASmallHeap() throws Exception {
        server = ServerProcess.start("syndicast_test_media_large", Map.of(
                "SYNDICAST_JAVA_OPTS", "-Xmx" + HEAP + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"));
        Api api = Api.at(server.url());
        HttpRequest upload = api.request("/api/external/v1/media-library/upload")
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("big.mp4", "video/mp4",
                        MediaFixtures.generatedVideoBytes(SIZE), "tags", "large")))
                .build();
        HttpResponse<String> response = send(upload);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject item = new Api.Reply(response).json().getJsonObject("item");
        assertThat(item.getJsonNumber("size_bytes").longValue()).isEqualTo(SIZE);
        assertThat(item.getString("checksum_sha256")).isEqualTo(MediaFixtures.sha256(MediaFixtures.generatedVideoBytes(SIZE)));
        assertThat(Files.size(server.dataDir().resolve("media").resolve(item.getString("storage_path")))).isEqualTo(SIZE);

        Api.Reply tail = api.send(api.request("/api/external/v1/media-library/" + item.getString("id") + "/download")
                .header("Range", "bytes=-16"));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.header("Content-Range")).isEqualTo("bytes " + (SIZE - 16) + "-" + (SIZE - 1) + "/" + SIZE);
        assertThat(api.anonymous().get("/health").status()).isEqualTo(200);
        assertThat(Files.readString(server.dataDir().resolve("server.log"))).doesNotContain("OutOfMemoryError");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
