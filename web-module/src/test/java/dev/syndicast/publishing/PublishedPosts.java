package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import jakarta.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the connector tests share: media into the library, a post read back, a target awaited until published. */
final class PublishedPosts {

    private PublishedPosts() {
    }

    static JsonObject post(Api api, String id) {
        return api.get("/api/external/v1/posts/" + id).json();
    }

    /** The post's first target once the post is published (fails with the post's body after {@code within}). */
    static JsonObject publishedTarget(Api api, String id, Duration within) {
        Await.await().atMost(within).untilAsserted(() -> assertThat(post(api, id).getString("status"))
                .as(() -> post(api, id).toString()).isEqualTo("published"));
        return post(api, id).getJsonArray("targets").getJsonObject(0);
    }

    /**
     * Connects the caller's workspace to {@code platform} through the OAuth stub (start, consent, callback) and answers
     * the first account the callback connected, as the API shows it ({@code id}, {@code platform_account_id}, ...).
     */
    static JsonObject connectThroughOAuth(Api api, String platform) {
        URI authorize = URI.create(api.get("/api/external/v1/connections/" + platform + "/start").json().getString("authorization_url"));
        Api.Reply consent = api.anonymous().send(HttpRequest.newBuilder(authorize).GET());
        assertThat(consent.status()).as(consent.toString()).isEqualTo(302);
        Api.Reply callback = api.anonymous().send(HttpRequest.newBuilder(URI.create(consent.header("Location"))).GET());
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        return callback.json().getJsonArray("accounts").getJsonObject(0);
    }

    /** Imports a CSV of posts as the {@code post-import} batch job, awaits its end and answers its per-row results. */
    static JsonObject importCsv(Api api, String csv) {
        Api.Reply started = api.send(api.request("/api/external/v1/posts/bulk").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long execution = started.json().getJsonNumber("execution_id").longValue();
        Await.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));
        return api.get("/api/external/v1/batch/executions/" + execution + "/results").json();
    }

    /** Uploads a file with its alt text to the caller's media library and answers the item's id. */
    static String uploadToLibrary(Api api, String name, String type, byte[] content, String altText) {
        Api.Reply uploaded = api.send(api.request("/api/external/v1/media/upload").header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart(name, type,
                        (InputStream) new ByteArrayInputStream(content), "alt_text", altText))));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        return uploaded.json().getJsonObject("item").getString("id");
    }

    /** A small PNG that differs on every call (the library stores identical files once). */
    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 1, UUID.randomUUID().hashCode());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
