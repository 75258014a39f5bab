package dev.syndicast.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The video generation API's command-line client, with the commands and options its existing users know: generate
 * (with --wait and a live progress bar), status, cancel, cleanup, stats, and serve (runs bin/syndicast).
 */
@Command(name = "syndicast-video", mixinStandardHelpOptions = true, version = "syndicast-video 0.1.0",
        description = "Generate videos from text prompts with Syndicast.",
        subcommands = {VideoCli.Generate.class, VideoCli.Status.class, VideoCli.Cancel.class, VideoCli.Cleanup.class,
                VideoCli.Stats.class, VideoCli.Serve.class})
public class VideoCli {

    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    @Option(names = "--base-url", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:SYNDICAST_BASE_URL:-http://127.0.0.1:8080}",
            description = "Server URL (env SYNDICAST_BASE_URL) [default: ${DEFAULT-VALUE}]")
    String baseUrl;

    @Option(names = "--api-key", scope = CommandLine.ScopeType.INHERIT, defaultValue = "${env:SYNDICAST_API_KEY}",
            description = "API key with the ai:generate scope (env SYNDICAST_API_KEY)")
    String apiKey;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its error handling: a server's error is a message and exit code 1, not a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new VideoCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ApiClient.CliException) {
                        cmd.getErr().println("Error: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }

    ApiClient client() {
        return new ApiClient(baseUrl, apiKey);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Start generating a video from a prompt.")
    static class Generate implements Callable<Integer> {

        @CommandLine.ParentCommand
        VideoCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"--prompt", "-p"}, required = true, description = "Text prompt (10-2000 characters)")
        String prompt;

        @Option(names = {"--duration", "-d"}, defaultValue = "60", description = "Duration in seconds (10-600) [default: ${DEFAULT-VALUE}]")
        int duration;

        @Option(names = {"--style", "-s"}, defaultValue = "professional",
                description = "professional|casual|educational|entertainment|documentary [default: ${DEFAULT-VALUE}]")
        String style;

        @Option(names = {"--voice", "-v"}, defaultValue = "neutral", description = "Voice preference [default: ${DEFAULT-VALUE}]")
        String voice;

        @Option(names = {"--quality", "-q"}, defaultValue = "high", description = "low|medium|high|ultra [default: ${DEFAULT-VALUE}]")
        String quality;

        @Option(names = {"--wait", "-w"}, description = "Wait for completion and show progress")
        boolean wait;

        @Option(names = {"--output", "-o"}, description = "Output directory for the generated video (implies --wait)")
        Path output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ApiClient api = root.client();
            JsonObject started = api.post("/videos/generate", Json.createObjectBuilder()
                    .add("prompt", prompt).add("duration_preference", duration).add("style", style)
                    .add("voice_preference", voice).add("quality", quality).build());
            String id = started.getString("session_id");
            out.println("Started generation: " + id + " (" + started.getString("status") + ", estimated completion "
                    + text(started, "estimated_completion") + ")");
            out.flush();
            if (!wait && output == null) {
                out.println("Follow it with: status " + id + " --watch");
                return 0;
            }
            JsonObject last = watch(api, id, out);
            if (!"completed".equals(last.getString("status"))) {
                out.println("Generation " + last.getString("status") + ": " + text(last, "error_message"));
                return 1;
            }
            Path dir = output == null ? Path.of(".") : output;
            Files.createDirectories(dir);
            Path file = api.download("/videos/" + id + "/download", dir.resolve("video_" + id + ".mp4"));
            out.println("Video downloaded: " + file.toAbsolutePath().normalize() + " (" + Files.size(file) + " bytes)");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show recent sessions, all sessions, or one session.")
    static class Status implements Callable<Integer> {

        @CommandLine.ParentCommand
        VideoCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "SESSION_ID", description = "Session to show")
        String sessionId;

        @Option(names = {"--all", "-a"}, description = "Show all sessions")
        boolean all;

        @Option(names = {"--watch", "-w"}, description = "Watch progress in real time")
        boolean watchProgress;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            ApiClient api = root.client();
            if (sessionId != null) {
                if (watchProgress) {
                    JsonObject last = watch(api, sessionId, out);
                    return "failed".equals(last.getString("status")) ? 1 : 0;
                }
                printSession(api, sessionId, out);
                return 0;
            }
            List<JsonObject> sessions = new ArrayList<>();
            int page = 1;
            long total;
            do {
                JsonObject list = api.get("/videos" + ApiClient.query(Map.of("page", page, "page_size", all ? 100 : 10)));
                list.getJsonArray("sessions").forEach(v -> sessions.add(v.asJsonObject()));
                total = list.getJsonNumber("total_count").longValue();
                page++;
            } while (all && sessions.size() < total);
            out.printf("%-36s  %-10s  %-16s  %6s  %-20s  %s%n", "SESSION", "STATUS", "STAGE", "DONE", "CREATED", "PROMPT");
            for (JsonObject s : sessions) {
                out.printf(Locale.ROOT, "%-36s  %-10s  %-16s  %5.1f%%  %-20s  %s%n", s.getString("session_id"), s.getString("status"),
                        s.getString("stage"), s.getJsonNumber("progress").doubleValue() * 100, s.getString("created_at"),
                        abbreviate(s.getJsonObject("request_details").getString("prompt"), 40));
            }
            out.println(sessions.size() + " of " + total + " sessions" + (all ? "" : " (newest first; --all for every one)"));
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a session (stops a running render).")
    static class Cancel implements Callable<Integer> {

        @CommandLine.ParentCommand
        VideoCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SESSION_ID")
        String sessionId;

        @Option(names = "--keep-files", description = "Keep intermediate files")
        boolean keepFiles;

        @Override
        public Integer call() {
            JsonObject reply = root.client().delete("/videos/" + sessionId + (keepFiles ? "?keep_files=true" : ""));
            spec.commandLine().getOut().println(reply.getString("message") + ": " + reply.getString("session_id"));
            return 0;
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Delete finished sessions older than --max-age hours, with their files.")
    static class Cleanup implements Callable<Integer> {

        @CommandLine.ParentCommand
        VideoCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--max-age", defaultValue = "24", description = "Maximum age in hours [default: ${DEFAULT-VALUE}]")
        int maxAge;

        @Option(names = "--dry-run", description = "Show what would be cleaned up without doing it")
        boolean dryRun;

        @Override
        public Integer call() {
            JsonObject reply = root.client().post("/system/cleanup" + ApiClient.query(
                    dryRun ? Map.of("max_age_hours", maxAge, "dry_run", true) : Map.of("max_age_hours", maxAge)), null);
            spec.commandLine().getOut().println(reply.getString("message"));
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Show session counts, health and progress.")
    static class Stats implements Callable<Integer> {

        @CommandLine.ParentCommand
        VideoCli root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject s = root.client().get("/system/stats");
            JsonObject health = s.getJsonObject("system_health");
            out.println("System health:    " + health.getString("status") + " (" + health.getJsonObject("details").getString("message") + ")");
            out.println("Total sessions:   " + s.getJsonNumber("total_sessions"));
            out.println("Active sessions:  " + s.getJsonNumber("active_sessions"));
            out.printf(Locale.ROOT, "Average progress: %.1f%%%n", s.getJsonNumber("average_progress").doubleValue() * 100);
            out.println("By status:        " + counts(s.getJsonObject("status_distribution")));
            out.println("Active by stage:  " + counts(s.getJsonObject("stage_distribution")));
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Syndicast server (bin/syndicast) in the foreground.")
    static class Serve implements Callable<Integer> {

        @Option(names = "--host", defaultValue = "127.0.0.1",
                description = "Address clients use [default: ${DEFAULT-VALUE}]; Payara Micro listens on all interfaces")
        String host;

        @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "HTTP port [default: ${DEFAULT-VALUE}]")
        int port;

        @Option(names = "--reload", description = "Rebuild before starting (bin/syndicast --rebuild)")
        boolean reload;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path home = Path.of(System.getProperty("syndicast.home", "."));
            Path script = home.resolve("bin/syndicast");
            if (!Files.isExecutable(script)) {
                throw new ApiClient.CliException("Cannot find bin/syndicast under " + home.toAbsolutePath()
                        + " (run from the repository, or through bin/syndicast-video)");
            }
            List<String> command = new ArrayList<>(List.of(script.toString()));
            if (reload) {
                command.add("--rebuild");
            }
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("SYNDICAST_HTTP_PORT", Integer.toString(port));
            Process server = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            return server.waitFor();
        }
    }

    /** Polls the session's progress every two seconds, drawing a progress bar, until it ends. */
    static JsonObject watch(ApiClient api, String id, PrintWriter out) throws InterruptedException {
        boolean tty = System.console() != null;
        String lastLine = "";
        while (true) {
            JsonObject status = api.get("/videos/" + id + "/status");
            String line = progressLine(status);
            if (tty) {
                out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            } else if (!line.equals(lastLine)) {
                out.println(line);
            }
            out.flush();
            lastLine = line;
            if (FINAL.contains(status.getString("status"))) {
                if (tty) {
                    out.println();
                }
                return status;
            }
            Thread.sleep(2000);
        }
    }

    static String progressLine(JsonObject status) {
        double progress = status.getJsonNumber("progress").doubleValue();
        int width = 30;
        int filled = (int) Math.round(progress * width);
        String eta = text(status, "estimated_completion");
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %-10s %-16s%s", "#".repeat(filled), ".".repeat(width - filled),
                progress * 100, status.getString("status"), status.getString("stage"),
                eta == null ? "" : "  ETA " + eta);
    }

    static void printSession(ApiClient api, String id, PrintWriter out) {
        JsonObject s = api.get("/videos/" + id + "/status");
        JsonObject details = s.getJsonObject("request_details");
        out.println("Session:     " + s.getString("session_id"));
        out.println("Status:      " + s.getString("status") + " (" + s.getString("stage") + ")");
        out.printf(Locale.ROOT, "Progress:    %.1f%%%n", s.getJsonNumber("progress").doubleValue() * 100);
        out.println("Created:     " + s.getString("created_at") + "   updated " + s.getString("updated_at"));
        out.println("Estimated:   " + java.util.Objects.requireNonNullElse(text(s, "estimated_completion"), "-"));
        out.println("Request:     " + details.getJsonNumber("duration_preference") + " s, " + details.getString("style")
                + ", " + details.getString("quality") + ", voice " + details.getString("voice_preference"));
        out.println("Prompt:      " + details.getString("prompt"));
        if (text(s, "error_message") != null) {
            out.println("Error:       " + s.getString("error_message"));
        }
        JsonObject stages = api.get("/videos/" + id + "/progress").getJsonObject("stage_details");
        for (Map.Entry<String, JsonValue> e : stages.entrySet()) {
            JsonObject stage = e.getValue().asJsonObject();
            out.printf(Locale.ROOT, "  %-16s %5.1f%%  weight %.2f  %s -> %s  (%d s)%n", e.getKey(),
                    stage.getJsonNumber("progress").doubleValue() * 100, stage.getJsonNumber("weight").doubleValue(),
                    text(stage, "start_time"), text(stage, "end_time"), stage.getJsonNumber("estimated_duration").longValue());
        }
    }

    static String text(JsonObject o, String key) {
        return o.containsKey(key) && !o.isNull(key) ? o.getString(key) : null;
    }

    static String counts(JsonObject counts) {
        Map<String, String> map = new LinkedHashMap<>();
        counts.forEach((k, v) -> map.put(k, v.toString()));
        return map.isEmpty() ? "-" : map.toString().replaceAll("[{}]", "");
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
