package dev.syndicast.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox platform: a publishing API that behaves like a remote one (bearer tokens, idempotency keys, 201 with
 * an id and URL, 4xx/5xx/429 and slow answers when told to), with control routes for tests and demos.
 *
 * <pre>
 * POST   /v1/posts                      create a post (Authorization: Bearer, Idempotency-Key)
 * GET    /v1/posts?idempotency_key=K    find posts created with a key ({"data": [...]})
 * DELETE /v1/posts/{id}                 delete a post
 * POST   /control/faults?fail_percent=30&amp;mix=5xx,429,timeout&amp;stall_ms=0&amp;timeout_stall_ms=3000&amp;rate_limit_per_second=0
 * POST   /control/reset                 forget posts and faults
 * GET    /control/ledger                every created post with key and receive time
 * GET    /control/stats                 counts: requests, created, injected faults, duplicate keys
 * GET    /health
 * </pre>
 */
public final class SandboxServer {

    private static final Pattern POST_ID = Pattern.compile("^/v1/posts/([A-Za-z0-9_-]+)$");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Ledger ledger = new Ledger();
    private final AtomicReference<Faults> faults = new AtomicReference<>(Faults.NONE);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();
    private final RateWindow rateWindow = new RateWindow();

    public SandboxServer(String host, int port, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("port", System.getenv().getOrDefault("SANDBOX_PORT", "7070")));
        String host = options.getOrDefault("host", System.getenv().getOrDefault("SANDBOX_HOST", "127.0.0.1"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "64"));
        SandboxServer sandbox = new SandboxServer(host, port, threads);
        if (options.containsKey("fail-percent")) {
            sandbox.faults.set(Faults.parse(Map.of("fail_percent", options.get("fail-percent"))));
        }
        sandbox.start();
        System.out.println("sandbox listening on http://" + host + ":" + sandbox.port());
        System.out.flush();
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Ledger ledger() {
        return ledger;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.currentTimeMillis();
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/v1/posts") && method.equals("POST")) {
                publish(exchange, received);
            } else if (path.equals("/v1/posts") && method.equals("GET")) {
                find(exchange, query.get("idempotency_key"));
            } else if (POST_ID.matcher(path).matches() && method.equals("DELETE")) {
                Matcher m = POST_ID.matcher(path);
                m.matches();
                boolean deleted = ledger.delete(m.group(1));
                respond(exchange, deleted ? 204 : 404, deleted ? "" : error("No such post"));
            } else if (path.equals("/control/faults") && method.equals("POST")) {
                try {
                    Faults parsed = Faults.parse(query);
                    faults.set(parsed);
                    respond(exchange, 200, parsed.toJson());
                } catch (IllegalArgumentException e) {
                    respond(exchange, 400, error(e.getMessage()));
                }
            } else if (path.equals("/control/reset") && method.equals("POST")) {
                faults.set(Faults.NONE);
                ledger.clear();
                requests.set(0);
                injected.set(0);
                respond(exchange, 200, "{\"reset\":true}");
            } else if (path.equals("/control/ledger") && method.equals("GET")) {
                respond(exchange, 200, ledgerJson(ledger.all()));
            } else if (path.equals("/control/stats") && method.equals("GET")) {
                List<Ledger.Entry> all = ledger.all();
                respond(exchange, 200, "{\"requests\":" + requests.get() + ",\"created\":" + all.size() + ",\"injected_faults\":"
                        + injected.get() + ",\"duplicate_keys\":" + ledger.duplicateKeys() + ",\"faults\":" + faults.get().toJson() + "}");
            } else if (path.equals("/health")) {
                respond(exchange, 200, "{\"status\":\"ok\"}");
            } else {
                respond(exchange, 404, error("No route " + method + " " + path));
            }
        }
    }

    private void publish(HttpExchange exchange, long received) throws IOException {
        requests.incrementAndGet();
        byte[] body = readAll(exchange.getRequestBody());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 10) {
            respond(exchange, 401, error("Missing or malformed bearer token"));
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.strip().startsWith("{")) {
            respond(exchange, 400, error("Body must be a JSON object"));
            return;
        }
        Faults current = faults.get();
        if (current.rateLimitPerSecond() > 0 && !rateWindow.allow(current.rateLimitPerSecond(), received)) {
            injected.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(current.retryAfterSeconds()));
            respond(exchange, 429, error("Rate limit of " + current.rateLimitPerSecond() + " posts per second exceeded"));
            return;
        }
        Faults.Decision decision = current.decide();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (decision.fault() != null) {
            injected.incrementAndGet();
            switch (decision.fault()) {
                case SERVER_ERROR -> respond(exchange, decision.status(), error("Injected server error"));
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(current.retryAfterSeconds()));
                    respond(exchange, 429, error("Injected rate limit"));
                }
                case TIMEOUT -> {
                    if (decision.createFirst()) {
                        ledger.record(key, field(text, "account"), field(text, "platform"), abbreviate(field(text, "text")), received, body.length);
                    }
                    stall(current.timeoutStallMillis());
                    respond(exchange, 504, error("Injected timeout"));
                }
            }
            return;
        }
        // Created first, answered after the stall: a caller that gives up (or dies) meanwhile cannot know the post exists.
        Ledger.Entry entry = ledger.record(key, field(text, "account"), field(text, "platform"), abbreviate(field(text, "text")), received, body.length);
        stall(current.stallMillis());
        respond(exchange, 201, postJson(entry, exchange));
    }

    private void find(HttpExchange exchange, String key) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, error("Missing bearer token"));
            return;
        }
        if (key == null || key.isBlank()) {
            respond(exchange, 400, error("idempotency_key is required"));
            return;
        }
        List<String> found = ledger.findByKey(key).stream().map(e -> postJson(e, exchange)).toList();
        respond(exchange, 200, "{\"data\":[" + String.join(",", found) + "]}");
    }

    private static String postJson(Ledger.Entry e, HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return "{\"id\":\"" + e.id() + "\",\"url\":\"http://" + (host == null ? "sandbox" : host) + "/p/" + e.id()
                + "\",\"idempotency_key\":" + quote(e.idempotencyKey()) + ",\"received_at_ms\":" + e.receivedAtMillis() + "}";
    }

    private static String ledgerJson(List<Ledger.Entry> entries) {
        StringBuilder out = new StringBuilder(entries.size() * 160 + 64).append("{\"count\":").append(entries.size()).append(",\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            Ledger.Entry e = entries.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"id\":\"").append(e.id()).append("\",\"idempotency_key\":").append(quote(e.idempotencyKey()))
                    .append(",\"account\":").append(quote(e.account())).append(",\"platform\":").append(quote(e.platform())).append(",\"text\":").append(quote(e.text()))
                    .append(",\"received_at_ms\":").append(e.receivedAtMillis()).append(",\"created_at_ms\":").append(e.createdAtMillis())
                    .append(",\"deleted\":").append(e.deleted()).append('}');
        }
        return out.append("]}").toString();
    }

    private static final Map<String, Pattern> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The string value of a top-level field of a flat JSON object; enough for the fields the ledger keeps. */
    static String field(String json, String name) {
        Pattern pattern = FIELDS.computeIfAbsent(name,
                n -> Pattern.compile("\"" + Pattern.quote(n) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200);
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void stall(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(name, value);
        }
        return result;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    options.put(name, args[++i]);
                }
            }
        }
        return options;
    }

    /** A fixed one-second window: at most {@code limit} posts per wall-clock second. */
    static final class RateWindow {
        private long second = -1;
        private int count;

        synchronized boolean allow(int limit, long nowMillis) {
            long s = nowMillis / 1000;
            if (s != second) {
                second = s;
                count = 0;
            }
            return ++count <= limit;
        }
    }
}
