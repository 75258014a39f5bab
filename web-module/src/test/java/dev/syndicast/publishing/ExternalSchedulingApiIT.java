package dev.syndicast.publishing;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.SandboxProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external scheduling API, wire-exact for its existing clients: their Python client and cURL examples (verbatim
 * in src/test/resources/external-scheduling-clients) run against the server with only the base URL and an API key
 * header changed. The accounts those examples name (tiktok 710, youtube 228, instagram 807) are sandbox-backed
 * accounts of those platforms.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExternalSchedulingApiIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private final SandboxProcess sandbox = SandboxProcess.instance();

    private Api api() {
        return Api.at(base);
    }

    private String baseUrl() {
        return base.toString().replaceAll("/+$", "");
    }

    @BeforeEach
    void createTheAccountsTheExamplesName() {
        sandbox.reset();
        for (String[] account : new String[][]{{"tiktok", "710"}, {"youtube", "228"}, {"instagram", "807"}}) {
            Api.Reply reply = api().post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", account[0])
                    .add("platform_account_id", account[1]).add("username", "@example-" + account[0]).build().toString());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        }
    }

    @Test
    void thePythonClientExampleRunsUnchangedButForBaseUrlAndKey() throws Exception {
        String example = resource("python_client.py")
                .replace("\"http://localhost:5555\"", "\"" + baseUrl() + "\"")
                .replace("json={", "headers={\"x-api-key\": \"" + Api.BOOTSTRAP_KEY + "\"}, json={");
        Path script = Files.createTempFile("scheduling-client", ".py");
        Files.writeString(script, example);
        Result run = run(List.of("python3", script.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("Scheduled 3 posts");
    }

    @Test
    void theCurlExamplesRunUnchangedButForBaseUrlAndKey() throws Exception {
        // The status example asks for source "my-source-id"; give it something to report.
        Api.Reply forStatus = api().post("/api/external/submit", "{\"video_url\":\"https://storage.example.com/status-example.mp4\","
                + "\"title\":\"Status example\",\"caption\":\"For the status example\",\"source_id\":\"my-source-id\",\"targets\":"
                + "[{\"platform\":\"youtube\",\"account_id\":\"228\",\"scheduled_at\":\"2030-01-01T00:00:00Z\"}]}");
        assertThat(forStatus.status()).as(forStatus.toString()).isEqualTo(200);

        List<String> commands = Arrays.stream(resource("curl_examples.sh").split("\n\n"))
                .map(block -> block.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n").strip())
                .filter(c -> !c.isEmpty())
                .map(c -> c.replace("http://localhost:5555", baseUrl()).replace("curl ", "curl -s -H \"x-api-key: " + Api.BOOTSTRAP_KEY + "\" "))
                .toList();
        assertThat(commands).hasSize(3);

        JsonObject submitted = json(run(List.of("bash", "-c", commands.get(0))));
        assertThat(submitted.getBoolean("success")).isTrue();
        assertThat(submitted.getString("message")).isEqualTo("Video scheduled for 1 platform(s)");
        assertThat(submitted.getString("video_id")).isNotBlank();
        JsonObject scheduled = submitted.getJsonArray("scheduled_posts").getJsonObject(0);
        assertThat(scheduled.getString("platform")).isEqualTo("tiktok");
        assertThat(scheduled.getString("account_id")).isEqualTo("710");
        assertThat(scheduled.getString("scheduled_at")).isEqualTo("2026-01-31T15:00:00Z");
        assertThat(scheduled.getString("status")).isEqualTo("scheduled");

        JsonObject status = json(run(List.of("bash", "-c", commands.get(1))));
        assertThat(status.getString("source_id")).isEqualTo("my-source-id");
        assertThat(status.getInt("total")).isEqualTo(1);
        JsonObject post = status.getJsonArray("posts").getJsonObject(0);
        assertThat(post.getString("platform")).isEqualTo("youtube");
        assertThat(post.getString("status")).isEqualTo("scheduled");
        assertThat(post.isNull("platform_url")).isTrue();
        assertThat(post.isNull("error")).isTrue();

        JsonObject accounts = json(run(List.of("bash", "-c", commands.get(2))));
        assertThat(accounts.getJsonObject("accounts").getJsonArray("tiktok")).isNotEmpty();
    }

    @Test
    void aSubmissionWithPerTargetOverridesIsPostedAndReportedByItsSourceId() {
        String source = "sora-batch-" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(2);
        Api.Reply reply = api().post("/api/external/submit", Json.createObjectBuilder()
                .add("video_url", "https://example.com/my-video.mp4").add("title", "My Awesome Video")
                .add("caption", "Check this out! \uD83D\uDD25").add("hashtags", Json.createArrayBuilder().add("#ai").add("#automation"))
                .add("targets", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("platform", "tiktok").add("account_id", "710").add("scheduled_at", soon.toString()))
                        .add(Json.createObjectBuilder().add("platform", "youtube").add("account_id", "228")
                                .add("scheduled_at", soon.toString()).add("title", "Custom YouTube Title"))
                        .add(Json.createObjectBuilder().add("platform", "instagram").add("account_id", "807")
                                .add("scheduled_at", soon.toString()).add("caption", "Custom IG caption")))
                .add("source_id", source).add("source_system", "sora-pipeline").add("thumbnail_url", "https://example.com/thumb.jpg")
                .build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getString("message")).isEqualTo("Video scheduled for 3 platform(s)");

        // The video is still importing in the background (documentation host), so the posts wait, then fail when the
        // import fails: the status route says so per target.
        Await.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonObject status = api().get("/api/external/status/" + source).json();
            assertThat(status.getInt("total")).isEqualTo(3);
            assertThat(status.getJsonArray("posts").stream().map(p -> p.asJsonObject().getString("status")))
                    .allMatch(s -> s.equals("failed"));
        });
        JsonObject status = api().get("/api/external/status/" + source).json();
        assertThat(status.getJsonArray("posts").getJsonObject(0).getString("error")).contains("Media");
    }

    @Test
    void bulkScheduleFillsTheTemplatesAndSpacesThePosts() {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            urls.add("https://example.com/video" + i + ".mp4");
        }
        Api.Reply reply = api().post("/api/external/bulk-schedule", Json.createObjectBuilder()
                .add("video_urls", Json.createArrayBuilder(urls)).add("title_template", "Daily Content #{n}")
                .add("caption_template", "Episode {n} of my series! \uD83C\uDFAC #content")
                .add("hashtags", Json.createArrayBuilder().add("#daily").add("#series")).add("platform", "tiktok")
                .add("account_id", "710").add("start_time", "2030-01-31T15:00:00Z").add("interval_minutes", 60)
                .add("source_system", "content-pipeline").build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.getBoolean("success")).isTrue();
        assertThat(body.getString("message")).isEqualTo("Scheduled 3 videos from 2030-01-31T15:00:00Z with 60min intervals");
        JsonArray posts = body.getJsonArray("scheduled_posts");
        assertThat(posts.stream().map(p -> p.asJsonObject().getString("scheduled_at")))
                .containsExactly("2030-01-31T15:00:00Z", "2030-01-31T16:00:00Z", "2030-01-31T17:00:00Z");
        assertThat(posts.stream().map(p -> p.asJsonObject().getString("platform"))).containsOnly("tiktok");
        JsonObject second = api().get("/api/external/v1/posts/" + postIdOfTarget(posts.getJsonObject(1).getString("id"))).json();
        assertThat(second.getString("title")).isEqualTo("Daily Content #2");
        assertThat(second.getString("text")).isEqualTo("Episode 2 of my series! \uD83C\uDFAC #content");

        JsonObject tooMany = api().post("/api/external/bulk-schedule", Json.createObjectBuilder()
                .add("video_urls", Json.createArrayBuilder(java.util.Collections.nCopies(51, "https://example.com/v.mp4")))
                .add("platform", "tiktok").add("account_id", "710").add("start_time", "2030-01-31T15:00:00Z").build().toString()).json();
        assertThat(tooMany.getString("detail")).contains("Max 50 videos per request");
    }

    @Test
    void theDocumentedErrorCasesAnswer400WithADetail() {
        String target = "\"targets\":[{\"platform\":\"%s\",\"account_id\":\"%s\",\"scheduled_at\":\"2030-01-01T00:00:00Z\"}]";
        Api.Reply download = api().post("/api/external/submit", "{\"video_url\":\"http://no-such-host.invalid/video.mp4\","
                + String.format(target, "tiktok", "710") + "}");
        assertThat(download.status()).as(download.toString()).isEqualTo(400);
        assertThat(download.json().getString("detail")).startsWith("Failed to download video");

        Api.Reply platform = api().post("/api/external/submit", "{\"video_url\":\"https://example.com/v.mp4\","
                + String.format(target, "friendster", "710") + "}");
        assertThat(platform.status()).isEqualTo(400);
        assertThat(platform.json().getString("detail")).startsWith("Invalid platform");

        Api.Reply account = api().post("/api/external/submit", "{\"video_url\":\"https://example.com/v.mp4\","
                + String.format(target, "tiktok", "99999") + "}");
        assertThat(account.status()).isEqualTo(400);
        assertThat(account.json().getString("detail")).startsWith("Invalid account_id");

        Api.Reply smart = api().post("/api/external/smart-schedule", "{\"video_url\":\"https://example.com/v.mp4\","
                + "\"platforms\":[\"friendster\"]}");
        assertThat(smart.status()).isEqualTo(400);
        assertThat(smart.json().getString("detail")).startsWith("Invalid platform");

        assertThat(api().get("/api/external/status/unknown-source").status()).isEqualTo(404);
        assertThat(api().anonymous().post("/api/external/submit", "{}").status()).isEqualTo(401);
    }

    private String postIdOfTarget(String targetId) {
        return api().get("/api/external/v1/posts?limit=200").json().getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getJsonArray("targets").stream().anyMatch(t -> t.asJsonObject().getString("id").equals(targetId)))
                .map(p -> p.getString("id")).findFirst().orElseThrow();
    }

    private record Result(int exit, String stdout, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("scheduling-example", ".out");
        Path err = Files.createTempFile("scheduling-example", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String stdout = Files.readString(out);
        return new Result(process.exitValue(), stdout, stdout + "\n" + Files.readString(err));
    }

    private static JsonObject json(Result result) {
        assertThat(result.exit()).as(result.output()).isZero();
        try (var reader = Json.createReader(new StringReader(result.stdout()))) {
            return reader.readObject();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExternalSchedulingApiIT.class.getResourceAsStream("/external-scheduling-clients/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
