package dev.syndicast.core.control;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The one way outgoing platform HTTP clients are built. They negotiate HTTP/2 over TLS (ALPN) and speak plain
 * HTTP/1.1 on cleartext {@code http://} URLs. The JDK client left to itself opens every cleartext request with an
 * {@code Upgrade: h2c} offer, and servers that do not implement the upgrade (Node's HTTP server, which the reference
 * Bluesky PDS and many self-hosted instances run on) drop such a request without an answer ("header parser received
 * no bytes"). A request that names its own version keeps it.
 */
public final class PlatformHttp {

    private PlatformHttp() {
    }

    /** A client with the given connect timeout that never follows redirects (a redirect could lead past a URL guard). */
    public static HttpClient client(Duration connectTimeout) {
        return wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Makes an existing client speak HTTP/1.1 on cleartext URLs. */
    public static HttpClient wrap(HttpClient client) {
        return client instanceof CleartextHttp11 ? client : new CleartextHttp11(client);
    }

    /** The request as it goes out: cleartext requests without a version of their own are pinned to HTTP/1.1. */
    public static HttpRequest forWire(HttpRequest request) {
        if (request.version().isPresent() || !"http".equalsIgnoreCase(request.uri().getScheme())) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Delegates everything, rewriting each request with {@link #forWire}. */
    private static final class CleartextHttp11 extends HttpClient {

        private final HttpClient delegate;

        CleartextHttp11(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public Optional<Executor> executor() {
            return delegate.executor();
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            return delegate.send(forWire(request), handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return delegate.sendAsync(forWire(request), handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            return delegate.sendAsync(forWire(request), handler, pushPromiseHandler);
        }
    }
}
