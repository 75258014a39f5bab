package dev.syndicast.batch;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch console over HTTP on Payara Micro: a CSV upload feeding the bulk media import job, its step metrics,
 * per-item results and error report, and the console's rules (workspace isolation, job scopes, restart rules).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchConsoleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private final PlatformStub files = PlatformStub.instance();

    @Test
    void aCsvOfUrlsIsImportedWithAResultPerRowAndAnErrorReport() throws IOException {
        Api api = Api.at(base);
        JsonObject catalog = api.get("/api/external/v1/batch/jobs").structure().asJsonArray().stream()
                .map(JsonObject.class::cast).filter(j -> j.getString("name").equals("media-import")).findFirst().orElseThrow();
        assertThat(catalog.getJsonArray("parameters").stream().map(p -> p.asJsonObject().getString("name")))
                .contains("urls", "file", "folderPath", "tags", "chunkSize");

        String red = files.serve("red-" + System.nanoTime() + ".png", "image/png", png(0xFF0000));
        String blue = files.serve("blue-" + System.nanoTime() + ".png", "text/plain", png(0x0000FF));
        String csv = "\uFEFFurl,folder_path,tags\n" + red + ",imports/csv,\"one,two\"\n" + blue + ",,\n"
                + "http://10.0.0.1/secret.png,,\n=HYPERLINK(\"http://evil.example\"),,\n";
        Api.Reply uploaded = api.send(api.request("/api/external/v1/batch/uploads").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);

        Api.Reply started = api.post("/api/external/v1/batch/jobs/media-import/executions",
                "{\"parameters\":{\"file\":\"" + uploaded.json().getString("upload_id") + "\",\"chunkSize\":\"2\"}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long execution = started.json().getJsonNumber("execution_id").longValue();

        Await.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));
        JsonObject done = api.get("/api/external/v1/batch/executions/" + execution).json();
        JsonObject metrics = done.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics");
        assertThat(metrics.getInt("read_count")).isEqualTo(4);
        assertThat(metrics.getInt("write_count")).isEqualTo(4);
        assertThat(metrics.getInt("rollback_count")).isZero();
        assertThat(done.getJsonObject("parameters").getString("workspaceId")).isNotBlank();

        JsonObject results = api.get("/api/external/v1/batch/executions/" + execution + "/results").json();
        assertThat(results.getJsonObject("counts").getInt("ok")).isEqualTo(2);
        assertThat(results.getJsonObject("counts").getInt("error")).isEqualTo(2);
        JsonArray items = results.getJsonArray("items");
        assertThat(items.getJsonObject(0).getString("outcome")).isEqualTo("ok");
        String mediaId = items.getJsonObject(0).getString("reference");
        JsonObject media = api.get("/api/external/v1/media-library/" + mediaId).json();
        assertThat(media.getString("folder_path")).isEqualTo("imports/csv");
        assertThat(media.getString("mime_type")).as("sniffed, not the lying Content-Type").isEqualTo("image/png");
        assertThat(items.getJsonObject(2).getString("detail")).contains("non-public address");

        Api.Reply report = api.get("/api/external/v1/batch/executions/" + execution + "/errors");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("text/csv");
        List<String> lines = report.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("item_number,item,reason");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("3,\"http://10.0.0.1/secret.png\"");
        assertThat(lines.get(2)).as("a formula is defused").startsWith("4,\"'=HYPERLINK(");

        Api.Reply again = api.post("/api/external/v1/batch/executions/" + execution + "/restart", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get("/api/external/v1/batch/executions?job=media-import").structure().asJsonArray().stream()
                .map(e -> e.asJsonObject().getJsonNumber("execution_id").longValue())).contains(execution);
    }

    @Test
    void executionsBelongToTheirWorkspaceAndJobsNeedTheirScope() {
        Api api = Api.at(base);
        long execution = api.post("/api/external/v1/batch/jobs/media-import/executions",
                "{\"parameters\":{\"urls\":\"http://10.0.0.2/x.png\"}}").json().getJsonNumber("execution_id").longValue();

        TenantFixture other = TenantFixture.create(api, "batch");
        Api otherAdmin = other.withNewKey("console", List.of("settings:read", "settings:write"));
        assertThat(otherAdmin.get("/api/external/v1/batch/executions/" + execution).status()).isEqualTo(404);
        assertThat(otherAdmin.get("/api/external/v1/batch/executions/" + execution + "/errors").status()).isEqualTo(404);
        assertThat(otherAdmin.get("/api/external/v1/batch/executions").structure().asJsonArray()).isEmpty();

        Api.Reply withoutMediaScope = otherAdmin.post("/api/external/v1/batch/jobs/media-import/executions",
                "{\"parameters\":{\"urls\":\"https://cdn.example/a.png\"}}");
        assertThat(withoutMediaScope.status()).isEqualTo(403);
        assertThat(otherAdmin.post("/api/external/v1/batch/jobs/purge-finished-tasks/executions", "{}").status()).isEqualTo(403);

        Api.Reply smuggled = api.post("/api/external/v1/batch/jobs/media-import/executions",
                "{\"parameters\":{\"workspaceId\":\"" + other.workspaceId + "\",\"urls\":\"https://cdn.example/a.png\"}}");
        assertThat(smuggled.status()).isEqualTo(400);
        Api.Reply unknownParameter = api.post("/api/external/v1/batch/jobs/media-import/executions", "{\"parameters\":{\"rm\":\"-rf\"}}");
        assertThat(unknownParameter.status()).isEqualTo(400);
        Api.Reply pathInsteadOfUpload = api.post("/api/external/v1/batch/jobs/media-import/executions",
                "{\"parameters\":{\"file\":\"../../../../etc/passwd\"}}");
        assertThat(pathInsteadOfUpload.status()).isEqualTo(400);
        assertThat(api.post("/api/external/v1/batch/jobs/no-such-job/executions", "{}").status()).isEqualTo(404);
    }

    private static byte[] png(int rgb) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
