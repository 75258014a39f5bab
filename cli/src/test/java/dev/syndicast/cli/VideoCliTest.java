package dev.syndicast.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against a stub of the video generation API: the requests it sends and what it prints. */
class VideoCliTest {

    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                + exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(line);
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/videos/missing")) {
            reply(exchange, 404, "application/json", "{\"error\":\"Not Found\",\"detail\":\"Session not found\",\"timestamp\":\"2025-01-19T10:30:00Z\"}");
        } else if (path.endsWith("/download")) {
            reply(exchange, 200, "video/mp4", "MP4DATA");
        } else if (path.equals("/videos/generate")) {
            reply(exchange, 200, "application/json", """
                    {"session_id":"%s","status":"queued","message":"Video generation started successfully",
                     "created_at":"2025-01-19T10:30:00Z","estimated_completion":"2025-01-19T10:35:00Z"}""".formatted(ID));
        } else if (path.endsWith("/status")) {
            String status = polls.incrementAndGet() < 2 ? "processing" : "completed";
            reply(exchange, 200, "application/json", session(status));
        } else if (path.equals("/videos")) {
            reply(exchange, 200, "application/json", "{\"sessions\":[" + session("completed") + "],\"total_count\":1,\"page\":1,\"page_size\":10}");
        } else if (path.startsWith("/videos/")) {
            reply(exchange, 200, "application/json", "{\"message\":\"Session cancelled successfully\",\"session_id\":\"" + ID + "\"}");
        } else if (path.equals("/system/cleanup")) {
            reply(exchange, 200, "application/json", "{\"message\":\"Would clean up 3 expired sessions\",\"cleaned_count\":3,\"max_age_hours\":48}");
        } else if (path.equals("/system/stats")) {
            reply(exchange, 200, "application/json", """
                    {"total_sessions":150,"active_sessions":5,"status_distribution":{"completed":120,"processing":5},
                     "stage_distribution":{"researching":2},"average_progress":0.75,
                     "system_health":{"status":"healthy","details":{"message":"All systems operational"}}}""");
        } else {
            reply(exchange, 404, "application/json", "{\"error\":\"Not Found\",\"detail\":\"No resource\"}");
        }
    }

    private static String session(String status) {
        return """
                {"session_id":"%s","status":"%s","stage":"%s","progress":%s,"created_at":"2025-01-19T10:30:00Z",
                 "updated_at":"2025-01-19T10:33:00Z","estimated_completion":null,"error_message":null,
                 "request_details":{"prompt":"Create a video about AI","duration_preference":60,"style":"professional",
                 "voice_preference":"neutral","quality":"high"}}""".formatted(ID, status,
                status.equals("completed") ? "completed" : "video_assembly", status.equals("completed") ? "1.0" : "0.65");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int run(String... args) {
        CommandLine cli = VideoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "--base-url";
        all[1] = "http://127.0.0.1:" + server.getAddress().getPort();
        all[2] = "--api-key";
        all[3] = "syn_cli_test_key";
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.execute(all);
    }

    @Test
    void generateWaitsShowsProgressAndDownloadsIntoTheOutputDirectory(@TempDir Path dir) throws IOException {
        int exit = run("generate", "-p", "Create a video about machine learning", "-d", "30", "-s", "casual", "-q", "low",
                "--wait", "--output", dir.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(requests.get(0)).isEqualTo("POST /videos/generate auth=Bearer syn_cli_test_key");
        assertThat(out.toString()).contains("Started generation: " + ID, "65.0%", "100.0%", "Video downloaded: ");
        assertThat(Files.readString(dir.resolve("video_" + ID + ".mp4"))).isEqualTo("MP4DATA");
    }

    @Test
    void statusListsRecentSessionsAndShowsOne() {
        assertThat(run("status")).isZero();
        assertThat(requests.get(0)).startsWith("GET /videos?");
        assertThat(out.toString()).contains(ID, "completed", "1 of 1 sessions");
        assertThat(run("status", "--all")).isZero();
        assertThat(requests.get(1)).contains("page_size=100");
    }

    @Test
    void cancelCleanupAndStatsCallTheirRoutes() {
        assertThat(run("cancel", ID, "--keep-files")).isZero();
        assertThat(requests.get(0)).startsWith("DELETE /videos/" + ID + "?keep_files=true");
        assertThat(run("cleanup", "--max-age", "48", "--dry-run")).isZero();
        assertThat(requests.get(1)).contains("POST /system/cleanup?", "max_age_hours=48", "dry_run=true");
        assertThat(run("stats")).isZero();
        assertThat(out.toString()).contains("Session cancelled successfully", "Would clean up 3 expired sessions",
                "healthy", "Total sessions:   150", "Average progress: 75.0%");
    }

    @Test
    void serverErrorsBecomeAMessageAndExitCodeOne() {
        assertThat(run("status", "missing")).isEqualTo(1);
        assertThat(err.toString()).contains("Not Found (HTTP 404): Session not found");
    }
}
