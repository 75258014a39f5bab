package dev.syndicast.system;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box, the production WAR: what a hostile or careless client meets at the edge. Slow request bodies, key
 * guessing, the headers of every reply, cross-origin access. Attacks come from their own loopback source address
 * (127.0.0.2, 127.0.0.3), so the throttles they trigger never touch the test's own requests from 127.0.0.1.
 */
@ExtendWith(ArquillianExtension.class)
class EdgeIT {

    private static final String LOGIN = "/api/external/v1/auth/login";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private Api api() {
        return Api.at(base);
    }

    @Test
    void everyReplyCarriesTheSecurityHeaders() {
        Api anonymous = api().anonymous();
        List<Api.Reply> replies = List.of(anonymous.get("/"), anonymous.get("/api/external/v1/whoami"),
                anonymous.get("/no/such/route"), api().get("/api/external/v1/whoami"),
                anonymous.post(LOGIN, "{\"email\":\"nobody@edge.example\",\"password\":\"wrong-password\"}"));
        assertThat(replies).extracting(Api.Reply::status).containsExactly(200, 401, 404, 200, 401);
        for (Api.Reply reply : replies) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
            assertThat(reply.header("Content-Security-Policy")).as(reply.toString()).contains("default-src 'none'");
            assertThat(reply.header("Cache-Control")).as(reply.toString()).contains("no-store");
        }
        // Swagger UI needs its own scripts and styles, and nothing else.
        Api.Reply docs = anonymous.get("/docs");
        assertThat(docs.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self' 'sha256-")
                .doesNotContain("unsafe-eval");
        assertThat(docs.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void corsPreflightIsAnsweredWithoutAKeyForAllowedOriginsOnly() {
        Api anonymous = api().anonymous();
        Api.Reply preflight = anonymous.send(anonymous.request("/api/external/v1/posts")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Api.Reply foreign = anonymous.send(anonymous.request("/api/external/v1/posts")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().keySet()).contains("error", "detail", "timestamp");
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();

        Api.Reply call = api().send(api().request("/api/external/v1/whoami").header("Origin", "https://app.example"));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(call.header("Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(api().send(api().request("/api/external/v1/whoami").header("Origin", "https://evil.example"))
                .header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void guessingKeysIsThrottledPerSourceAddress() throws IOException {
        String guesser = "127.0.0.3";
        for (int i = 0; i < 20; i++) {
            RawReply wrong = raw(guesser, "GET", "/api/external/v1/whoami", "syn_wrong_guess_" + i + "_0123456789abcdef", null);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        RawReply throttled = raw(guesser, "GET", "/api/external/v1/whoami", "syn_wrong_guess_20_0123456789abcdef", null);
        assertThat(throttled.statusLine()).as(throttled.toString()).isEqualTo("HTTP/1.1 429 Too Many Requests");
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 60L);
        assertThat(throttled.body()).contains("\"error\":\"Too Many Requests\"");
        // While throttled even a right key learns nothing from this address ...
        RawReply right = raw(guesser, "GET", "/api/external/v1/whoami", Api.BOOTSTRAP_KEY, null);
        assertThat(right.status()).as(right.toString()).isEqualTo(429);
        // ... and other addresses are not affected.
        assertThat(api().get("/api/external/v1/whoami").status()).isEqualTo(200);
    }

    /**
     * A few hundred connections from one address trickle a login body (each a byte every 5 s, reconnecting when
     * refused, spread evenly over the 5 s) while the test keeps asking the server for its root and for logins:
     * all of them are answered, nine in ten within a second, none after five.
     */
    @Test
    void slowRequestBodiesDoNotStallOtherRequests() throws Exception {
        int connections = 300;
        List<Socket> slots = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            slots.add(null);
        }
        // The measured requests once before the attack: their first run (class loading, query compilation) is not
        // what this test measures.
        assertThat(api().anonymous().get("/api/external/v1").status()).isEqualTo(200);
        assertThat(api().anonymous().post(LOGIN, "{\"email\":\"\",\"password\":\"\"}").status()).isBetween(400, 499);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
        try {
            attacker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement() % connections;
                slots.set(i, trickleOneByte(slots.get(i)));
            }, 0, 5000 / connections, TimeUnit.MILLISECONDS);
            Await.await().atMost(Duration.ofSeconds(30)).until(() -> next.get() >= connections);

            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<Long> answers = new ArrayList<>();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                Api.Reply root = api().anonymous().get("/api/external/v1");
                answers.add((System.nanoTime() - started) / 1_000_000);
                started = System.nanoTime();
                Api.Reply login = api().anonymous().post(LOGIN, "{\"email\":\"\",\"password\":\"\"}");
                answers.add((System.nanoTime() - started) / 1_000_000);
                assertThat(root.status()).as(root.toString()).isEqualTo(200);
                assertThat(login.status()).as(login.toString()).isBetween(400, 499);
            }
            List<Long> sorted = answers.stream().sorted().toList();
            long withinASecond = answers.stream().filter(ms -> ms < 1000).count();
            System.out.println("EdgeIT slow bodies: " + answers.size() + " answers, median " + sorted.get(sorted.size() / 2)
                    + " ms, p90 " + sorted.get(sorted.size() * 9 / 10) + " ms, slowest " + sorted.get(sorted.size() - 1) + " ms");
            // Before the guard every request timed out while the attack lasted. On the shared 2-core test machine a
            // single request without any attack takes up to ~0.7 s at times, so a few stragglers are tolerated.
            assertThat(answers).hasSizeGreaterThan(20);
            assertThat(withinASecond).as("answers within a second: %s", answers).isGreaterThanOrEqualTo(answers.size() * 9 / 10);
            assertThat(sorted.get(sorted.size() - 1)).as("slowest answer").isLessThan(5000);
        } finally {
            attacker.shutdownNow();
            attacker.awaitTermination(10, TimeUnit.SECONDS);
            slots.forEach(EdgeIT::closeQuietly);
        }
    }

    /** Sends the next byte of a never-ending login body, or opens a new connection when the server closed this one. */
    private Socket trickleOneByte(Socket socket) {
        try {
            if (socket != null && socket.getInputStream().available() == 0 && !socket.isClosed()) {
                socket.getOutputStream().write(' '); // JSON allows any amount of white space
                socket.getOutputStream().flush();
                return socket;
            }
        } catch (IOException closed) {
            // refused or timed out by the server: reconnect below, as an attacker would
        }
        closeQuietly(socket);
        try {
            Socket fresh = new Socket();
            fresh.bind(new InetSocketAddress("127.0.0.2", 0));
            fresh.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 2000);
            OutputStream out = fresh.getOutputStream();
            out.write(("POST " + LOGIN + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return fresh;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing an attack connection; nothing to do
            }
        }
    }

    /** One exchange from a chosen source address (the JDK client can neither pick it nor show the reason phrase). */
    private RawReply raw(String source, String method, String path, String key, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (key != null) {
                request.append("Authorization: Bearer ").append(key).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return RawReply.parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    record RawReply(String statusLine, Map<String, String> headers, String body) {

        static RawReply parse(String text) {
            int split = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, split < 0 ? text.length() : split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                if (colon > 0) {
                    headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
                }
            }
            return new RawReply(head[0], headers, split < 0 ? "" : text.substring(split + 4));
        }

        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
