package dev.syndicast.media;

import dev.syndicast.media.boundary.PublicMediaUrls;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.MovableClock;
import dev.syndicast.testsupport.SettablePublicBase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed public media URLs on the shared server: a platform (here the test itself, with no key) fetches an item by
 * its URL, whole and in ranges; an expired URL (the server's clock moved past it), a tampered one and one naming no
 * item are the same 404 with the JSON error body; without a public base URL none is handed out.
 */
@ExtendWith(ArquillianExtension.class)
class PublicMediaUrlsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestSupport(PublicMediaUrlsIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    PublicMediaUrls urls;

    @Inject
    SettablePublicBase publicBase;

    @Inject
    MovableClock clock;

    @Test
    void servesAnItemByItsSignedUrlUntilItExpiresAndRefusesEveryBadTokenAlike() throws Exception {
        TenantFixture tenant = TenantFixture.create(Api.at(base), "public-media");
        byte[] png = png();
        Api.Reply created = tenant.api.send(tenant.api.request("/api/external/v1/media/upload")
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("photo.png", "image/png",
                        new ByteArrayInputStream(png)))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().getJsonObject("item").getString("id"));

        publicBase.set(null);
        assertThat(urls.available()).as("no public base URL configured in tests").isFalse();
        assertThat(urls.url(id, Duration.ofHours(1))).isEmpty();

        String ownBase = base.toString().replaceAll("/+$", "");
        publicBase.set(ownBase + "/");
        try {
            assertThat(urls.available()).isTrue();
            String url = urls.url(id, Duration.ofHours(1)).orElseThrow();
            assertThat(url).startsWith(ownBase + "/media/public/" + id + ".");

            HttpResponse<byte[]> whole = get(url, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(png);
            assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(png.length);
            assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

            HttpResponse<byte[]> range = get(url, "bytes=0-9");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(png, 0, 10));
            assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + png.length);
            HttpResponse<byte[]> tail = get(url, "bytes=-5");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 5, png.length));
            assertThat(get(url, "bytes=" + png.length + "-").statusCode()).isEqualTo(416);

            String token = url.substring(url.lastIndexOf('/') + 1);
            String[] parts = token.split("\\.");
            String missingItem = urls.url(UUID.randomUUID(), Duration.ofHours(1)).orElseThrow();
            String longerExpiry = ownBase + "/media/public/" + parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2];
            String otherSignature = ownBase + "/media/public/" + parts[0] + "." + parts[1] + "." + "A".repeat(43);
            String garbage = ownBase + "/media/public/not-a-token";
            String noToken = ownBase + "/media/public/";
            String bodyOfMissing = notFound(missingItem);
            assertThat(notFound(longerExpiry)).isEqualTo(bodyOfMissing);
            assertThat(notFound(otherSignature)).isEqualTo(bodyOfMissing);
            assertThat(notFound(garbage)).isEqualTo(bodyOfMissing);
            assertThat(get(noToken, null).statusCode()).as("no listing").isEqualTo(404);

            clock.advance(Duration.ofHours(1).plusMinutes(1));
            try {
                assertThat(notFound(url)).as("expired").isEqualTo(bodyOfMissing);
            } finally {
                clock.reset();
            }
            assertThat(get(url, null).statusCode()).as("valid again once the clock is back").isEqualTo(200);
        } finally {
            publicBase.set(null);
        }
    }

    /** Asserts a 404 with the JSON error body and returns the body without anything request-specific. */
    private String notFound(String url) throws Exception {
        HttpResponse<byte[]> reply = get(url, null);
        assertThat(reply.statusCode()).as(url).isEqualTo(404);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/"));
        JsonObject body = Json.createReader(new StringReader(new String(reply.body()))).readObject();
        assertThat(body.getString("error", null)).as(body.toString()).isNotNull();
        assertThat(body.getString("detail", null)).as(body.toString()).isNotNull();
        return body.getString("error") + "|" + body.getString("detail");
    }

    private static HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
