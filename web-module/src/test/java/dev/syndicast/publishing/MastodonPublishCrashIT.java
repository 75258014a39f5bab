package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.MastodonStandIn;
import dev.syndicast.testsupport.ServerProcess;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-step publish survives a crash: the server is killed with SIGKILL while the Mastodon stand-in is still
 * processing the post's upload (the job has stored the media id and is polling). After the restart the job resumes
 * from the stored step: it polls the same upload instead of uploading again, and the instance ends up with exactly one
 * status carrying it.
 */
class MastodonPublishCrashIT {

    private ServerProcess server;
    private final MastodonStandIn instance = new MastodonStandIn();

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
        instance.close();
    }

    @Test
    void aPublishKilledWhileTheInstanceProcessesItsMediaResumesFromTheStoredStepAndPostsOnce() throws IOException {
        server = ServerProcess.start("syndicast_test_masto_crash", Map.of(
                "SYNDICAST_MEDIA_FETCH_ALLOWED_HOSTS", "127.0.0.1",
                "SYNDICAST_PUBLISHING_MASTODON_PROCESSING_POLL", "PT1S",
                "SYNDICAST_PUBLISHING_DISPATCH_LEASE", "PT10S"));
        Api api = Api.at(server.url());
        Api.Reply connected = api.post("/api/external/v1/connections/mastodon", """
                {"instance_url":"%s","access_token":"%s"}""".formatted(instance.baseUrl(), MastodonStandIn.TOKEN));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        String account = connected.json().getString("id");
        String altText = "Crash test " + UUID.randomUUID();
        byte[] frame = png();
        Api.Reply uploaded = api.send(api.request("/api/external/v1/media/upload").header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("frame.png", "image/png",
                        (InputStream) new ByteArrayInputStream(frame), "alt_text", altText))));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        String media = uploaded.json().getJsonObject("item").getString("id");

        instance.processingPolls(100_000);
        String text = "Survives a crash " + UUID.randomUUID();
        Api.Reply created = api.post("/api/external/v1/posts", Json.createObjectBuilder().add("text", text)
                .add("media", Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media)))
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "mastodon")
                        .add("account_id", account).add("scheduled_at", Instant.now().plusSeconds(1).toString())))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String post = created.json().getString("id");
        Await.await().atMost(Duration.ofSeconds(60)).until(() -> uploadsWith(altText).stream().anyMatch(m -> m.polls.get() >= 2));

        server.kill();
        instance.finishProcessing();
        server = server.restart();
        Api restarted = Api.at(server.url());

        Await.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(restarted.get("/api/external/v1/posts/" + post)
                .json().getString("status")).isEqualTo("published"));
        List<MastodonStandIn.Media> uploads = uploadsWith(altText);
        assertThat(uploads).as("resumed from the stored media id, not uploaded again").hasSize(1);
        List<MastodonStandIn.Status> statuses = instance.statuses().stream().filter(s -> text.equals(s.text())).toList();
        assertThat(statuses).as("exactly one status").hasSize(1);
        assertThat(statuses.get(0).mediaIds()).containsExactly(uploads.get(0).id);
    }

    private List<MastodonStandIn.Media> uploadsWith(String altText) {
        return instance.media().values().stream().filter(m -> altText.equals(m.description)).toList();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 2, UUID.randomUUID().hashCode());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
