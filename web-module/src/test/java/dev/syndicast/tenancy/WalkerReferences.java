package dev.syndicast.tenancy;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link RouteWalkerIT} needs to put a workspace's ids into bodies and queries: a workspace's references (a
 * media item, its storage path and download route, sandbox accounts, a post, a campaign, a batch upload, a content
 * folder, a folder-upload folder, a person), and the routes that name other resources in their body or query, each as a
 * request template with {@code ${reference}} placeholders.
 */
final class WalkerReferences {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final String FUTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    private WalkerReferences() {
    }

    /**
     * A request template. {@code references} are the placeholders that name another resource: each is swapped for
     * the other workspace's in turn. {@code accepted} holds for the caller's own references, {@code refused} for a
     * foreign one.
     */
    record Probe(String route, String method, String path, String body, List<String> references, boolean session,
                 Predicate<Api.Reply> accepted, Predicate<Api.Reply> refused) {

        Api.Reply send(Api api, Map<String, String> refs) {
            HttpRequest.Builder request = api.request(fill(path, refs));
            if (body == null) {
                return api.send(request.method(method, HttpRequest.BodyPublishers.noBody()));
            }
            return api.send(request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(fill(body, refs))));
        }
    }

    private static Predicate<Api.Reply> status(Integer... statuses) {
        Set<Integer> allowed = Set.of(statuses);
        return reply -> allowed.contains(reply.status());
    }

    private static Predicate<Api.Reply> bulk(int succeeded) {
        return reply -> reply.status() == 200 && reply.json().getInt("succeeded", -1) == succeeded;
    }

    private static Predicate<Api.Reply> total(int total) {
        return reply -> reply.status() == 200 && reply.json().getJsonObject("meta").getInt("total", -1) == total;
    }

    private static final Predicate<Api.Reply> REFUSED = status(400, 403, 404, 422);

    /** Keyed by a label; the destructive probe (a disconnect) comes last and uses an account of its own. */
    static final Map<String, Probe> PROBES = new LinkedHashMap<>();

    static {
        add(new Probe("POST /api/external/v1/posts", "POST", "/api/external/v1/posts", """
                {"text": "walker", "status": "draft", "media": [{"url": "${storage_path}"}, {"url": "${media_path}"},
                 {"media_id": "${media_id}"}], "targets": [{"platform": "sandbox", "account_id": "${account_id}"}],
                 "campaign_id": "${campaign_id}"}""",
                List.of("storage_path", "media_path", "media_id", "account_id", "campaign_id"), false, status(201), REFUSED));
        add(new Probe("PATCH /api/external/v1/posts/{id}", "PATCH", "/api/external/v1/posts/${post_id}", """
                {"media": [{"url": "${storage_path}"}, {"media_id": "${media_id}"}],
                 "targets": [{"platform": "sandbox", "account_id": "${account_id}"}], "campaign_id": "${campaign_id}"}""",
                List.of("storage_path", "media_id", "account_id", "campaign_id"), false, status(200), REFUSED));
        add(new Probe("POST /api/external/v1/posts/bulk", "POST", "/api/external/v1/posts/bulk", """
                {"posts": [{"content": "walker bulk", "platforms": ["sandbox"], "account_ids": ["${account_id}"],
                 "media_url": "${storage_path}", "campaign_id": "${campaign_id}"}]}""",
                List.of("account_id", "storage_path", "campaign_id"), false, bulk(1), REFUSED.or(bulk(0))));
        add(new Probe("POST /api/external/submit", "POST", "/api/external/submit", """
                {"video_url": "${video_url}", "caption": "walker submit", "targets": [{"platform": "sandbox",
                 "account_id": "${account_id}", "scheduled_at": "%s"}]}""".formatted(FUTURE),
                List.of("account_id"), false, reply -> reply.status() / 100 == 2, REFUSED));
        add(new Probe("POST /api/external/bulk-schedule", "POST", "/api/external/bulk-schedule", """
                {"video_urls": ["${video_url}"], "platform": "sandbox", "account_id": "${account_id}",
                 "start_time": "%s", "interval_minutes": 60}""".formatted(FUTURE),
                List.of("account_id"), false, reply -> reply.status() / 100 == 2, REFUSED));
        add(new Probe("PATCH /api/external/v1/media-library", "PATCH", "/api/external/v1/media-library",
                "{\"ids\": [\"${media_id}\"], \"tags\": [\"walker\"]}", List.of("media_id"), false, status(200), REFUSED));
        add(new Probe("POST /api/external/v1/batch/jobs/{name}/executions", "POST",
                "/api/external/v1/batch/jobs/post-import/executions", "{\"parameters\": {\"file\": \"${upload_id}\", \"dryRun\": \"true\"}}",
                List.of("upload_id"), false, status(202), REFUSED));
        PROBES.put("POST /api/external/v1/batch/jobs/{name}/executions (folder-upload)", new Probe(
                "POST /api/external/v1/batch/jobs/{name}/executions", "POST", "/api/external/v1/batch/jobs/folder-upload/executions",
                "{\"parameters\": {\"folder\": \"${folder}\", \"platforms\": \"sandbox\", \"startAt\": \"%s\"}}".formatted(FUTURE),
                List.of("folder"), false, status(202), REFUSED));
        // Adding a person who exists already is an invitation (202) that reveals nothing; one's own member is a 409.
        add(new Probe("POST /api/external/v1/members", "POST", "/api/external/v1/members",
                "{\"email\": \"${person_email}\", \"role\": \"client\"}", List.of("person_email"), false, status(409), status(202)));
        add(new Probe("POST /api/external/v1/keys", "POST", "/api/external/v1/keys",
                "{\"name\": \"walker agent\", \"scopes\": [\"posts:read\"], \"workspaces\": [\"${workspace}\"]}",
                List.of("workspace"), true, status(201), REFUSED));
        add(new Probe("GET /api/external/status/{source_id}", "GET", "/api/external/status/${source_id}", null,
                List.of("source_id"), false, status(200), status(404)));
        add(new Probe("GET /api/external/v1/posts", "GET", "/api/external/v1/posts?source_id=${source_id}", null,
                List.of("source_id"), false, total(1), total(0)));
        add(new Probe("DELETE /api/external/v1/connections/{platform}", "DELETE",
                "/api/external/v1/connections/sandbox?account_id=${spare_account_id}", null,
                List.of("spare_account_id"), false, status(200), status(404)));
    }

    private static void add(Probe probe) {
        PROBES.put(probe.route(), probe);
    }

    /** The routes the probes cover, so the sweep can leave them out. */
    static Set<String> probedRoutes() {
        Set<String> routes = new TreeSet<>();
        PROBES.values().forEach(p -> routes.add(p.route()));
        return routes;
    }

    /**
     * A workspace's references, created through the API. {@code folder} is the folder-upload folder as the workspace
     * names it; {@code foreign_folder} is the same folder as another workspace would have to name it.
     */
    static Map<String, String> of(TenantFixture tenant, Api key) {
        Map<String, String> refs = new HashMap<>();
        refs.put("workspace", tenant.slug);
        JsonObject media = uploadImage(key, "walker-" + tenant.slug + ".png");
        refs.put("media_id", media.getString("id"));
        refs.put("storage_path", media.getString("storage_path"));
        refs.put("media_path", "/api/external/v1/media-library/" + media.getString("id") + "/download");
        refs.put("media_filename", "walker-" + tenant.slug + ".png");
        refs.put("account_username", "@walker-" + tenant.slug);
        refs.put("account_id", sandboxAccount(key, refs.get("account_username")));
        refs.put("spare_account_id", sandboxAccount(key, "@spare-" + tenant.slug));
        refs.put("source_id", "walker-src-" + tenant.slug);
        refs.put("post_text", "Walker post of " + tenant.slug);
        Api.Reply post = key.post("/api/external/v1/posts", """
                {"text": "%s", "status": "draft", "source_id": "%s", "media": [{"media_id": "%s"}],
                 "targets": [{"platform": "sandbox", "account_id": "%s"}]}""".formatted(refs.get("post_text"), refs.get("source_id"),
                refs.get("media_id"), refs.get("account_id")));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);
        refs.put("post_id", post.json().getString("id"));
        refs.put("campaign_name", "Walker campaign of " + tenant.slug);
        Api.Reply campaign = key.post("/api/external/v1/campaigns", "{\"name\": \"" + refs.get("campaign_name") + "\"}");
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        refs.put("campaign_id", campaign.json().getString("id"));
        Api.Reply upload = key.send(key.request("/api/external/v1/batch/uploads").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("content,platforms,scheduled_at,tags,account_ids,source_id\n")));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        refs.put("upload_id", upload.json().getString("upload_id"));
        Api.Reply folder = key.post("/api/external/v1/content-folders", "{\"scope\": \"media\", \"folder_path\": \"walker/" + tenant.slug + "\"}");
        assertThat(folder.status()).as(folder.toString()).isIn(200, 201);
        refs.put("folder_id", folder.json().getString("id"));
        try {
            Path root = Path.of(System.getenv("SYNDICAST_DATA_DIR")).resolve("upload-queue");
            Files.writeString(Files.createDirectories(root.resolve(tenant.slug).resolve("walker")).resolve("README.txt"), "no videos");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refs.put("folder", "walker");
        refs.put("foreign_folder", tenant.slug + "/walker");
        refs.put("person_email", "person@" + tenant.slug + ".example");
        refs.put("person_name", "Person of " + tenant.slug);
        Api.Reply person = key.post("/api/external/v1/members", Json.createObjectBuilder().add("email", refs.get("person_email"))
                .add("password", TenantFixture.PASSWORD).add("display_name", refs.get("person_name")).add("role", "staff").build().toString());
        assertThat(person.status()).as(person.toString()).isEqualTo(201);
        refs.put("person_id", person.json().getString("id"));
        refs.put("video_url", PlatformStub.instance().serve("walker-" + tenant.slug + ".png", "image/png", png()));
        return refs;
    }

    /** A workspace's data that another workspace never sends, so it may not appear in any of that workspace's replies. */
    static List<String> markers(TenantFixture tenant, Map<String, String> refs) {
        return List.of(tenant.adminEmail, refs.get("person_name"), refs.get("person_id"), refs.get("post_text"),
                refs.get("account_username"), refs.get("media_filename"), refs.get("campaign_name"));
    }

    /** The value another workspace would send to name this reference of {@code refs}' workspace. */
    static String foreign(Map<String, String> refs, String reference) {
        return refs.getOrDefault("foreign_" + reference, refs.get(reference));
    }

    /** Every reference as a query parameter, under the names routes use for them. */
    static String query(Map<String, String> refs) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("account_id", refs.get("account_id"));
        params.put("media_id", refs.get("media_id"));
        params.put("post_id", refs.get("post_id"));
        params.put("upload_id", refs.get("upload_id"));
        params.put("folder_id", refs.get("folder_id"));
        params.put("source_id", refs.get("source_id"));
        params.put("campaign_id", refs.get("campaign_id"));
        params.put("id", refs.get("media_id"));
        params.put("ids", refs.get("post_id"));
        params.put("target", refs.get("post_id"));
        params.put("media_url", refs.get("storage_path"));
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }

    /** One JSON body naming every reference under the field names bodies use for them. */
    static String everything(Map<String, String> refs) {
        return fill("""
                {"id": "${media_id}", "ids": ["${media_id}"], "media_id": "${media_id}", "media_ids": ["${media_id}"],
                 "media_url": "${storage_path}", "media_urls": ["${storage_path}"], "url": "${storage_path}",
                 "media": [{"url": "${storage_path}", "media_id": "${media_id}"}],
                 "account_id": "${account_id}", "account_ids": ["${account_id}"],
                 "targets": [{"platform": "sandbox", "account_id": "${account_id}"}],
                 "post_id": "${post_id}", "upload_id": "${upload_id}", "file": "${upload_id}", "folder_id": "${folder_id}",
                 "parameters": {"file": "${upload_id}", "folder": "${foreign_folder}"}, "workspaces": ["${workspace}"],
                 "source_id": "${source_id}", "email": "${person_email}", "campaign_id": "${campaign_id}"}""", refs);
    }

    /** A's things after B's probes: nothing B sent changed them. */
    static void assertUntouched(Api owner, Map<String, String> refs) throws IOException {
        assertThat(owner.get("/api/external/v1/media-library/" + refs.get("media_id")).json().getJsonArray("tags").toString())
                .doesNotContain("walker");
        for (String account : List.of("account_id", "spare_account_id")) {
            Api.Reply reply = owner.get("/api/external/v1/accounts/" + refs.get(account));
            assertThat(reply.json().getString("status")).as(account + ": " + reply).isEqualTo("active");
        }
        JsonObject post = owner.get("/api/external/v1/posts/" + refs.get("post_id")).json();
        assertThat(post.getString("status")).isEqualTo("draft");
        JsonObject campaign = owner.get("/api/external/v1/campaigns/" + refs.get("campaign_id")).json();
        assertThat(campaign.getString("status")).isEqualTo("draft");
        assertThat(campaign.getJsonObject("post_counts").getInt("total")).as("no post of another workspace joined it").isZero();
        assertThat(owner.get("/api/external/v1/members").body()).contains(refs.get("person_email"));
        Path folder = Path.of(System.getenv("SYNDICAST_DATA_DIR")).resolve("upload-queue").resolve(refs.get("foreign_folder"));
        assertThat(Files.list(folder).map(p -> p.getFileName().toString()).toList()).containsExactly("README.txt");
    }

    /** The template with every {@code ${reference}} replaced; references are ids, slugs and paths safe in a URL. */
    private static String fill(String template, Map<String, String> refs) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = refs.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No reference " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonObject uploadImage(Api key, String filename) {
        byte[] png = png();
        Api.Reply uploaded = key.send(key.request("/api/external/v1/media/upload").header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        MediaFixtures.multipart(filename, "image/png", new ByteArrayInputStream(png)))));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        return uploaded.json().getJsonObject("item");
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, UUID.randomUUID().hashCode());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static String sandboxAccount(Api key, String username) {
        Api.Reply reply = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "sandbox")
                .add("platform_account_id", "walker-" + UUID.randomUUID()).add("username", username).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }
}
