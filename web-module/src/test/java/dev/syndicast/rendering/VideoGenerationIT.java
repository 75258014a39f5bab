package dev.syndicast.rendering;

import dev.syndicast.rendering.control.FfmpegBinary;
import dev.syndicast.rendering.control.FfmpegCommands;
import dev.syndicast.rendering.control.VideoProbe;
import dev.syndicast.tenancy.control.KeyGenerator;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box, on the production WAR: the video generation API end to end (a real 10-second render checked with ffmpeg),
 * its error bodies, cancelling during video_assembly (ffmpeg gone within 2 s, no partial file), the concurrency
 * limit, and the Python polling example its clients use.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoGenerationIT {

    private static final Path DATA_DIR = Path.of(System.getenv("SYNDICAST_DATA_DIR"));
    private static final Path WORK = Path.of(System.getProperty("syndicast.war")).getParent().resolve("video-it");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void generatesATenSecondVideoEndToEnd() throws Exception {
        Api api = Api.at(base);
        Api.Reply accepted = api.post("/videos/generate", """
                {"prompt": "Create a short educational video about how solar panels turn sunlight into electricity",
                 "duration_preference": 10, "style": "educational", "quality": "low", "user_id": "it-user"}""");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        JsonObject body = accepted.json();
        assertThat(body.keySet()).containsExactlyInAnyOrder("session_id", "status", "message", "created_at", "estimated_completion");
        assertThat(body.getString("status")).isEqualTo("queued");
        assertThat(body.getString("message")).isEqualTo("Video generation started successfully");
        assertThat(body.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String id = body.getString("session_id");

        JsonObject done = awaitStatus(api, id, "completed", Duration.ofMinutes(3));
        assertThat(done.keySet()).containsExactlyInAnyOrder("session_id", "status", "stage", "progress", "created_at",
                "updated_at", "estimated_completion", "error_message", "request_details");
        assertThat(done.getString("stage")).isEqualTo("completed");
        assertThat(done.getJsonNumber("progress").doubleValue()).isEqualTo(1.0);
        assertThat(done.isNull("error_message")).isTrue();
        assertThat(done.getJsonObject("request_details").getInt("duration_preference")).isEqualTo(10);
        assertThat(done.getJsonObject("request_details").getString("quality")).isEqualTo("low");

        JsonObject progress = api.get("/videos/" + id + "/progress").json();
        assertThat(progress.getJsonNumber("overall_progress").doubleValue()).isEqualTo(1.0);
        assertThat(progress.getJsonObject("stage_details").keySet()).containsExactly("researching", "scripting",
                "asset_sourcing", "audio_generation", "video_assembly", "finalizing");
        JsonObject assembly = progress.getJsonObject("stage_details").getJsonObject("video_assembly");
        assertThat(assembly.keySet()).containsExactlyInAnyOrder("progress", "weight", "start_time", "end_time", "estimated_duration");
        assertThat(assembly.getJsonNumber("weight").doubleValue()).isEqualTo(0.20);

        Path video = download(api, id, null);
        VideoProbe probe = VideoProbe.parse(ffmpeg(FfmpegCommands.probe(ffmpegBinary(), video)));
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.width()).isEqualTo(360);
        assertThat(probe.height()).isEqualTo(640);
        assertThat(probe.durationMs()).isBetween(9_000L, 11_000L);
        assertThat(probe.hasSubtitles()).isTrue();
        double meanVolume = VideoProbe.meanVolume(ffmpeg(FfmpegCommands.volume(ffmpegBinary(), video)));
        assertThat(meanVolume).as("mean volume of the narration in dB").isGreaterThan(-60.0);

        HttpResponse<byte[]> partial = HTTP.send(api.request("/videos/" + id + "/download").header("Range", "bytes=0-99").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).hasSize(100);
        assertThat(partial.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes 0-99/" + Files.size(video));

        JsonObject list = api.get("/videos?user_id=it-user&status=completed&page=1&page_size=10").json();
        assertThat(list.keySet()).containsExactlyInAnyOrder("sessions", "total_count", "page", "page_size");
        assertThat(list.getJsonArray("sessions").getJsonObject(0).getString("session_id")).isEqualTo(id);
        assertThat(list.getInt("total_count")).isEqualTo(1);
        assertThat(api.get("/videos?user_id=nobody").json().getInt("total_count")).isZero();

        JsonObject stats = api.get("/system/stats").json();
        assertThat(stats.keySet()).containsExactlyInAnyOrder("total_sessions", "active_sessions", "status_distribution",
                "stage_distribution", "average_progress", "system_health");
        assertThat(stats.getJsonObject("status_distribution").getInt("completed")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getJsonObject("system_health").getString("status")).isEqualTo("healthy");
    }

    @Test
    @Order(2)
    void errorsHaveTheVideoGenerationApisBodies() throws Exception {
        Api api = Api.at(base);
        Api.Reply shortPrompt = api.post("/videos/generate", "{\"prompt\": \"too short\"}");
        assertThat(shortPrompt.status()).isEqualTo(422);
        assertThat(shortPrompt.json().getString("error")).isEqualTo("Validation Error");
        assertThat(shortPrompt.json().getString("detail")).contains("Prompt must be between 10 and 2000 characters");

        Api.Reply badStyle = api.post("/videos/generate", "{\"prompt\": \"A long enough prompt here\", \"style\": \"noir\"}");
        assertThat(badStyle.status()).isEqualTo(422);
        assertThat(badStyle.json().getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("style");
        assertThat(api.post("/videos/generate", "{\"prompt\": ").status()).isEqualTo(400);

        String unknown = UUID.randomUUID().toString();
        Api.Reply notFound = api.get("/videos/" + unknown + "/status");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().getString("error")).isEqualTo("Not Found");
        assertThat(notFound.json().getString("detail")).isEqualTo("Session not found");
        assertThat(api.delete("/videos/" + unknown).status()).isEqualTo(404);
        assertThat(api.get("/videos?page=0").status()).isEqualTo(400);
        assertThat(api.get("/videos?page_size=101").status()).isEqualTo(400);
        assertThat(api.get("/videos?status=lost").status()).isEqualTo(400);
        assertThat(api.post("/system/cleanup?max_age_hours=0", "").status()).isEqualTo(422);
        assertThat(api.anonymous().get("/videos").status()).isEqualTo(401);

        // Another workspace's key sees none of this workspace's sessions.
        String id = api.get("/videos").json().getJsonArray("sessions").getJsonObject(0).getString("session_id");
        Api other = api.withKey(otherWorkspaceKey());
        assertThat(other.get("/videos/" + id + "/status").status()).isEqualTo(404);
        assertThat(other.get("/videos").json().getInt("total_count")).isZero();
        assertThat(other.post("/system/cleanup", "").status()).isEqualTo(403);

        JsonObject cleanup = api.post("/system/cleanup?max_age_hours=24&dry_run=true", "").json();
        assertThat(cleanup.keySet()).containsExactlyInAnyOrder("message", "cleaned_count", "max_age_hours");
        assertThat(cleanup.getInt("max_age_hours")).isEqualTo(24);
    }

    @Test
    @Order(3)
    void cancelDuringVideoAssemblyStopsFfmpegWithinTwoSecondsAndLeavesNoPartialFile() throws Exception {
        Api api = Api.at(base);
        String id = api.post("/videos/generate", """
                {"prompt": "A long documentary about the history of the printing press and how it changed Europe",
                 "duration_preference": 600, "style": "documentary", "quality": "low"}""").json().getString("session_id");
        // The limit is one render at a time: a second session waits.
        String waiting = api.post("/videos/generate", """
                {"prompt": "A second video that has to wait for the first one", "duration_preference": 10, "quality": "low"}""")
                .json().getString("session_id");

        Await.await().atMost(Duration.ofMinutes(2)).until(() ->
                api.get("/videos/" + id + "/status").json().getString("stage").equals("video_assembly") && ffmpegOf(id).isPresent());
        assertThat(api.get("/videos/" + waiting + "/status").json().getString("status")).isEqualTo("queued");
        ProcessHandle ffmpeg = ffmpegOf(id).orElseThrow();

        Instant cancelled = Instant.now();
        Api.Reply cancel = api.delete("/videos/" + id);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().getString("message")).isEqualTo("Session cancelled successfully");
        assertThat(cancel.json().getString("session_id")).isEqualTo(id);

        Await.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !ffmpeg.isAlive() && ffmpegOf(id).isEmpty());
        assertThat(Duration.between(cancelled, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(mp4Files(id)).isEmpty();
        assertThat(api.get("/videos/" + id + "/status").json().getString("status")).isEqualTo("cancelled");
        assertThat(api.get("/videos/" + id + "/download").status()).isEqualTo(400);

        // The freed slot goes to the waiting session.
        Await.await().atMost(Duration.ofSeconds(30)).until(() ->
                !api.get("/videos/" + waiting + "/status").json().getString("status").equals("queued"));
        assertThat(api.delete("/videos/" + waiting).status()).isIn(200, 409);
    }

    @Test
    @Order(4)
    void thePythonPollingExampleWorksWithOnlyBaseUrlAndAuthHeaderChanged() throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("python-" + UUID.randomUUID()));
        String baseUrl = base.toString().replaceAll("/+$", "");
        // The documented example verbatim, except 'http://localhost:8000' and the added Authorization header.
        String script = """
                import requests
                import time

                BASE = '%s'
                HEADERS = {'Authorization': 'Bearer %s'}

                # Start video generation
                response = requests.post(f'{BASE}/videos/generate', headers=HEADERS, json={
                    'prompt': 'Create a professional video about artificial intelligence',
                    'duration_preference': 90,
                    'style': 'professional',
                    'quality': 'high'
                })

                session_data = response.json()
                session_id = session_data['session_id']
                print(f"Started generation: {session_id}")

                # Poll for completion
                while True:
                    response = requests.get(f'{BASE}/videos/{session_id}/status', headers=HEADERS)
                    status_data = response.json()

                    print(f"Status: {status_data['status']} - {status_data['progress']:.1%%}")

                    if status_data['status'] == 'completed':
                        # Download the video
                        response = requests.get(f'{BASE}/videos/{session_id}/download', headers=HEADERS)
                        with open(f'video_{session_id}.mp4', 'wb') as f:
                            f.write(response.content)
                        print("Video downloaded successfully!")
                        break
                    elif status_data['status'] == 'failed':
                        print(f"Generation failed: {status_data['error_message']}")
                        break

                    time.sleep(5)
                """.formatted(baseUrl, Api.BOOTSTRAP_KEY);
        Files.writeString(dir.resolve("example.py"), script);
        Process python = new ProcessBuilder("python3", "example.py").directory(dir.toFile()).redirectErrorStream(true).start();
        boolean finished = python.waitFor(6, TimeUnit.MINUTES);
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            python.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(output).contains("Started generation: ", "Status: processing", "Video downloaded successfully!");
        try (Stream<Path> files = Files.list(dir)) {
            Path video = files.filter(p -> p.getFileName().toString().matches("video_.*\\.mp4")).findFirst().orElseThrow();
            VideoProbe probe = VideoProbe.parse(ffmpeg(FfmpegCommands.probe(ffmpegBinary(), video)));
            assertThat(probe.width()).isEqualTo(1080);
            assertThat(probe.height()).isEqualTo(1920);
            assertThat(probe.durationMs()).isBetween(89_000L, 91_000L);
        }
    }

    @Test
    @Order(5)
    void imagesTaggedWithThePromptsKeywordsBecomeSlideBackgroundsAndTheVideoLandsInTheLibrary() throws Exception {
        Api api = Api.at(base);
        java.awt.image.BufferedImage red = new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(new java.awt.Color(230, 20, 20));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(red, "png", png);
        String url = dev.syndicast.testsupport.PlatformStub.instance().serve("volcano-" + UUID.randomUUID() + ".png", "image/png", png.toByteArray());
        Api.Reply imported = api.post("/api/external/v1/media-library", "{\"source_url\":\"" + url + "\",\"tags\":[\"volcano\"]}");
        assertThat(imported.status()).as(imported.toString()).isIn(200, 201);

        String id = api.post("/videos/generate", """
                {"prompt": "A short documentary about the volcano, its eruption and the lava of the volcano island",
                 "duration_preference": 10, "style": "documentary", "quality": "low"}""").json().getString("session_id");
        awaitStatus(api, id, "completed", Duration.ofMinutes(3));

        Path video = download(api, id, null);
        Path frame = video.resolveSibling("frame-" + id + ".png");
        ffmpeg(List.of(ffmpegBinary().toString(), "-y", "-ss", "1", "-i", video.toString(), "-frames:v", "1", frame.toString()));
        java.awt.image.BufferedImage still = javax.imageio.ImageIO.read(frame.toFile());
        long r = 0;
        long gb = 0;
        int samples = 0;
        for (int x = 0; x < still.getWidth(); x += 4) {
            for (int y = 0; y < still.getHeight() / 10; y += 4) {
                int rgb = still.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                gb += ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                samples++;
            }
        }
        assertThat(r / samples).as("the red picture shows under the slide's veil").isGreaterThan(gb / samples / 2 + 30);

        JsonObject renders = api.get("/api/external/v1/media-library?folder=renders&type=video").json();
        assertThat(renders.getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(item -> ("video_" + id + ".mp4").equals(item.getString("original_filename", null))))
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.getString("status")).isEqualTo("ready");
                    assertThat(item.getJsonArray("tags").getString(0)).isEqualTo("rendered");
                    assertThat(item.getJsonNumber("duration_seconds").doubleValue()).isBetween(9.0, 11.0);
                });
    }

    private static JsonObject awaitStatus(Api api, String id, String status, Duration timeout) {
        return Await.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonObject json = api.get("/videos/" + id + "/status").json();
            assertThat(json.getString("status")).as(json.toString()).isNotIn("failed", "cancelled");
            return json;
        }, json -> json.getString("status").equals(status));
    }

    private Path download(Api api, String id, String range) throws Exception {
        Path target = Files.createDirectories(WORK).resolve("download-" + id + ".mp4");
        var request = api.request("/videos/" + id + "/download").GET();
        if (range != null) {
            request.header("Range", range);
        }
        HttpResponse<Path> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/mp4");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"video_" + id + ".mp4\"");
        return target;
    }

    private static Optional<ProcessHandle> ffmpegOf(String sessionId) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ffmpeg") && c.contains(sessionId)).orElse(false))
                .findFirst();
    }

    private static List<Path> mp4Files(String sessionId) throws IOException {
        Path dir = DATA_DIR.resolve("renders").resolve(sessionId);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).toList();
        }
    }

    private static Path ffmpegBinary() {
        return FfmpegBinary.locate("auto", System.getenv("PATH"), WORK.resolve("tools"));
    }

    private static String ffmpeg(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    /** A key of a second workspace, written straight into the database (tenancy's admin API is not on this branch). */
    private static String otherWorkspaceKey() throws Exception {
        String raw = "syn_other_workspace_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(System.getenv("SYNDICAST_DB_URL"))) {
            UUID workspace = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("insert into workspaces (id, slug, name, created_at) values (?, ?, ?, now())")) {
                ps.setObject(1, workspace);
                ps.setString(2, "other-" + workspace.toString().substring(0, 8));
                ps.setString(3, "Other workspace");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into api_keys (id, workspace_id, name, key_prefix, key_hash, scopes, created_at)
                    values (?, ?, 'other', ?, ?, 'ai:generate', now())""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, workspace);
                ps.setString(3, KeyGenerator.displayPrefix(raw));
                ps.setString(4, KeyGenerator.hash(raw));
                ps.executeUpdate();
            }
        }
        return raw;
    }
}
