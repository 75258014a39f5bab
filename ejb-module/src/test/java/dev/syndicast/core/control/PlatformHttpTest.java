package dev.syndicast.core.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformHttpTest {

    private ServerSocket server;
    private Thread acceptor;
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();

    /** Behaves like Node's HTTP server in front of the reference PDS: a request offering an h2c upgrade is dropped. */
    @BeforeEach
    void startServer() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    List<String> head = new ArrayList<>();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.add(line);
                    }
                    requests.add(head);
                    if (head.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("upgrade:"))) {
                        continue;
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (Exception closed) {
                    // the server socket was closed by the test
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.join(2000);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/xrpc/com.atproto.server.describeServer");
    }

    @Test
    void cleartextRequestsAreHttp11WithoutAnUpgradeOffer() throws Exception {
        HttpClient client = PlatformHttp.client(Duration.ofSeconds(2));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(requests.get(0)).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("upgrade:"))
                .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("http2-settings:"));
    }

    @Test
    void asynchronousCallsAreRewrittenToo() throws Exception {
        HttpClient client = PlatformHttp.client(Duration.ofSeconds(2));

        HttpResponse<String> response = client.sendAsync(HttpRequest.newBuilder(url()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(requests.get(0)).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("upgrade:"));
    }

    @Test
    void tlsKeepsHttp2AndRequestsKeepTheirOwnVersion() {
        HttpClient client = PlatformHttp.client(Duration.ofSeconds(2));
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);

        HttpRequest tls = HttpRequest.newBuilder(URI.create("https://bsky.social/xrpc/x")).build();
        assertThat(PlatformHttp.forWire(tls)).isSameAs(tls);
        HttpRequest cleartext = HttpRequest.newBuilder(URI.create("http://127.0.0.1:2583/xrpc/x")).header("Authorization", "Bearer t").build();
        HttpRequest wire = PlatformHttp.forWire(cleartext);
        assertThat(wire.version()).contains(HttpClient.Version.HTTP_1_1);
        assertThat(wire.headers().firstValue("Authorization")).contains("Bearer t");
        HttpRequest pinned = HttpRequest.newBuilder(URI.create("http://127.0.0.1/x")).version(HttpClient.Version.HTTP_2).build();
        assertThat(PlatformHttp.forWire(pinned)).isSameAs(pinned);
    }

    @Test
    void aPlainJdkClientIsDroppedByTheSameServer() {
        // Documents the failure this class exists for: the default client's h2c offer gets no answer.
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(url())
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
