package dev.syndicast.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The X and LinkedIn stand-ins and the OAuth stand-in as one process of their own, for {@code bench/connectors.sh}:
 * a server started with {@code bin/syndicast} publishes to them and curl uploads to them in the same run. Started with
 * the test classpath: {@code java -cp web-module/target/test-classes:$(cat web-module/target/test-classpath.txt)
 * dev.syndicast.testsupport.BenchStandIns <settings file>}. Writes to the settings file, one {@code NAME=value} a line,
 * the environment that points a server at the stand-ins ({@code SYNDICAST_...}, the same settings the test server gets
 * from {@link TestEnvironment}, with the connectors' own chunk and part sizes) and the stand-ins' addresses
 * ({@code BENCH_X_URL}, {@code BENCH_LINKEDIN_URL}, {@code BENCH_CONTROL_URL}); then serves {@code GET /state} on the
 * control address (what the stand-ins received: uploads with their sizes, SHA-256 and times, the drains of the curl
 * baseline) until it is stopped.
 */
public final class BenchStandIns {

    private BenchStandIns() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchStandIns <settings file>");
            System.exit(2);
        }
        // The JDK's HTTP server leaves Nagle's algorithm on by default: an answer written as head and body then waits for
        // the client's delayed ACK (40 ms) on every call, which would charge a chunked upload 40 ms per chunk that no
        // real platform charges.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        PlatformStub stub = PlatformStub.instance();
        XStandIn x = XStandIn.instance();
        LinkedInStandIn linkedIn = LinkedInStandIn.instance();
        Map<String, String> settings = new TreeMap<>(stub.serverSettings());
        settings.put("syndicast.platforms.x.api-url", x.baseUrl());
        settings.put("syndicast.platforms.linkedin.api-url", linkedIn.baseUrl());
        // The stand-ins have processed a video as soon as it is finalized; the polls only say how soon a job asks.
        settings.put("syndicast.platforms.x.processing-poll", "PT1S");
        settings.put("syndicast.platforms.linkedin.processing-poll", "PT1S");

        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/state", exchange -> respond(exchange, state(x, linkedIn)));
        control.start();

        List<String> lines = new ArrayList<>();
        // MicroProfile Config's environment names: every character other than a letter or digit becomes '_', upper case.
        settings.forEach((key, value) -> lines.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT) + "=" + value));
        lines.add("BENCH_X_URL=" + x.baseUrl());
        lines.add("BENCH_LINKEDIN_URL=" + linkedIn.baseUrl());
        lines.add("BENCH_CONTROL_URL=http://127.0.0.1:" + control.getAddress().getPort());
        Path file = Path.of(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("bench stand-ins: X " + x.baseUrl() + ", LinkedIn " + linkedIn.baseUrl() + ", OAuth " + stub.baseUrl());
    }

    private static String state(XStandIn x, LinkedInStandIn linkedIn) {
        JsonArrayBuilder uploads = Json.createArrayBuilder();
        x.uploads().values().stream().sorted(java.util.Comparator.comparingLong(u -> u.startedAt)).forEach(u -> uploads.add(
                Json.createObjectBuilder().add("id", u.id).add("category", u.category).add("total", u.total)
                        .add("size", u.size()).add("sha256", u.sha256()).add("appends", u.appends)
                        .add("largest_chunk", u.largestChunk()).add("started_at", u.startedAt)
                        .add("last_append_at", u.lastAppendAt).add("finalized_at", u.finalizedAt)));
        JsonArrayBuilder videos = Json.createArrayBuilder();
        linkedIn.videos().values().stream().sorted(java.util.Comparator.comparingLong(v -> v.startedAt)).forEach(v -> {
            JsonArrayBuilder digests = Json.createArrayBuilder();
            JsonArrayBuilder parts = Json.createArrayBuilder();
            for (int i = 0; i < v.parts.size(); i++) {
                digests.add(v.digests.getOrDefault(i, ""));
                parts.add(Json.createArrayBuilder().add(v.parts.get(i)[0]).add(v.parts.get(i)[1]));
            }
            videos.add(Json.createObjectBuilder().add("urn", v.urn).add("size", v.size).add("parts", parts)
                    .add("digests", digests).add("puts", v.puts.values().stream().mapToInt(Integer::intValue).sum())
                    .add("finalized", v.finalized).add("started_at", v.startedAt).add("last_part_at", v.lastPartAt)
                    .add("finalized_at", v.finalizedAt));
        });
        JsonObjectBuilder state = Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("uploads", uploads).add("tweets", x.tweets().size())
                        .add("drains", drains(x.drains())))
                .add("linkedin", Json.createObjectBuilder().add("videos", videos).add("posts", linkedIn.posts().size())
                        .add("drains", drains(linkedIn.drains())));
        return state.build().toString();
    }

    private static JsonArrayBuilder drains(List<Received> drains) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        drains.forEach(d -> all.add(Json.createObjectBuilder().add("bytes", d.bytes()).add("sha256", d.sha256())
                .add("started_at", d.startedAt()).add("millis", d.millis())));
        return all;
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
