package dev.syndicast.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of an HTTP/1.1 server that can lose one answer: armed for a request path, it lets
 * the next request to that path reach the server, waits until the server has answered, and then closes the client's
 * connection instead of passing the answer on. The client sees a broken connection after sending, the outcome it
 * cannot know: exactly what a lost answer behind a load balancer looks like. It can also hold a call in flight until
 * the test releases it: {@link #stallRequestBodyTo} passes a request's head on and holds its body (an upload cut off
 * midway), {@link #stallAnswerTo} lets the request reach the server and holds the answer; released, the proxy closes
 * both connections, so the held call never completes.
 */
public final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile String armedFor;
    private volatile String bodyStallPath;
    private volatile Stall bodyStall;
    private volatile String answerStallPath;
    private volatile Stall answerStall;

    public DroppingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Loses the answer to the next request whose request line names {@code path}. */
    public void dropNextAnswerTo(String path) {
        armedFor = path;
    }

    /**
     * The next request to {@code path}: its head goes on to the server, its body is held until the stall is released,
     * and then both connections are closed (the server sees an upload that stopped midway and was cut off).
     */
    public Stall stallRequestBodyTo(String path) {
        Stall stall = new Stall("request body to " + path);
        bodyStallPath = path;
        bodyStall = stall;
        return stall;
    }

    /**
     * The next request to {@code path} reaches the server, which answers; the answer is held until the stall is
     * released, and then both connections are closed without it.
     */
    public Stall stallAnswerTo(String path) {
        Stall stall = new Stall("answer to " + path);
        answerStallPath = path;
        answerStall = stall;
        return stall;
    }

    /** How many answers were lost so far. */
    public int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Connection connection = new Connection(client, upstream);
                Thread up = new Thread(connection::clientToServer, "dropping-proxy-up");
                Thread down = new Thread(connection::serverToClient, "dropping-proxy-down");
                up.setDaemon(true);
                down.setDaemon(true);
                up.start();
                down.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One client connection and its own upstream connection; HTTP/1.1 answers come in request order. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean loseNextAnswer;
        private volatile Stall holdAnswer;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToServer() {
            byte[] buffer = new byte[64 * 1024];
            String tail = "";
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    String path = armedFor;
                    if (path != null && seen.contains(" " + path)) {
                        armedFor = null;
                        loseNextAnswer = true;
                    }
                    Stall answer = answerStall;
                    if (answerStallPath != null && seen.contains(" " + answerStallPath) && answer != null && answer.take()) {
                        holdAnswer = answer;
                    }
                    Stall body = bodyStall;
                    int at = bodyStallPath == null ? -1 : seen.indexOf(" " + bodyStallPath);
                    int headEnd = at < 0 ? -1 : seen.indexOf("\r\n\r\n", at);
                    if (headEnd >= 0 && headEnd + 4 - tail.length() > 0 && body != null && body.take()) {
                        // Only the head goes on; the body stays here until the release, and then the call is cut off.
                        out.write(buffer, 0, headEnd + 4 - tail.length());
                        out.flush();
                        body.hold();
                        return;
                    }
                    tail = seen.substring(Math.max(0, seen.length() - 200));
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeBoth();
            }
        }

        void serverToClient() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    Stall held = holdAnswer;
                    if (held != null) {
                        held.hold();
                        dropped.incrementAndGet();
                        return;
                    }
                    if (loseNextAnswer) {
                        dropped.incrementAndGet();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
