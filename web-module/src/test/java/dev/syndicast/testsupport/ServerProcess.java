package dev.syndicast.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Syndicast started the way an operator starts it, with {@code bin/syndicast}, for tests that must kill and
 * restart the whole server. Each instance gets its own database, data directory, HTTP and broker ports.
 */
public final class ServerProcess {

    private static final Path ROOT = Path.of(System.getProperty("server.config.dir")).getParent().getParent();

    private final String database;
    private final Path dataDir;
    private final int httpPort;
    private final int brokerPort;
    private final int metricsPort;
    private final Process process;

    private final Map<String, String> environment;

    private ServerProcess(String database, Path dataDir, int httpPort, int brokerPort, int metricsPort,
                          Map<String, String> environment) {
        this.database = database;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.metricsPort = metricsPort;
        this.environment = environment;
        this.process = launch();
    }

    /** Starts on a fresh database and an empty data directory, and waits until it answers. */
    public static ServerProcess start(String database) {
        return start(database, Map.of());
    }

    /**
     * As {@link #start(String)}, with extra or overriding environment (e.g. SYNDICAST_JAVA_OPTS for a smaller heap).
     * The database is named after the run's own ({@code -Dsyndicast.test.db}): {@code syndicast_test_crash} becomes
     * {@code syndicast_test_b_crash} in a run on {@code syndicast_test_b}, so two suites on one machine never share
     * a crash test's database (two servers with different vault keys claiming the same jobs).
     */
    public static ServerProcess start(String name, Map<String, String> environment) {
        return start(name, url -> environment);
    }

    /**
     * As {@link #start(String, Map)}, with environment that names the server's own address, which is known only once
     * its port is chosen (e.g. {@code SYNDICAST_PUBLIC_URL} for platforms that fetch media from it by URL).
     */
    public static ServerProcess start(String name, Function<URL, Map<String, String>> environment) {
        String database = TestEnvironment.runDatabase() + name.replaceFirst("^syndicast_test", "");
        TestEnvironment.recreateDatabase("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
        try {
            // Under the module's target directory (next to the Arquillian data directory), so mvn clean removes it.
            Path servers = Files.createDirectories(Path.of(System.getenv("SYNDICAST_DATA_DIR")).resolveSibling("servers"));
            Path dataDir = Files.createTempDirectory(servers, database);
            int httpPort = freePort();
            return new ServerProcess(database, dataDir, httpPort, freePort(), freePort(),
                    Map.copyOf(environment.apply(url(httpPort)))).awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts again on the same database, data directory and ports. */
    public ServerProcess restart() {
        return new ServerProcess(database, dataDir, httpPort, brokerPort, metricsPort, environment).awaitReady();
    }

    public Path dataDir() {
        return dataDir;
    }

    public URL url() {
        return url(httpPort);
    }

    private static URL url(int httpPort) {
        try {
            return URI.create("http://127.0.0.1:" + httpPort + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the JVM and the script: no shutdown hooks, no clean broker stop, like a power cut. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Await.until(() -> !process.isAlive() && process.descendants().noneMatch(ProcessHandle::isAlive));
    }

    /**
     * SIGTERM to {@code bin/syndicast}, as Ctrl-C or a service manager would send it; returns how long the script and
     * the server took to be gone (at most two minutes are awaited, so a slow stop is measured rather than cut short).
     */
    public Duration stop() {
        // Taken first: once the script is gone, the JVM it started is no longer its descendant.
        List<ProcessHandle> server = process.descendants().toList();
        long started = System.nanoTime();
        process.destroy();
        Await.await().atMost(Duration.ofMinutes(2))
                .until(() -> !process.isAlive() && server.stream().noneMatch(ProcessHandle::isAlive));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The server's output so far (the run script's and Payara Micro's), for assertion messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log().toPath());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private ServerProcess awaitReady() {
        Await.await().atMost(Duration.ofSeconds(180)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("bin/syndicast exited with " + process.exitValue() + "; see " + log());
            }
            // The application answers and its readiness checks (database, broker) pass: the broker WAR is deployed
            // after the application, and /mphealth/ready alone is UP before the application registered its checks.
            Api anonymous = Api.at(url()).anonymous();
            return anonymous.get("/health").status() == 200 && anonymous.get("/mphealth/ready").status() == 200;
        });
        return this;
    }

    private Process launch() {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/syndicast").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
        Map<String, String> env = builder.environment();
        env.put("SYNDICAST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("SYNDICAST_DATA_DIR", dataDir.toString());
        env.put("SYNDICAST_HTTP_PORT", String.valueOf(httpPort));
        env.put("SYNDICAST_BROKER_PORT", String.valueOf(brokerPort));
        // The metrics listener defaults to the HTTP port + 1, which a random HTTP port cannot promise to be free.
        env.put("SYNDICAST_METRICS_PORT", String.valueOf(metricsPort));
        env.put("SYNDICAST_RUNTIME_DIR", System.getProperty("micro.dir"));
        env.put("SYNDICAST_JAVA_OPTS", "-Xmx" + System.getProperty("syndicast.test.heap", "640m")
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        // A claimed task whose JMS message died with the killed server is claimed again after the lease; a short
        // lease keeps the crash tests quick (production default: one minute).
        env.put("SYNDICAST_TASKS_DISPATCH_LEASE", "PT10S");
        env.putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private File log() {
        return dataDir.resolve("server.log").toFile();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
