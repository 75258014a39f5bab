package dev.syndicast.batch;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV post import job on Payara Micro with the real posts boundary: good rows become posts of the sandbox
 * platform, hostile rows land in the error report with their numbers, nothing is half-created, and a dry run
 * writes no post at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostImportIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    @Test
    void aHostileCsvImportsItsGoodRowsAndReportsTheRestWithoutPartialPosts() {
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        String source = "csv-it-" + UUID.randomUUID();
        String due = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String csv = "content,platforms,scheduled_at,tags,account_ids,source_id\n"
                + "\"First, with a comma\",sandbox," + due + ",\"csv,import\"," + account + "," + source + "\n"
                + "Second as a draft,sandbox,,," + account + "," + source + "\n"
                + "wrong,number,of,columns,here,and,more\n"
                + "Bad date,sandbox,tomorrow,," + account + "," + source + "\n"
                + "Unknown platform,myspace,,," + account + "," + source + "\n"
                + "=cmd|' /C calc'!A0,sandbox,,," + account + "," + source + "\n"
                + "No such account,sandbox,,," + UUID.randomUUID() + "," + source + "\n";

        long execution = run(api, csv, false);

        JsonObject done = api.get("/api/external/v1/batch/executions/" + execution).json();
        JsonObject metrics = done.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics");
        assertThat(metrics.getInt("read_count")).isEqualTo(7);
        assertThat(metrics.getInt("process_skip_count")).isEqualTo(4);
        assertThat(metrics.getInt("write_count")).isEqualTo(3);
        JsonObject counts = api.get("/api/external/v1/batch/executions/" + execution + "/results").json().getJsonObject("counts");
        assertThat(counts.getInt("ok")).isEqualTo(2);
        assertThat(counts.getInt("error")).isEqualTo(5);

        JsonObject posts = api.get("/api/external/v1/posts?source_id=" + source).json();
        assertThat(posts.getJsonObject("meta").getInt("total")).as("exactly the good rows, nothing half-made").isEqualTo(2);

        String report = api.get("/api/external/v1/batch/executions/" + execution + "/errors").body();
        assertThat(report.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))))
                .containsExactly("3", "4", "5", "6", "7");
        assertThat(report).contains("Unsupported platform: myspace").doesNotContain(",\"=cmd");
    }

    @Test
    void anImportedPostReadsBackAsWrittenAndPublishesWhenDue() {
        // The import writes posts, targets and jobs in bulk, beside JPA: what JPA reads back and the publisher does
        // with it prove the bulk columns match the entities' mapping.
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        String source = "csv-roundtrip-" + UUID.randomUUID();
        Instant due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String csv = "content,platforms,scheduled_at,category,hashtags,tags,labels,account_ids,title,source_id\n"
                + "\"Line one\nline two, \"\"quoted\"\" ünïcode\",sandbox," + due + ",work,launch #news,\"a,b\",l1," + account
                + ",A title," + source + "\n";

        long execution = run(api, csv, false);

        String id = api.get("/api/external/v1/batch/executions/" + execution + "/results").json().getJsonArray("items")
                .getJsonObject(0).getString("reference");
        JsonObject post = api.get("/api/external/v1/posts/" + id).json();
        assertThat(post.getString("status")).isEqualTo("scheduled");
        assertThat(post.toString()).contains("Line one\\nline two, \\\"quoted\\\" ünïcode", "A title", "\"work\"",
                "#launch", "#news", "\"a\"", "\"b\"", "\"l1\"", source, account, due.toString());
        Await.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/external/v1/posts/" + id).json().getString("status")).isEqualTo("published"));
    }

    @Test
    void aDryRunChecksEveryRowAgainstThePlatformsAndAccountsAndWritesNoPost() {
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        String source = "csv-dry-" + UUID.randomUUID();
        String csv = "content,platforms,account_ids,source_id\n"
                + "Fine,sandbox," + account + "," + source + "\n"
                + "No such account,sandbox," + UUID.randomUUID() + "," + source + "\n";

        long execution = run(api, csv, true);

        JsonObject counts = api.get("/api/external/v1/batch/executions/" + execution + "/results").json().getJsonObject("counts");
        assertThat(counts.getInt("ok")).isEqualTo(1);
        assertThat(counts.getInt("error")).isEqualTo(1);
        assertThat(api.get("/api/external/v1/posts?source_id=" + source).json().getJsonObject("meta").getInt("total")).isZero();
    }

    @Test
    void bulkJsonCreatesUpToFiftyPostsWithAResultPerPostAndCsvGoesToTheJob() {
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        String source = "bulk-" + UUID.randomUUID();
        Api.Reply reply = api.post("/api/external/v1/posts/bulk", """
                {"posts": [
                  {"content": "Bulk JSON shape", "platforms": ["sandbox"], "scheduledAt": "%1$s", "accountIds": ["%2$s"],
                   "tags": ["bulk"], "hashtags": ["launch"], "source_id": "%3$s"},
                  {"content": {"text": "Content as an object"}, "platforms": ["sandbox"], "accountIds": ["%2$s"], "source_id": "%3$s"},
                  {"content": "Nowhere", "platforms": ["myspace"]},
                  {"content": "", "platforms": ["sandbox"]}
                ]}""".formatted(Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), account, source));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject result = reply.json();
        assertThat(result.getInt("total")).isEqualTo(4);
        assertThat(result.getInt("succeeded")).isEqualTo(2);
        assertThat(result.getInt("failed")).isEqualTo(2);
        assertThat(result.getJsonArray("results").getJsonObject(0).getBoolean("success")).isTrue();
        assertThat(result.getJsonArray("results").getJsonObject(2).getString("error")).isEqualTo("Unsupported platform: myspace");
        assertThat(api.get("/api/external/v1/posts?source_id=" + source).json().getJsonObject("meta").getInt("total")).isEqualTo(2);

        StringBuilder tooMany = new StringBuilder("{\"posts\":[");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"content\":\"x\",\"platforms\":[\"sandbox\"]}");
        }
        Api.Reply refused = api.post("/api/external/v1/posts/bulk", tooMany.append("]}").toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("detail")).isEqualTo("Maximum 50 posts per bulk request");

        Api.Reply csv = api.send(api.request("/api/external/v1/posts/bulk").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("content,platforms,account_ids,source_id\nFrom CSV,sandbox," + account + "," + source + "\n")));
        assertThat(csv.status()).as(csv.toString()).isEqualTo(202);
        long execution = csv.json().getJsonNumber("execution_id").longValue();
        Await.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));
        assertThat(api.get("/api/external/v1/posts?source_id=" + source).json().getJsonObject("meta").getInt("total")).isEqualTo(3);
    }

    @Test
    void aFolderOfVideosWithCaptionsIsImportedScheduledAtItsIntervalAndCleanedUp() throws Exception {
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        String name = "queue-" + UUID.randomUUID();
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(
                java.nio.file.Path.of(System.getenv("SYNDICAST_DATA_DIR")).resolve("upload-queue").resolve("default").resolve(name));
        java.nio.file.Path ffmpeg = dev.syndicast.rendering.control.FfmpegBinary.locate("auto", System.getenv("PATH"),
                java.nio.file.Path.of(System.getProperty("syndicast.war")).getParent().resolve("tools"));
        for (String clip : new String[] {"clip-1", "clip-2"}) {
            Process p = new ProcessBuilder(ffmpeg.toString(), "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", folder.resolve(clip + ".mp4").toString())
                    .redirectErrorStream(true).redirectOutput(java.lang.ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0).as("ffmpeg made " + clip).isTrue();
            java.nio.file.Files.writeString(folder.resolve(clip + ".txt"), "Caption of " + clip);
        }
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Api.Reply escape = api.post("/api/external/v1/batch/jobs/folder-upload/executions", "{\"parameters\":{\"folder\":\"../../..\","
                + "\"platforms\":\"sandbox\",\"startAt\":\"" + start + "\"}}");
        assertThat(escape.status()).isEqualTo(400);

        Api.Reply started = api.post("/api/external/v1/batch/jobs/folder-upload/executions", "{\"parameters\":{\"folder\":\"" + name
                + "\",\"platforms\":\"sandbox\",\"accountIds\":\"" + account + "\",\"startAt\":\"" + start
                + "\",\"intervalMinutes\":\"90\",\"afterUpload\":\"delete\"}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long execution = started.json().getJsonNumber("execution_id").longValue();
        Await.await().atMost(Duration.ofSeconds(90)).until(() ->
                api.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));

        JsonObject results = api.get("/api/external/v1/batch/executions/" + execution + "/results").json();
        assertThat(results.getJsonObject("counts").getInt("ok")).as(results.toString()).isEqualTo(2);
        assertThat(results.getJsonArray("items").getJsonObject(0).getString("detail"))
                .contains("PLAN clip-1.mp4 -> sandbox at " + start, "OK clip-1.mp4 -> sandbox post ");
        JsonObject second = api.get("/api/external/v1/posts/" + results.getJsonArray("items").getJsonObject(1).getString("reference")).json();
        assertThat(second.toString()).contains("Caption of clip-2", start.plus(90, ChronoUnit.MINUTES).toString());
        assertThat(java.nio.file.Files.list(folder).toList()).as("afterUpload=delete").isEmpty();
    }

    @Test
    void mediaAScheduledPostWillPublishCannotBeDeletedUntilThePostLetsGo() throws Exception {
        Api api = Api.at(base);
        String account = sandboxAccount(api);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        String url = dev.syndicast.testsupport.PlatformStub.instance().serve("in-use-" + UUID.randomUUID() + ".png", "image/png", png.toByteArray());
        String mediaId = api.post("/api/external/v1/media-library", "{\"source_url\":\"" + url + "\"}").json()
                .getJsonObject("item").getString("id");
        String due = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Reply post = api.post("/api/external/v1/posts", """
                {"content": "With a picture", "media": [{"media_id": "%s"}],
                 "targets": [{"platform": "sandbox", "account_id": "%s", "scheduled_at": "%s"}]}""".formatted(mediaId, account, due));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);

        Api.Reply refused = api.delete("/api/external/v1/media-library/" + mediaId);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains(post.json().getString("id"));

        assertThat(api.delete("/api/external/v1/posts/" + post.json().getString("id")).status()).isLessThan(300);
        assertThat(api.delete("/api/external/v1/media-library/" + mediaId).status()).isEqualTo(204);
    }

    private static long run(Api api, String csv, boolean dryRun) {
        Api.Reply uploaded = api.send(api.request("/api/external/v1/batch/uploads").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        Api.Reply started = api.post("/api/external/v1/batch/jobs/post-import/executions", "{\"parameters\":{\"file\":\""
                + uploaded.json().getString("upload_id") + "\",\"dryRun\":\"" + dryRun + "\",\"chunkSize\":\"2\"}}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long execution = started.json().getJsonNumber("execution_id").longValue();
        Await.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/external/v1/batch/executions/" + execution).json().getString("batch_status").equals("COMPLETED"));
        return execution;
    }

    private static String sandboxAccount(Api api) {
        Api.Reply reply = api.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "sandbox")
                .add("platform_account_id", "csv-" + UUID.randomUUID()).add("username", "@csv").build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }
}
