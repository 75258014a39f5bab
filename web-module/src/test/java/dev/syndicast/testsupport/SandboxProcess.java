package dev.syndicast.testsupport;

import dev.syndicast.sandbox.SandboxServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox platform (module {@code sandbox}) as its own process, the way an operator runs it: one per test run,
 * shared by the tests (each resets it), plus fresh ones where a test needs its own. Its ledger is the witness of
 * "published exactly once".
 */
public final class SandboxProcess {

    private static SandboxProcess shared;

    private final Process process;
    private final int port;

    private SandboxProcess(int port, boolean attach) {
        this.port = port;
        if (attach) {
            process = null;
            return;
        }
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            File log = Path.of(System.getProperty("java.io.tmpdir"), "syndicast-sandbox-" + port + ".log").toFile();
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath(), SandboxServer.class.getName(),
                    "--port", Integer.toString(port), "--threads", "96")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Await.await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The sandbox exited with " + process.exitValue());
            }
            return api().get("/health").status() == 200;
        });
    }

    /**
     * The sandbox of this test run, started on first use. Its port is kept beside the server's test settings, so every
     * JVM and class loader of the run finds the one the server was configured with, and restarts it on that port if
     * it is gone.
     */
    public static synchronized SandboxProcess instance() {
        if (shared != null && shared.healthy()) {
            return shared;
        }
        Path portFile = Path.of(System.getProperty("micro.dir", System.getProperty("java.io.tmpdir")), "sandbox.port");
        int port;
        try {
            port = Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).strip()) : freePort();
            Files.writeString(portFile, Integer.toString(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SandboxProcess attached = new SandboxProcess(port, true);
        shared = attached.healthy() ? attached : new SandboxProcess(port, false);
        return shared;
    }

    private boolean healthy() {
        try {
            return api().get("/health").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Server settings that point Syndicast at this sandbox, with back-off short enough for tests. The request timeout
     * stays at its default: a shorter one than the sandbox's stall turns every injected 5xx into a timeout and hid
     * that 5xx answers were once repeated blindly.
     */
    public Map<String, String> serverSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("syndicast.publishing.sandbox.url", url().toString());
        settings.put("syndicast.publishing.backoff-base", "PT0.2S");
        settings.put("syndicast.publishing.backoff-factor", "2");
        settings.put("syndicast.publishing.backoff-cap", "PT2S");
        settings.put("syndicast.publishing.max-retry-after", "PT2S");
        // 30 % injected failures: ten attempts make "all eventually published" a near certainty (0.3^10 per job).
        settings.put("syndicast.publishing.max-attempts", "10");
        // The external scheduling API's client examples name videos on documentation hosts: imported in the background, never fetched now.
        settings.put("syndicast.publishing.intake.background-hosts", "storage.example.com,example.com");
        settings.put("syndicast.media.fetch.allowed-hosts", "storage.example.com,example.com");
        return settings;
    }

    /** The same settings as environment variables, for servers started with {@code bin/syndicast}. */
    public Map<String, String> serverEnvironment() {
        Map<String, String> env = new HashMap<>();
        serverSettings().forEach((k, v) -> env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), v));
        return env;
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Api api() {
        return Api.at(url()).anonymous();
    }

    public void reset() {
        Api.Reply reply = api().post("/control/reset", "");
        if (reply.status() != 200) {
            throw new IllegalStateException("sandbox reset: " + reply);
        }
    }

    /** e.g. {@code faults("fail_percent=30&mix=5xx,429,timeout")} */
    public void faults(String query) {
        Api.Reply reply = api().post("/control/faults?" + query, "");
        if (reply.status() != 200) {
            throw new IllegalStateException("sandbox faults: " + reply);
        }
    }

    public List<JsonObject> ledger() {
        return api().get("/control/ledger").json().getJsonArray("entries").stream().map(JsonValue::asJsonObject).toList();
    }

    /** How many posts each idempotency key created. */
    public Map<String, Integer> publishesByKey() {
        Map<String, Integer> counts = new HashMap<>();
        ledger().forEach(e -> counts.merge(e.getString("idempotency_key"), 1, Integer::sum));
        return counts;
    }

    private static String classpath() {
        try {
            return new File(SandboxServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
