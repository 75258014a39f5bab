package dev.syndicast.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prepares what the Payara Micro tests need before the first container starts, once per test run: a fresh test
 * database, an empty data directory (no broker journal from an earlier run), and the post-boot command file
 * rendered by server-config's own script, so the tests boot the server exactly as {@code bin/syndicast} does.
 * Does nothing outside the integration-test phase (no {@code micro.dir} system property).
 */
public class TestEnvironment implements LauncherSessionListener {

    private static boolean prepared;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        prepare();
    }

    static synchronized void prepare() {
        String microDir = System.getProperty("micro.dir");
        if (prepared || microDir == null) {
            return;
        }
        prepared = true;
        recreateDatabase(env("SYNDICAST_DB_URL"));
        try {
            // A new run picks a new sandbox port (see SandboxProcess.instance()).
            Files.deleteIfExists(Path.of(microDir, "sandbox.port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteTree(Path.of(env("SYNDICAST_DATA_DIR")));
        AtprotoPds.installInBackground();
        // The post-boot file (with the metrics listener's port) is rendered by SharedServer just before it boots.
        writeSystemProperties(Path.of(microDir));
    }

    /**
     * Server settings only the tests use, handed to Payara Micro with {@code --systemproperties}: the local
     * platform stub stands in for the social platforms' OAuth and API endpoints (see {@link PlatformStub}); the
     * sandbox platform runs as its own process and takes the publishes (see {@link SandboxProcess}).
     */
    static void writeSystemProperties(Path microDir) {
        PlatformStub stub = PlatformStub.instance();
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(stub.serverSettings());
        properties.putAll(SandboxProcess.instance().serverSettings());
        properties.putAll(MastodonStandIn.serverSettings());
        properties.putAll(LinkedInStandIn.serverSettings());
        properties.putAll(XStandIn.serverSettings());
        properties.putAll(ThreadsStandIn.instance().serverSettings());
        properties.putAll(MetaGraphStandIn.instance().serverSettings());
        properties.putAll(PinterestStandIn.instance().serverSettings());
        properties.putAll(RedditStandIn.instance().serverSettings());
        properties.putAll(DribbbleStandIn.serverSettings());
        properties.putAll(SnapchatStandIn.serverSettings());
        properties.putAll(TikTokStandIn.instance().serverSettings());
        properties.putAll(YouTubeStandIn.serverSettings());
        // The loopback test servers (file servers, platform stub) must stay fetchable whatever else a suite allows.
        properties.merge("syndicast.media.fetch.allowed-hosts", "127.0.0.1", (others, loopback) -> loopback + "," + others);
        try (var out = Files.newBufferedWriter(microDir.resolve("test-system.properties"))) {
            properties.store(out, "Written by TestEnvironment for this test run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of this run's database ({@code syndicast_test} unless {@code -Dsyndicast.test.db} says otherwise). */
    static String runDatabase() {
        return databaseOf(env("SYNDICAST_DB_URL"));
    }

    private static String databaseOf(String url) {
        return url.replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("\\?.*$", "");
    }

    /** Drops and creates the test database through the maintenance database of the same server. */
    static void recreateDatabase(String url) {
        String database = databaseOf(url);
        if (!database.matches("[a-z0-9_]+") || !database.contains("test")) {
            throw new IllegalStateException("Refusing to recreate a database whose name does not say 'test': " + database);
        }
        String maintenance = url.replaceFirst("/" + database, "/postgres");
        try (Connection connection = DriverManager.getConnection(maintenance);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the integration tests (" + maintenance
                    + "): " + e.getMessage(), e);
        }
    }

    /** The metrics listener's port of the shared Arquillian server, for tests that read metrics. */
    public static int metricsPort() {
        return Integer.getInteger(METRICS_PORT, -1);
    }

    private static final String METRICS_PORT = "syndicast.test.metrics.port";

    /**
     * A free port below Linux's ephemeral range (32768 and up): the stand-ins and the sandbox bind port 0 and are given
     * ephemeral ports, so none of them can take this one before the server binds it (a port from {@code bind(0)},
     * released at once, was handed straight to the next stand-in).
     */
    private static int portBelowEphemeralRange() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        return ServerProcess.freePort();
    }

    /**
     * Renders the shared server's post-boot commands with the production renderer, choosing the metrics listener's
     * port: called by {@link SharedServer} right before Payara Micro boots, so the port is free moments before it is
     * bound (chosen at the start of the run, it had minutes in which something else could take it).
     */
    static void renderPostBoot() {
        renderPostBoot(Path.of(System.getProperty("micro.dir")), Path.of(System.getProperty("server.config.dir")));
    }

    private static void renderPostBoot(Path microDir, Path serverConfig) {
        try {
            Path target = microDir.resolve("post-boot.asadmin");
            // The servers' HTTP ports are random; their metrics listener needs a fixed one that is free now.
            int metricsPort = portBelowEphemeralRange();
            System.setProperty(METRICS_PORT, String.valueOf(metricsPort));
            ProcessBuilder render = new ProcessBuilder("bash", serverConfig.resolve("render-post-boot").toString(),
                    microDir.resolve("activemq-ra.rar").toString());
            render.environment().put("SYNDICAST_METRICS_PORT", String.valueOf(metricsPort));
            Process process = render
                    .redirectOutput(target.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("render-post-boot failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set for the integration tests (see web-module/pom.xml)");
        }
        return value;
    }
}
