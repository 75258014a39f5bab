package dev.syndicast.media.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server whose routes the test writes, including misbehaving ones. */
final class LocalFileServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Released when the test ends, so handlers that stall on purpose return. */
    final CountDownLatch release = new CountDownLatch(1);

    LocalFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.start();
    }

    LocalFileServer route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    static HttpHandler bytes(String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        };
    }

    /** Streams {@code total} bytes starting with {@code head} without a Content-Length (chunked). */
    static HttpHandler chunked(byte[] head, long total) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                byte[] block = new byte[64 * 1024];
                long sent = head.length;
                while (sent < total) {
                    int n = (int) Math.min(block.length, total - sent);
                    out.write(block, 0, n);
                    sent += n;
                }
            } catch (IOException e) {
                // The client hung up on purpose (the cap was reached).
                exchange.close();
            }
        };
    }

    /** Sends the head of a file, then nothing until the test ends. */
    HttpHandler stallAfter(byte[] head, long declaredLength) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, declaredLength);
            OutputStream out = exchange.getResponseBody();
            out.write(head);
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
