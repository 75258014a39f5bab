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
 * The X, LinkedIn, YouTube and TikTok stand-ins and the OAuth stand-in as one process of their own, for
 * {@code bench/connectors.sh}:
 * a server started with {@code bin/syndicast} publishes to them and curl uploads to them in the same run. Started with
 * the test classpath: {@code java -cp web-module/target/test-classes:$(cat web-module/target/test-classpath.txt)
 * dev.syndicast.testsupport.BenchStandIns <settings file>}. Writes to the settings file, one {@code NAME=value} a line,
 * the environment that points a server at the stand-ins ({@code SYNDICAST_...}, the same settings the test server gets
 * from {@link TestEnvironment}, with the connectors' own chunk and part sizes) and the stand-ins' addresses
 * ({@code BENCH_X_URL}, {@code BENCH_LINKEDIN_URL}, {@code BENCH_YOUTUBE_URL}, {@code BENCH_TIKTOK_URL},
 * {@code BENCH_CONTROL_URL}); then serves {@code GET /state} on the control address (what the stand-ins received:
 * uploads with their sizes, SHA-256 and times, the drains of the curl baseline) until it is stopped.
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
        YouTubeStandIn youTube = YouTubeStandIn.instance();
        TikTokStandIn tikTok = TikTokStandIn.instance();
        Map<String, String> settings = new TreeMap<>(stub.serverSettings());
        settings.put("syndicast.platforms.x.api-url", x.baseUrl());
        settings.put("syndicast.platforms.linkedin.api-url", linkedIn.baseUrl());
        settings.put("syndicast.platforms.youtube.api-url", youTube.baseUrl());
        settings.put("syndicast.platforms.youtube.upload-url", youTube.baseUrl());
        // Not TikTokStandIn.serverSettings(): it sets the tests' chunk size; the bench uses the connector's own.
        settings.put("syndicast.platforms.tiktok.api-url", tikTok.baseUrl());
        // The stand-ins have processed a video as soon as it is finalized; the polls only say how soon a job asks.
        settings.put("syndicast.platforms.x.processing-poll", "PT1S");
        settings.put("syndicast.platforms.linkedin.processing-poll", "PT1S");
        settings.put("syndicast.platforms.tiktok.processing-poll", "PT1S");

        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/state", exchange -> respond(exchange, state(x, linkedIn, youTube, tikTok)));
        control.start();

        List<String> lines = new ArrayList<>();
        // MicroProfile Config's environment names: every character other than a letter or digit becomes '_', upper case.
        settings.forEach((key, value) -> lines.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT) + "=" + value));
        lines.add("BENCH_X_URL=" + x.baseUrl());
        lines.add("BENCH_LINKEDIN_URL=" + linkedIn.baseUrl());
        lines.add("BENCH_YOUTUBE_URL=" + youTube.baseUrl());
        lines.add("BENCH_TIKTOK_URL=" + tikTok.baseUrl());
        lines.add("BENCH_CONTROL_URL=http://127.0.0.1:" + control.getAddress().getPort());
        Path file = Path.of(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("bench stand-ins: X " + x.baseUrl() + ", LinkedIn " + linkedIn.baseUrl() + ", YouTube "
                + youTube.baseUrl() + ", TikTok " + tikTok.baseUrl() + ", OAuth " + stub.baseUrl());
    }

    private static String state(XStandIn x, LinkedInStandIn linkedIn, YouTubeStandIn youTube, TikTokStandIn tikTok) {
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
                        .add("drains", drains(linkedIn.drains())))
                .add("youtube", Json.createObjectBuilder().add("sessions", sessions(youTube))
                        .add("drains", drains(youTube.drains())))
                .add("tiktok", Json.createObjectBuilder().add("uploads", uploads(tikTok))
                        .add("drains", drains(tikTok.drains())));
        return state.build().toString();
    }

    /** YouTube's resumable sessions, oldest first: what each held, its digest once the video exists, and its times. */
    private static JsonArrayBuilder sessions(YouTubeStandIn youTube) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        List<YouTubeStandIn.Video> videos = youTube.videos();
        youTube.sessions().stream().sorted(java.util.Comparator.comparingLong(s -> s.openedAt)).forEach(s -> {
            YouTubeStandIn.Video video = videos.stream().filter(v -> v.sessionId().equals(s.id)).findFirst().orElse(null);
            all.add(Json.createObjectBuilder().add("id", s.id).add("size", s.size).add("held", s.held)
                    .add("video", video == null ? "" : video.id()).add("sha256", video == null ? "" : video.sha256())
                    .add("chunks", s.chunkStarts.size()).add("status_queries", s.statusQueries.get())
                    .add("opened_at", s.openedAt).add("first_chunk_at", s.firstChunkAt).add("completed_at", s.completedAt)
                    .add("reading_ms", s.readingNanos / 1_000_000).add("between_chunks_ms", s.betweenNanos / 1_000_000));
        });
        return all;
    }

    /** TikTok's file uploads, oldest first: the plan, what arrived, its digest and its times. */
    private static JsonArrayBuilder uploads(TikTokStandIn tikTok) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        tikTok.publishes().stream().filter(p -> "FILE_UPLOAD".equals(p.source)).forEach(p -> all.add(Json.createObjectBuilder()
                .add("publish_id", p.publishId).add("size", p.sourceInfo.getJsonNumber("video_size").longValue())
                .add("chunk_size", p.sourceInfo.getJsonNumber("chunk_size").longValue())
                .add("chunks", p.sourceInfo.getInt("total_chunk_count")).add("held", p.held).add("chunks_held", p.chunksHeld)
                .add("puts", p.puts.get()).add("complete", p.complete).add("sha256", p.sha256Hex())
                .add("init_at", p.initAt).add("first_chunk_at", p.firstChunkAt).add("completed_at", p.completedAt)
                .add("reading_ms", p.readingNanos / 1_000_000).add("between_chunks_ms", p.betweenNanos / 1_000_000)));
        return all;
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
