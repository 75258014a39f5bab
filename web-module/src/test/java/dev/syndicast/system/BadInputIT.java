package dev.syndicast.system;

import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.RawHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never becomes a 500, a leak or a silent reset: malformed and mis-shaped JSON, NUL characters, dates out
 * of range, deep nesting, huge declared lengths, over-long strings and the container's own error replies, each on
 * the route where it once failed; then a fuzz run (fixed seed) over every route of the live reference.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final String V1 = "/api/external/v1";
    private static final Pattern PARAM = Pattern.compile("\\{[^}]+}");
    /** What an error body must never name: our classes, the JDK's, Jakarta's or a library's, or SQL. */
    private static final Pattern LEAK = Pattern.compile(
            "dev\\.syndicast|java\\.|jakarta\\.|org\\.[a-z]|SQL|syntax error at|violates .* constraint|\\bselect .* from ",
            Pattern.CASE_INSENSITIVE);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private TenantFixture tenant;
    private Api admin;
    private RawHttp raw;

    @BeforeEach
    void tenant() {
        tenant = TenantFixture.create(Api.at(base), "bad-input");
        admin = tenant.withNewKey("admin", List.of("*"));
        raw = new RawHttp(base);
    }

    @Test
    void settingsRefuseTrailingGarbageAndKeepWhatABodyDoesNotName() {
        String full = """
                {"profile":{"display_name":"Acme","contact_email":"ops@acme.example"},
                 "schedule":{"timezone":"Europe/Berlin","min_gap_minutes":30,
                             "posting_windows":[{"day":"monday","start":"09:00","end":"11:00"}]}}""";
        assertThat(admin.put(V1 + "/settings", full).status()).isEqualTo(200);

        for (String malformed : List.of("{\"schedule\":{\"timezone\":\"Asia/Tokyo\"}}}garbage",
                "{\"schedule\":{}} {}", "null", "[]", "[{\"schedule\":{\"timezone\":\"Asia/Tokyo\"}}]", "{", "")) {
            Api.Reply reply = admin.put(V1 + "/settings", malformed);
            assertThat(reply.status()).as(malformed + " -> " + reply).isEqualTo(400);
            assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
        }
        Api.Reply partial = admin.put(V1 + "/settings", "{\"profile\":{\"display_name\":\"Acme Ltd\"}}");
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);

        JsonObject settings = admin.get(V1 + "/settings").json();
        assertThat(settings.getJsonObject("profile").getString("display_name")).isEqualTo("Acme Ltd");
        assertThat(settings.getJsonObject("profile").getString("contact_email")).isEqualTo("ops@acme.example");
        JsonObject schedule = settings.getJsonObject("schedule");
        assertThat(schedule.getString("timezone")).isEqualTo("Europe/Berlin");
        assertThat(schedule.getInt("min_gap_minutes")).isEqualTo(30);
        assertThat(schedule.getJsonArray("posting_windows")).hasSize(1);
    }

    @Test
    void bulkPostsRefuseEveryMalformedBodyWith400() {
        List<byte[]> bodies = List.of(bytes("{"), bytes(""), bytes("[]"), bytes("[".repeat(40) + "]".repeat(40)),
                new byte[]{'{', '"', 'p', 'o', 's', 't', 's', '"', ':', '[', 0, ']', '}'},
                bytes("{\"posts\":1e999999999}"), bytes("{\"posts\":[]}}garbage"), bytes("null"));
        for (byte[] body : bodies) {
            RawHttp.Reply reply = raw.send("POST", V1 + "/posts/bulk", body, auth(admin), "Content-Type: application/json");
            assertThat(reply.status()).as(new String(body, StandardCharsets.UTF_8) + " -> " + reply).isEqualTo(400);
            assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
        }
    }

    @Test
    void nulCharactersAre422NamingTheField() {
        assertField(admin.post(V1 + "/posts", "{\"text\":\"a\\u0000b\"}"), "text");
        assertField(admin.put(V1 + "/settings", "{\"profile\":{\"display_name\":\"\\u0000\"}}"), "profile.display_name");
        assertField(admin.post(V1 + "/posts/bulk", "{\"posts\":[{\"content\":\"ok\"},{\"content\":\"x\\u0000\"}]}"),
                "posts[1].content");
        assertField(admin.post(V1 + "/content-folders", "{\"name\":\"n\\u0000\"}"), "name");
        assertField(admin.get(V1 + "/posts?status=%00"), "status");
        assertField(admin.get(V1 + "/audit-logs?target=a%00b"), "target");
    }

    @Test
    void datesOutsideTheAllowedRangeAre422WithTheRange() {
        for (String at : List.of("+294277-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z")) {
            Api.Reply post = admin.post(V1 + "/posts", "{\"text\":\"t\",\"scheduled_at\":\"" + at + "\"}");
            assertField(post, "scheduled_at");
            assertThat(post.body()).contains("2000-01-01T00:00:00Z", "9999-12-31T23:59:59Z");
        }
        Api.Reply reschedule = admin.patch(V1 + "/schedule/" + UUID.randomUUID(), "{\"scheduled_at\":\"1970-01-01T00:00:00Z\"}");
        assertField(reschedule, "scheduled_at");
        assertThat(reschedule.body()).contains("2000-01-01T00:00:00Z");
        // In range but in the past: a reschedule is refused, never silently moved.
        Api.Reply past = admin.patch(V1 + "/schedule/" + UUID.randomUUID(), "{\"scheduled_at\":\"2020-01-01T00:00:00Z\"}");
        assertField(past, "scheduled_at");
        assertThat(past.body()).contains("past");
        assertField(tenant.asSession().post(V1 + "/keys",
                "{\"name\":\"far\",\"scopes\":[\"posts:read\"],\"expires_at\":\"+294277-01-01T00:00:00Z\"}"), "expires_at");
        assertField(admin.get(V1 + "/audit-logs?from=%2B294277-01-01T00:00:00Z"), "from");
        assertField(admin.post("/api/external/submit", "{\"caption\":\"t\",\"targets\":[{\"platform\":\"sandbox\","
                + "\"account_id\":\"1\",\"scheduled_at\":\"+294277-01-01T00:00:00Z\"}]}"), "scheduled_at");
    }

    @Test
    void deepNestingIs400NotAStackOverflow() {
        String meta = "{\"platform_meta\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";
        Api.Reply reply = admin.patch(V1 + "/accounts/" + UUID.randomUUID(), meta);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.body()).contains("deeper than 32");
        assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
    }

    @Test
    void aDeclaredBodyOfTwoGigabytesIs413() {
        for (String route : List.of(V1 + "/posts", V1 + "/settings", V1 + "/media-library/upload")) {
            String type = route.endsWith("upload") ? "multipart/form-data; boundary=b" : "application/json";
            String method = route.endsWith("settings") ? "PUT" : "POST";
            RawHttp.Reply reply = raw.send(method, route, bytes("{}"), auth(admin), "Content-Type: " + type,
                    "Content-Length: 2147483648");
            assertThat(reply.status()).as(route + " -> " + reply).isEqualTo(413);
            assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
        }
    }

    @Test
    void overLongStringsAre422BeforeTheDatabase() {
        String longName = "a".repeat(900 * 1024) + ".mp4";
        Api.Reply sign = admin.post(V1 + "/uploads/posts/sign",
                "{\"filename\":\"" + longName + "\",\"size\":1000,\"content_type\":\"video/mp4\"}");
        assertField(sign, "filename");
        assertField(admin.put(V1 + "/settings", "{\"profile\":{\"display_name\":\"" + "d".repeat(5000) + "\"}}"),
                "display_name");
    }

    @Test
    void batchParametersOfTheWrongTypeAre422() {
        String start = V1 + "/batch/jobs/post-import/executions";
        assertField(admin.post(start, "{\"parameters\":{\"file\":null}}"), "parameters.file");
        assertField(admin.post(start, "{\"parameters\":{\"file\":{\"a\":1}}}"), "parameters.file");
        assertField(admin.post(start, "{\"parameters\":\"file=x\"}"), "parameters");
        assertField(admin.post(start, "{\"parameters\":[1,2]}"), "parameters");
    }

    @Test
    void theContainersOwnErrorsComeBackInTheJsonBody() {
        List<String> targets = List.of("/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/container-error",
                V1 + "/posts/%2f", V1 + "/nothing-here", "/..;/x", V1 + "/posts?q=" + "a".repeat(6_000));
        for (String target : targets) {
            RawHttp.Reply reply = raw.send("GET", target, null, auth(admin));
            assertThat(reply.status()).as(target.substring(0, Math.min(80, target.length())) + " -> " + reply).isLessThan(500);
            if (reply.status() >= 400) {
                assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
            }
        }
        RawHttp.Reply outOfRange = raw.send("GET", V1 + "/posts?limit=99999999999999", null, auth(admin));
        assertThat(outOfRange.status()).as(outOfRange.toString()).isEqualTo(400);
        assertErrorBody(outOfRange.status(), outOfRange.header("Content-Type"), outOfRange.body());
        RawHttp.Reply wrongMethod = raw.send("DELETE", V1 + "/settings", null, auth(admin));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertErrorBody(wrongMethod.status(), wrongMethod.header("Content-Type"), wrongMethod.body());
    }

    /**
     * A few thousand requests with a fixed seed over every route the live reference lists, with an admin key so
     * bodies reach validation: broken and mis-shaped JSON, odd values in every field we know, odd path ids and
     * query strings. No reply may be a 5xx, an error that is not the JSON error body, or a body naming Java
     * classes, packages or SQL.
     */
    @Test
    void fuzzedRequestsOverEveryRouteNeverFailNorLeak() {
        List<JsonObject> routes = Api.at(base).anonymous().get(V1 + "/reference").json().getJsonArray("routes")
                .stream().map(JsonValue::asJsonObject).toList();
        Api session = tenant.asSession();
        Random random = new Random(20261202L);
        Fuzz fuzz = new Fuzz(random);
        // From an address of its own: should fuzzed credentials ever trip the per-address invalid-key throttle, it stays
        // with the fuzz and never refuses the other tests' requests.
        RawHttp raw = this.raw.from("127.0.0.9");
        SoftAssertions soft = new SoftAssertions();
        int sent = 0;
        long started = System.nanoTime();
        for (int round = 0; round < 30; round++) {
            for (JsonObject route : routes) {
                String method = route.getString("method");
                String template = route.getString("path");
                String path = PARAM.matcher(template).replaceAll(m -> fuzz.pathValue()) + fuzz.query();
                String auth = route.getString("auth").equals("session") ? auth(session) : auth(admin);
                List<String> headers = new ArrayList<>();
                if (!template.endsWith("/auth/logout")) {
                    // Logging out would end the fuzz's own session, and every session route after it would only be refused.
                    headers.add(auth);
                }
                byte[] body = null;
                if (!method.equals("GET") && !method.equals("DELETE")) {
                    String type = consumes(route);
                    headers.add("Content-Type: " + (random.nextInt(20) == 0 ? fuzz.contentType() : type));
                    body = type.startsWith("multipart/") ? fuzz.multipart() : fuzz.body();
                }
                RawHttp.Reply reply = raw.send(method, path, body, headers.toArray(String[]::new));
                sent++;

                String what = method + " " + path.substring(0, Math.min(120, path.length()))
                        + (body == null ? "" : " " + preview(body)) + " -> " + reply;
                soft.assertThat(reply.status()).as(what).isLessThan(500);
                if (reply.status() >= 400) {
                    soft.assertThat(isErrorBody(reply.header("Content-Type"), reply.body())).as("error body: " + what).isTrue();
                }
                soft.assertThat(LEAK.matcher(reply.body()).find()).as("leak: " + what).isFalse();
            }
        }
        soft.assertAll();
        assertThat(sent).isGreaterThanOrEqualTo(2500);
        System.out.printf("BadInputIT fuzz: %d requests over %d routes in %.1f s%n", sent, routes.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Random input with one seed: every run sends the same requests. */
    private static final class Fuzz {

        private static final List<String> FIELDS = List.of("text", "content", "title", "caption", "scheduled_at",
                "scheduled_for", "run_at", "posts", "targets", "platform", "platforms", "account_id", "account_ids",
                "timezone", "profile", "schedule", "display_name", "contact_email", "website", "min_gap_minutes",
                "posting_windows", "day", "start", "end", "parameters", "name", "scopes", "expires_at", "workspaces",
                "email", "password", "current_password", "new_password", "role", "slug", "admin", "workspace", "url",
                "media_id", "media", "filename", "size", "content_type", "expires_in", "folder_path", "tags",
                "hashtags", "labels", "category", "status", "source_id", "platform_meta", "client_id",
                "client_secret", "handle", "app_password", "instance_url", "access_token", "nickname", "prompt",
                "duration", "quality", "voice_preference", "payload", "delay_seconds", "ids", "selection",
                "start_time", "interval_minutes", "parent_path", "scope", "alt_text", "thread_parts");
        private static final List<String> STRINGS = List.of("", " ", "x", "sandbox", "twitter", "monday", "09:00",
                "25:99", "Europe/Berlin", "Mars/Olympus", "UTC", "2030-01-01T00:00:00Z", "+294277-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2030-02-30T00:00:00Z", "tomorrow", "-1", "0",
                "99999999999999999999", "a@b", "admin", "client", "*", "posts:write", "https://example.test/a.mp4",
                "http://127.0.0.1:1/x", "file:///etc/passwd", "../../etc/passwd", "/a/b", "a\u0000b", "\u0000",
                "\uD83D\uDE00 emoji", "' or 1=1 --", "\"; drop table posts; --", "<script>x</script>", "%00", "%2f",
                "${7*7}", "\\u0000", "\t\n", "null", "true", UUID.randomUUID().toString(), "draft", "scheduled");
        private static final List<String> NUMBERS = List.of("0", "-1", "1", "2147483647", "2147483648",
                "-2147483649", "9223372036854775808", "1e308", "1e999999999", "-1e-999999999", "1.5", "0.0000001",
                "1" + "0".repeat(40), "3");
        private static final List<String> PATH_VALUES = List.of("%2f", "%2e%2e", "..;", "%25", "-1", "0",
                "99999999999999999999", "null", "a%20b", "%E2%82%AC", "x".repeat(300), "sandbox", "twitter",
                "post-import", "%22%3E%3Cscript%3E", "%27%20or%201%3D1");
        private static final List<String> QUERY_KEYS = List.of("page", "limit", "status", "from", "to", "platform",
                "q", "scope", "dry_run", "max_age_hours", "type", "folder", "actor_kind", "target", "expires",
                "signature", "offset", "sort", "tag");

        private final Random random;

        Fuzz(Random random) {
            this.random = random;
        }

        String pathValue() {
            return random.nextInt(3) == 0 ? UUID.randomUUID().toString() : pick(PATH_VALUES);
        }

        String query() {
            if (random.nextInt(3) != 0) {
                return "";
            }
            StringBuilder query = new StringBuilder("?");
            for (int i = random.nextInt(3) + 1; i > 0; i--) {
                query.append(pick(QUERY_KEYS)).append('=').append(encode(random.nextBoolean() ? pick(STRINGS) : pick(NUMBERS)))
                        .append(i > 1 ? "&" : "");
            }
            return query.toString();
        }

        String contentType() {
            return pick(List.of("text/plain", "application/xml", "application/json; charset=latin1",
                    "application/x-www-form-urlencoded", "multipart/form-data", "application/json;x=\"", "*/*"));
        }

        byte[] body() {
            String json = value(0);
            return switch (random.nextInt(12)) {
                case 0 -> bytes(json.substring(0, random.nextInt(json.length() + 1)));
                case 1 -> bytes(json + pick(List.of("}", "]", "garbage", " {}", ",", "\u0000")));
                case 2 -> bytes(pick(List.of("", "null", "[]", "{}", "\"x\"", "1", "true", "{", "[", "\u0000",
                        "[".repeat(600), "{\"a\":".repeat(100) + "1" + "}".repeat(100))));
                case 3 -> new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, '"', '}'};
                default -> bytes(object(0));
            };
        }

        byte[] multipart() {
            String filename = random.nextInt(4) == 0 ? "x".repeat(random.nextInt(3000)) : pick(STRINGS);
            String part = "--fz\r\nContent-Disposition: form-data; name=\"" + pick(List.of("file", "metadata", "x"))
                    + "\"; filename=\"" + filename.replace("\"", "") + "\"\r\nContent-Type: "
                    + pick(List.of("video/mp4", "image/png", "text/plain", "")) + "\r\n\r\n" + pick(STRINGS) + "\r\n";
            return bytes(random.nextInt(4) == 0 ? part : part + "--fz--\r\n");
        }

        private String object(int depth) {
            StringBuilder out = new StringBuilder("{");
            for (int i = random.nextInt(depth == 0 ? 6 : 3); i >= 0; i--) {
                out.append('"').append(pick(FIELDS)).append("\":").append(value(depth + 1)).append(i > 0 ? "," : "");
            }
            return out.append('}').toString();
        }

        private String value(int depth) {
            int kind = random.nextInt(depth > 3 ? 4 : 7);
            return switch (kind) {
                case 0 -> quote(pick(STRINGS));
                case 1 -> pick(NUMBERS);
                case 2 -> pick(List.of("true", "false", "null"));
                case 3 -> quote("s".repeat(random.nextInt(2) == 0 ? 300 : 70_000));
                case 4, 5 -> object(depth);
                default -> "[" + value(depth + 1) + (random.nextBoolean() ? "," + value(depth + 1) : "") + "]";
            };
        }

        private static String quote(String s) {
            return Json.createValue(s).toString();
        }

        private static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }
    }

    private static String consumes(JsonObject route) {
        List<String> types = route.containsKey("consumes")
                ? route.getJsonArray("consumes").getValuesAs(JsonString::getString) : List.of();
        if (types.isEmpty() || types.contains("application/json") || types.contains("*/*")) {
            return "application/json";
        }
        String first = types.get(0);
        return first.startsWith("multipart/") ? first + "; boundary=fz" : first.replace("*", "octet-stream");
    }

    private static void assertField(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertErrorBody(reply.status(), reply.header("Content-Type"), reply.body());
        assertThat(reply.json().getJsonArray("fields").getValuesAs(JsonObject.class))
                .as(reply.toString()).anyMatch(f -> f.getString("field").equals(field));
    }

    private static void assertErrorBody(int status, String type, String body) {
        assertThat(isErrorBody(type, body)).as(status + " " + type + " " + body).isTrue();
        assertThat(LEAK.matcher(body).find()).as(body).isFalse();
    }

    private static boolean isErrorBody(String type, String body) {
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonObject error = reader.readObject();
            return error.get("error") instanceof JsonString && error.get("detail") instanceof JsonString
                    && error.getString("timestamp", "").endsWith("Z");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String auth(Api api) {
        return "Authorization: Bearer " + api.key();
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\u0000", "\\0");
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
