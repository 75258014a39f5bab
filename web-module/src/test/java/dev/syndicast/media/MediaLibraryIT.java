package dev.syndicast.media;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.tenancy.entity.Workspace;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The media library on a real Payara Micro with PostgreSQL: imports from a loopback file server (good files,
 * refused redirects, lying types, oversize declarations, stalls, background imports), uploads, signed URLs,
 * organising, ranged downloads, deletion, and workspace isolation at the boundary.
 */
@ExtendWith(ArquillianExtension.class)
class MediaLibraryIT {

    static final String LIBRARY = "/api/external/v1/media-library";
    static final Path WORK = Path.of("target", "media-it").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MediaFixtures.FileServer fileServer;

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestSupport(MediaLibraryIT.class, MediaFixtures.class, MediaFixtures.FileServer.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    MediaLibrary library;

    @Inject
    MediaImports imports;

    @PersistenceContext
    EntityManager em;

    static synchronized MediaFixtures.FileServer files() {
        if (fileServer == null) {
            fileServer = new MediaFixtures.FileServer();
        }
        return fileServer;
    }

    private Api api() {
        return Api.at(base);
    }

    private static String importBody(String url) {
        return "{\"source_url\":\"" + url + "\"}";
    }

    private HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonObject itemWithSource(String url) {
        JsonObject page = api().get(LIBRARY + "?limit=100").json();
        return page.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .filter(i -> url.equals(i.getString("source_url", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No item imported from " + url + " in " + page));
    }

    private static List<Path> stagingFiles() throws IOException {
        Path staging = Path.of(System.getenv("SYNDICAST_DATA_DIR"), "media-staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        }
    }

    @Test
    @RunAsClient
    void importsAVideoProbesItServesRangesAndStoresDuplicatesOnce() throws Exception {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-a.mp4", 440);
        byte[] content = Files.readAllBytes(clip);
        files().route("/clip-a.mp4", files().file("application/octet-stream", clip))
               .route("/again/clip-a.mp4", files().file("video/mp4", clip));

        Api.Reply created = api().post(LIBRARY, "{\"source_url\":\"" + files().url("/clip-a.mp4")
                + "\",\"tags\":[\"launch\"],\"folder_path\":\"/campaigns/spring/\",\"alt_text\":\"Intro\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getBoolean("deduplicated")).isFalse();
        JsonObject item = created.json().getJsonObject("item");
        String id = item.getString("id");
        assertThat(item.getString("status")).isEqualTo("ready");
        assertThat(item.getString("type")).isEqualTo("video");
        assertThat(item.getString("mime_type")).isEqualTo("video/mp4");
        assertThat(item.getJsonNumber("size_bytes").longValue()).isEqualTo(content.length);
        assertThat(item.getString("checksum_sha256")).isEqualTo(MediaFixtures.sha256(new ByteArrayInputStream(content)));
        assertThat(item.getString("storage_path")).startsWith("library/").endsWith(".mp4");
        assertThat(item.getString("media_url")).isEqualTo(item.getString("storage_path"));
        assertThat(item.getString("folder_path")).isEqualTo("campaigns/spring");
        assertThat(item.getJsonArray("tags").getString(0)).isEqualTo("launch");
        assertThat(item.getJsonNumber("duration_seconds").doubleValue()).isCloseTo(2.0, within(0.1));
        assertThat(item.getInt("width")).isEqualTo(320);
        assertThat(item.getInt("height")).isEqualTo(240);
        assertThat(item.getJsonNumber("frame_rate").doubleValue()).isCloseTo(25.0, within(0.01));
        assertThat(item.getString("video_codec")).isEqualTo("h264");
        assertThat(item.getString("audio_codec")).isEqualTo("aac");
        assertThat(item.getJsonNumber("bitrate").longValue()).isPositive();

        HttpResponse<byte[]> range = bytes(api().request(LIBRARY + "/" + id + "/download").header("Range", "bytes=0-99"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + content.length);
        assertThat(range.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(range.body()).isEqualTo(Arrays.copyOf(content, 100));

        HttpResponse<byte[]> tail = bytes(api().request(LIBRARY + "/" + id + "/download").header("Range", "bytes=-10"));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));
        HttpResponse<byte[]> beyond = bytes(api().request(LIBRARY + "/" + id + "/download").header("Range", "bytes=" + content.length + "-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + content.length);

        HttpResponse<byte[]> whole = bytes(api().request(LIBRARY + "/" + id + "/download"));
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(content);

        HttpResponse<byte[]> thumbnail = bytes(api().request(item.getString("thumbnail_url")));
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(Arrays.copyOf(thumbnail.body(), 3)).isEqualTo(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

        for (String again : List.of(files().url("/clip-a.mp4"), files().url("/again/clip-a.mp4"))) {
            Api.Reply duplicate = api().post(LIBRARY, importBody(again));
            assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
            assertThat(duplicate.json().getBoolean("deduplicated")).isTrue();
            assertThat(duplicate.json().getJsonObject("item").getString("id")).isEqualTo(id);
        }
    }

    /**
     * A post naming a library video by id alone (no type) counts it as the video the library probed, not as an
     * image: YouTube takes one video and no images, so this used to be 422 "1 images; the limit is 0".
     */
    @Test
    @RunAsClient
    void aLibraryVideoGivenByIdAloneCountsAsAVideo() throws Exception {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-untyped.mp4", 550);
        files().route("/clip-untyped.bin", files().file("application/octet-stream", clip));
        Api.Reply created = api().post(LIBRARY, "{\"source_url\":\"" + files().url("/clip-untyped.bin") + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String mediaId = created.json().getJsonObject("item").getString("id");
        Api.Reply account = api().post("/api/external/v1/sandbox/accounts",
                "{\"platform\":\"youtube\",\"platform_account_id\":\"yt-untyped\",\"username\":\"@untyped\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);

        Api.Reply post = api().post("/api/external/v1/posts", """
                {"content": "A library video", "title": "Untyped", "media": [{"media_id": "%s"}], "status": "draft",
                 "targets": [{"platform": "youtube", "account_id": "yt-untyped"}]}""".formatted(mediaId));
        assertThat(post.status()).as(post.toString()).isEqualTo(201);
        Api.Reply mislabelled = api().post("/api/external/v1/posts", """
                {"content": "A library video", "title": "Typed wrongly", "status": "draft",
                 "media": [{"media_id": "%s", "type": "image/png"}],
                 "targets": [{"platform": "youtube", "account_id": "yt-untyped"}]}""".formatted(mediaId));
        assertThat(mislabelled.status()).as(mislabelled.toString()).isEqualTo(201);
        assertThat(api().delete("/api/external/v1/posts/" + post.json().getString("id")).status()).isLessThan(300);
        assertThat(api().delete("/api/external/v1/posts/" + mislabelled.json().getString("id")).status()).isLessThan(300);
    }

    @Test
    @RunAsClient
    void refusedImportsLeaveAFailedItemWithTheReasonAndNoFile() throws Exception {
        files().route("/to-localhost", files().redirect("http://localhost:" + files().port() + "/clip-a.mp4"))
               .route("/to-metadata", files().redirect("http://169.254.169.254/latest/meta-data/"))
               .route("/lying.png", files().bytes("image/png", "<!DOCTYPE html><html><body>a page</body></html>".getBytes()))
               .route("/huge.mp4", files().stall(600L * 1024 * 1024))
               .route("/stalling.mp4", files().stall(500_000));

        record Case(String path, int status, String reason) {
        }
        for (Case c : List.of(new Case("/to-localhost", 422, "non-public address"), new Case("/to-metadata", 422, "non-public address"),
                new Case("/lying.png", 415, "text/html"), new Case("/huge.mp4", 413, "more than the limit"),
                new Case("/stalling.mp4", 422, "no data"))) {
            String url = files().url(c.path());
            Api.Reply refused = api().post(LIBRARY, importBody(url));
            assertThat(refused.status()).as(c.path() + " " + refused).isEqualTo(c.status());
            assertThat(refused.json().getString("detail")).contains(c.reason());
            JsonObject failed = itemWithSource(url);
            assertThat(failed.getString("status")).isEqualTo("failed");
            assertThat(failed.getString("error")).contains(c.reason());
            assertThat(failed.get("storage_path")).isIn(null, JsonValue.NULL);
        }
        assertThat(stagingFiles()).isEmpty();

        Api.Reply direct = api().post(LIBRARY, importBody("http://[::1]:" + files().port() + "/clip-a.mp4"));
        assertThat(direct.status()).isEqualTo(422);
        assertThat(api().post(LIBRARY, importBody("file:///etc/passwd")).status()).isEqualTo(400);
        assertThat(api().post(LIBRARY, "{}").status()).isEqualTo(400);
    }

    @Test
    @RunAsClient
    void largeImportsContinueInTheBackgroundAndCanBePolled() {
        byte[] large = readAll(2_500_000);
        int[] flakyCalls = {0};
        files().route("/large.mp4", files().bytes("video/mp4", large))
               .route("/gone.mp4", files().status(404))
               .route("/flaky.mp4", exchange -> {
                   // The first attempt meets a 503; the task machinery retries and the second gets the file.
                   if (flakyCalls[0]++ == 0) {
                       files().status(503).handle(exchange);
                   } else {
                       files().bytes("video/mp4", readAll(40_000)).handle(exchange);
                   }
               });

        Api.Reply accepted = api().post(LIBRARY, importBody(files().url("/large.mp4")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonObject pending = accepted.json().getJsonObject("item");
        assertThat(pending.getString("status")).isEqualTo("uploading");
        assertThat(pending.getString("import_task_id")).isNotBlank();
        String id = pending.getString("id");
        assertThat(accepted.header("Location")).endsWith(LIBRARY + "/" + id);
        Await.untilAsserted(() -> {
            JsonObject item = api().get(LIBRARY + "/" + id).json();
            assertThat(item.getString("status")).isEqualTo("ready");
            assertThat(item.getJsonNumber("size_bytes").longValue()).isEqualTo(large.length);
        });

        Api.Reply flaky = api().post(LIBRARY, "{\"source_url\":\"" + files().url("/flaky.mp4") + "\",\"async\":true}");
        assertThat(flaky.status()).isEqualTo(202);
        String flakyId = flaky.json().getJsonObject("item").getString("id");
        Await.untilAsserted(() -> {
            JsonObject item = api().get(LIBRARY + "/" + flakyId).json();
            assertThat(item.getString("status")).isEqualTo("ready");
            assertThat(item.get("error")).isIn(null, JsonValue.NULL);
        });
        assertThat(flakyCalls[0]).isEqualTo(2);

        Api.Reply asked = api().post(LIBRARY, "{\"source_url\":\"" + files().url("/gone.mp4") + "\",\"async\":true}");
        assertThat(asked.status()).isEqualTo(202);
        String goneId = asked.json().getJsonObject("item").getString("id");
        Await.untilAsserted(() -> {
            JsonObject item = api().get(LIBRARY + "/" + goneId).json();
            assertThat(item.getString("status")).isEqualTo("failed");
            assertThat(item.getString("error")).contains("404");
        });
    }

    private static byte[] readAll(int size) {
        try {
            return MediaFixtures.generatedVideoBytes(size).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @RunAsClient
    void uploadsOrganisesListsAndDeletes() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        HttpRequest.Builder upload = api().request("/api/external/v1/media/upload")
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("logo.png", "image/png",
                        new ByteArrayInputStream(png.toByteArray()), "altText", "Logo", "tags", "brand, logo",
                        "folder_path", "brand/logos")));
        Api.Reply created = api().send(upload);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject item = created.json().getJsonObject("item");
        String id = item.getString("id");
        assertThat(item.getString("type")).isEqualTo("image");
        assertThat(item.getString("mime_type")).isEqualTo("image/png");
        assertThat(item.getString("original_filename")).isEqualTo("logo.png");
        assertThat(item.getString("alt_text")).isEqualTo("Logo");
        assertThat(item.getInt("width")).isEqualTo(64);
        assertThat(item.getInt("height")).isEqualTo(48);

        assertThat(ids(api().get(LIBRARY + "?folder=brand/logos"))).contains(id);
        assertThat(ids(api().get(LIBRARY + "?tag=logo"))).contains(id);
        assertThat(ids(api().get(LIBRARY + "?tag=nothing"))).doesNotContain(id);
        assertThat(ids(api().get(LIBRARY + "?type=image&status=ready"))).contains(id);
        JsonObject firstPage = api().get(LIBRARY + "?limit=1&page=1").json();
        assertThat(firstPage.getJsonArray("data")).hasSize(1);
        assertThat(firstPage.getJsonObject("meta").getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(firstPage.getJsonObject("meta").getInt("limit")).isEqualTo(1);
        assertThat(api().get(LIBRARY + "?limit=1000").status()).isEqualTo(400);

        Api.Reply patched = api().patch(LIBRARY, "{\"ids\":[\"" + id + "\"],\"tags\":[\"archived\"],\"folder_path\":\"archive\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().getInt("updated")).isEqualTo(1);
        assertThat(ids(api().get(LIBRARY + "?folder=archive&tag=archived"))).contains(id);
        assertThat(api().patch(LIBRARY, "{\"id\":\"" + UUID.randomUUID() + "\",\"tags\":[]}").status()).isEqualTo(404);

        Api.Reply folder = api().post("/api/external/v1/content-folders", "{\"scope\":\"media\",\"name\":\"logos\",\"parent_path\":\"brand\"}");
        assertThat(folder.status()).as(folder.toString()).isEqualTo(201);
        assertThat(folder.json().getString("folder_path")).isEqualTo("brand/logos");
        assertThat(api().post("/api/external/v1/content-folders", "{\"scope\":\"media\",\"folder_path\":\"brand/logos/\"}").status()).isEqualTo(200);
        assertThat(api().post("/api/external/v1/content-folders", "{\"scope\":\"posts\",\"folder_path\":\"drafts\"}").status()).isEqualTo(201);
        JsonObject media = api().get("/api/external/v1/content-folders?scope=media").json();
        assertThat(media.getJsonArray("folders").getValuesAs(JsonObject.class)).extracting(f -> f.getString("folder_path")).contains("brand/logos").doesNotContain("drafts");
        assertThat(api().get("/api/external/v1/content-folders").status()).isEqualTo(400);

        assertThat(api().delete(LIBRARY + "/" + id).status()).isEqualTo(204);
        assertThat(api().get(LIBRARY + "/" + id).status()).isEqualTo(404);
        assertThat(api().get(LIBRARY + "/" + id + "/download").status()).isEqualTo(404);
        assertThat(api().anonymous().get(LIBRARY).status()).isEqualTo(401);

        byte[] pdf = new byte[3 * 1024 * 1024];
        System.arraycopy("%PDF-1.7 not media".getBytes(), 0, pdf, 0, 18);
        Api.Reply refused = api().send(api().request("/api/external/v1/media/upload")
                .header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> MediaFixtures.multipart("doc.mp4", "video/mp4",
                        new ByteArrayInputStream(pdf), "tags", "refused-upload"))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        JsonObject failed = api().get(LIBRARY + "?tag=refused-upload").json().getJsonArray("data").getJsonObject(0);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("application/octet-stream");

        Api.Reply openApi = api().anonymous().get("/openapi");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/external/v1/media-library/{id}/download", "/api/external/v1/uploads/posts/sign");
    }

    private static List<String> ids(Api.Reply list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().getJsonArray("data").getValuesAs(JsonObject.class).stream().map(i -> i.getString("id")).toList();
    }

    @Test
    @RunAsClient
    void aSignedUrlAcceptsOnePutBeforeItExpires() throws Exception {
        Path clip = MediaFixtures.generatedMp4(WORK, "clip-signed.mp4", 660);
        Api.Reply signed = api().post("/api/external/v1/uploads/posts/sign", "{\"filename\":\"signed.mp4\",\"folder_path\":\"signed\"}");
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        String url = signed.json().getString("upload_url");
        assertThat(signed.json().getString("method")).isEqualTo("PUT");
        assertThat(url).startsWith("http").contains("signature=");

        Api.Reply first = api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(url)).PUT(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonObject item = first.json().getJsonObject("item");
        assertThat(item.getString("original_filename")).isEqualTo("signed.mp4");
        assertThat(item.getString("folder_path")).isEqualTo("signed");
        assertThat(item.getString("video_codec")).isEqualTo("h264");

        Api.Reply second = api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(url)).PUT(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);

        String tampered = url.replaceFirst("expires=(\\d+)", "expires=9$1");
        assertThat(api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(tampered))
                .PUT(HttpRequest.BodyPublishers.ofFile(clip))).status()).isEqualTo(403);

        // A declared size over the URL's limit is refused before the URL is spent: the right file still goes through.
        Api.Reply small = api().post("/api/external/v1/uploads/posts/sign", "{\"filename\":\"dot.gif\",\"size\":1000}");
        assertThat(small.status()).isEqualTo(201);
        String smallUrl = small.json().getString("upload_url");
        Api.Reply tooLarge = api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(smallUrl)).PUT(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.Reply fits = api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(smallUrl)).PUT(HttpRequest.BodyPublishers.ofByteArray(gif)));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(201);
        assertThat(fits.json().getJsonObject("item").getString("type")).isEqualTo("gif");

        Api.Reply shortLived = api().post("/api/external/v1/uploads/posts/sign", "{\"filename\":\"late.mp4\",\"expires_in\":1}");
        assertThat(shortLived.status()).isEqualTo(201);
        Instant expiresAt = Instant.parse(shortLived.json().getString("expires_at"));
        Await.until(() -> Instant.now().isAfter(expiresAt.plusMillis(100)));
        Api.Reply late = api().anonymous().send(HttpRequest.newBuilder(MediaFixtures.uri(shortLived.json().getString("upload_url")))
                .PUT(HttpRequest.BodyPublishers.ofFile(clip)));
        assertThat(late.status()).as(late.toString()).isEqualTo(410);
    }

    @Test
    void anotherWorkspaceSeesNothingOfThisOne() {
        UUID workspace = em.createNamedQuery(Workspace.FIND_BY_SLUG, Workspace.class)
                .setParameter("slug", Workspace.DEFAULT_SLUG).getSingleResult().getId();
        MediaOutcome outcome = imports.upload(workspace, MediaFixtures.multipartType(), -1, MediaFixtures.multipart("tenant.mp4", "video/mp4",
                MediaFixtures.generatedVideoBytes(10_000), "tags", "tenant"));
        UUID id = outcome.item().getId();
        UUID other = UUID.randomUUID();

        assertThat(library.find(workspace, id).getId()).isEqualTo(id);
        assertNotFound(() -> library.find(other, id));
        assertNotFound(() -> library.content(other, id));
        assertNotFound(() -> library.update(other, List.of(id), new MediaItem.Metadata(null, List.of("x"), null)));
        assertNotFound(() -> library.delete(other, id));
        assertThat(library.list(other, null, "tenant", null, null, new PageRequest(1, 50)).total()).isZero();
        assertThat(library.list(workspace, null, "tenant", null, null, new PageRequest(1, 50)).items()).extracting(MediaItem::getId).contains(id);
        String path = outcome.item().getStoragePath();
        assertThat(library.findReadyByStoragePath(workspace, path)).map(MediaItem::getId).contains(id);
        assertThat(library.findReadyByStoragePath(other, path)).isEmpty();
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).satisfies(e -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof NotFoundException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a NotFoundException in the chain of " + e).isInstanceOf(NotFoundException.class);
        });
    }
}
