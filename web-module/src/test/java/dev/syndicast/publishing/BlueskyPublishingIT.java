package dev.syndicast.publishing;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.tenancy.TenantFixture;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.AtprotoPds;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import dev.syndicast.testsupport.DroppingProxy;
import dev.syndicast.testsupport.PlatformStub;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to a real Bluesky server: the reference PDS with its own PLC directory on loopback
 * ({@link AtprotoPds}). An account connects through the external API with an app password over cleartext HTTP/1.1,
 * posts go out through the publish queue, and every record is read back from the PDS: facets with their byte ranges,
 * image and video embeds, reply references of a thread, and a post whose createRecord answer was lost that exists
 * exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BlueskyPublishingIT {

    private static final Path WORK = Path.of("target", "bluesky-it").toAbsolutePath();

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    private final AtprotoPds pds = AtprotoPds.instance();
    private Api api;

    @BeforeEach
    void workspace() {
        api = TenantFixture.create(Api.at(base), "bsky").withNewKey("bsky", List.of("*"));
    }

    @Test
    void aTextPostCarriesLinkHashtagAndMentionFacets() {
        AtprotoPds.Account alice = pds.createAccount(AtprotoPds.name());
        AtprotoPds.Account bob = pds.createAccount(AtprotoPds.name());
        String account = connect(alice, pds.url());
        String text = "Hello \uD83D\uDE00 Grüße https://example.com/a?b=1 #syndicast @" + bob.handle();

        JsonObject target = publish(account, post(text));

        String uri = target.getString("external_id");
        assertThat(uri).startsWith("at://" + alice.did() + "/app.bsky.feed.post/");
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        assertThat(target.getString("platform_url")).isEqualTo("https://bsky.app/profile/" + alice.handle() + "/post/" + rkey);
        JsonObject record = pds.record(uri).getJsonObject("value");
        assertThat(record.getString("text")).isEqualTo(text);
        assertThat(record.getString("createdAt")).isNotBlank();
        JsonArray facets = record.getJsonArray("facets");
        assertThat(facets).hasSize(3);
        assertFacet(facets.getJsonObject(0), text, "https://example.com/a?b=1", "app.bsky.richtext.facet#link", "uri", "https://example.com/a?b=1");
        assertFacet(facets.getJsonObject(1), text, "#syndicast", "app.bsky.richtext.facet#tag", "tag", "syndicast");
        assertFacet(facets.getJsonObject(2), text, "@" + bob.handle(), "app.bsky.richtext.facet#mention", "did", bob.did());
    }

    @Test
    void anImagePostCarriesItsAltTextAndAspectRatio() throws IOException {
        AtprotoPds.Account alice = pds.createAccount(AtprotoPds.name());
        String account = connect(alice, pds.url());
        String media = importMedia("bsky-" + UUID.randomUUID() + ".png", "image/png", png(64, 48), "A red square on white");

        JsonObject target = publish(account, post("With a picture").add("media",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media))));

        JsonObject embed = pds.record(target.getString("external_id")).getJsonObject("value").getJsonObject("embed");
        assertThat(embed.getString("$type")).isEqualTo("app.bsky.embed.images");
        JsonObject image = embed.getJsonArray("images").getJsonObject(0);
        assertThat(image.getString("alt")).isEqualTo("A red square on white");
        assertThat(image.getJsonObject("aspectRatio").getInt("width")).isEqualTo(64);
        assertThat(image.getJsonObject("aspectRatio").getInt("height")).isEqualTo(48);
        assertThat(image.getJsonObject("image").getString("mimeType")).isEqualTo("image/png");
        String cid = image.getJsonObject("image").getJsonObject("ref").getString("$link");
        assertThat(pds.blob(alice.did(), cid)).isEqualTo(png(64, 48));
    }

    @Test
    void aVideoPostEmbedsTheUploadedVideo() throws IOException {
        AtprotoPds.Account alice = pds.createAccount(AtprotoPds.name());
        String account = connect(alice, pds.url());
        Path clip = MediaFixtures.generatedMp4(WORK, "bsky-clip.mp4", 660);
        String media = importMedia("bsky-" + UUID.randomUUID() + ".mp4", "video/mp4", Files.readAllBytes(clip), "A test pattern");

        JsonObject target = publish(account, post("A short clip").add("media",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", media))));

        JsonObject embed = pds.record(target.getString("external_id")).getJsonObject("value").getJsonObject("embed");
        assertThat(embed.getString("$type")).isEqualTo("app.bsky.embed.video");
        assertThat(embed.getString("alt")).isEqualTo("A test pattern");
        assertThat(embed.getJsonObject("aspectRatio").getInt("width")).isEqualTo(320);
        assertThat(embed.getJsonObject("aspectRatio").getInt("height")).isEqualTo(240);
        JsonObject video = embed.getJsonObject("video");
        assertThat(video.getString("mimeType")).isEqualTo("video/mp4");
        assertThat(video.getJsonNumber("size").longValue()).isEqualTo(Files.size(clip));
    }

    @Test
    void thePostsLanguageIsEveryRecordsLangs() {
        AtprotoPds.Account alice = pds.createAccount(AtprotoPds.name());
        String account = connect(alice, pds.url());

        JsonObject target = publish(account, post("Olá, mundo").add("language", "pt-BR")
                .add("thread_parts", Json.createArrayBuilder().add("Tchau")));
        JsonObject plain = publish(account, post("No language given"));

        List<JsonObject> records = pds.posts(alice.did());
        assertThat(records).hasSize(3);
        for (JsonObject record : records) {
            JsonObject value = record.getJsonObject("value");
            if (value.getString("text").equals("No language given")) {
                assertThat(record.getString("uri")).isEqualTo(plain.getString("external_id"));
                assertThat(value.containsKey("langs")).as("no language, no langs").isFalse();
            } else {
                assertThat(value.getJsonArray("langs")).as(value.toString()).containsExactly(Json.createValue("pt-BR"));
            }
        }
        assertThat(target.getString("external_id")).isNotBlank();
    }

    @Test
    void aThreadIsAReplyChain() {
        AtprotoPds.Account alice = pds.createAccount(AtprotoPds.name());
        String account = connect(alice, pds.url());

        JsonObject target = publish(account, post("1/3 the start").add("thread_parts",
                Json.createArrayBuilder().add("2/3 the middle").add("3/3 the end #fin")));

        JsonObject root = pds.record(target.getString("external_id"));
        List<JsonObject> posts = pds.posts(alice.did());
        assertThat(posts).hasSize(3);
        JsonObject middle = byText(posts, "2/3 the middle");
        JsonObject end = byText(posts, "3/3 the end #fin");
        assertReply(middle, root, root);
        assertReply(end, root, middle);
        assertThat(end.getJsonObject("value").getJsonArray("facets")).hasSize(1);
    }

    /**
     * The PDS creates the post and its answer is lost on the way back (the connection breaks after sending): the
     * outcome is unknown, the record key is looked up, and the post exists once.
     */
    @Test
    void aLostAnswerToCreateRecordLeavesExactlyOnePost() throws IOException {
        AtprotoPds.Account carol = pds.createAccount(AtprotoPds.name());
        try (DroppingProxy proxy = new DroppingProxy(pds.port())) {
            String account = connect(carol, proxy.url());
            proxy.dropNextAnswerTo("/xrpc/com.atproto.repo.createRecord");

            JsonObject target = publish(account, post("Exactly once, even when the answer is lost"));

            assertThat(proxy.dropped()).as("the createRecord answer was lost").isEqualTo(1);
            List<JsonObject> posts = pds.posts(carol.did());
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).getString("uri")).isEqualTo(target.getString("external_id"));
        }
    }

    @Test
    void postsBlueskyWouldRefuseAreRefusedWhenSaved() throws IOException {
        String account = connect(pds.createAccount(AtprotoPds.name()), pds.url());
        String large = importMedia("bsky-" + UUID.randomUUID() + ".png", "image/png", noise(800, 600), "Noise");
        String small = importMedia("bsky-" + UUID.randomUUID() + ".png", "image/png", png(64, 48), "Small");

        Api.Reply tooLarge = draft(account, post("A large image").add("media",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("media_id", large))));
        Api.Reply tooLong = draft(account, post("x".repeat(301)));
        JsonArrayBuilder five = Json.createArrayBuilder();
        for (int i = 0; i < 5; i++) {
            five.add(Json.createObjectBuilder().add("media_id", small));
        }
        Api.Reply tooMany = draft(account, post("Five images").add("media", five));

        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(422);
        assertThat(tooLarge.body()).contains("bluesky: image is", "the limit is 1000000 bytes");
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        assertThat(tooLong.body()).contains("bluesky: content exceeds platform character limit (301 characters; the limit is 300)");
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(422);
        assertThat(tooMany.body()).contains("bluesky: 5 images; the limit is 4");
    }

    /**
     * Revoking the app password in Bluesky ends the session: the PDS refuses the next refresh ("Token has been
     * revoked"), and the account becomes token_expired instead of failing posts one by one.
     */
    @Test
    void aRevokedAppPasswordExpiresTheAccount() {
        AtprotoPds.Account dana = pds.createAccount(AtprotoPds.name());
        String account = connect(dana, pds.url());
        pds.revokeAppPassword(dana);
        Api bootstrap = Api.at(base);
        try {
            // The session's access token is good for two hours; the refresher renews it before that.
            bootstrap.anonymous().post("/test-support/clock?advance=PT2H", "");
            bootstrap.post("/api/system/token-refresh", "");
            Await.untilAsserted(() -> assertThat(api.get("/api/external/v1/accounts/" + account).json().getString("status"))
                    .isEqualTo("token_expired"));
        } finally {
            bootstrap.anonymous().post("/test-support/clock?reset=true", "");
        }
        assertThat(api.get("/api/external/v1/notifications").body()).contains("token_expired", "Token has been revoked");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String connect(AtprotoPds.Account account, String serviceUrl) {
        Api.Reply connected = api.post("/api/external/v1/connections/bluesky", Json.createObjectBuilder()
                .add("handle", account.handle()).add("app_password", account.appPassword()).add("service_url", serviceUrl)
                .build().toString());
        assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
        assertThat(connected.json().getString("platform_account_id")).isEqualTo(account.did());
        return connected.json().getString("id");
    }

    private static JsonObjectBuilder post(String text) {
        return Json.createObjectBuilder().add("text", text).add("status", "draft");
    }

    private Api.Reply draft(String account, JsonObjectBuilder post) {
        JsonArrayBuilder targets = Json.createArrayBuilder().add(Json.createObjectBuilder().add("platform", "bluesky").add("account_id", account));
        return api.post("/api/external/v1/posts", post.add("targets", targets).build().toString());
    }

    /** Creates the post as a draft for the account, publishes it now and returns its published target. */
    private JsonObject publish(String account, JsonObjectBuilder post) {
        Api.Reply draft = draft(account, post);
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        String id = draft.json().getString("id");
        Api.Reply now = api.post("/api/external/v1/posts/" + id + "/publish-now", "");
        assertThat(now.status()).as(now.toString()).isEqualTo(202);
        Await.until(() -> List.of("published", "failed", "partially_published")
                .contains(api.get("/api/external/v1/posts/" + id).json().getString("status")));
        JsonObject done = api.get("/api/external/v1/posts/" + id).json();
        JsonObject target = done.getJsonArray("targets").getJsonObject(0);
        assertThat(done.getString("status")).as(target.toString()).isEqualTo("published");
        return target;
    }

    private String importMedia(String name, String type, byte[] bytes, String alt) {
        String url = PlatformStub.instance().serve(name, type, bytes);
        Api.Reply imported = api.post("/api/external/v1/media-library", Json.createObjectBuilder().add("source_url", url)
                .add("alt_text", alt).build().toString());
        assertThat(imported.status()).as(imported.toString()).isIn(200, 201, 202);
        String id = imported.json().getJsonObject("item").getString("id");
        // Larger files are imported in the background (202).
        Await.until(() -> "ready".equals(api.get("/api/external/v1/media-library/" + id).json().getString("status")));
        return id;
    }

    private static void assertFacet(JsonObject facet, String text, String covered, String type, String field, String value) {
        int start = text.substring(0, text.indexOf(covered)).getBytes(StandardCharsets.UTF_8).length;
        assertThat(facet.getJsonObject("index").getInt("byteStart")).as(covered).isEqualTo(start);
        assertThat(facet.getJsonObject("index").getInt("byteEnd")).as(covered)
                .isEqualTo(start + covered.getBytes(StandardCharsets.UTF_8).length);
        JsonObject feature = facet.getJsonArray("features").getJsonObject(0);
        assertThat(feature.getString("$type")).isEqualTo(type);
        assertThat(feature.getString(field)).isEqualTo(value);
    }

    private static JsonObject byText(List<JsonObject> posts, String text) {
        return posts.stream().filter(p -> p.getJsonObject("value").getString("text").equals(text)).findFirst().orElseThrow();
    }

    private static void assertReply(JsonObject post, JsonObject root, JsonObject parent) {
        JsonObject reply = post.getJsonObject("value").getJsonObject("reply");
        assertThat(reply.getJsonObject("root").getString("uri")).isEqualTo(root.getString("uri"));
        assertThat(reply.getJsonObject("root").getString("cid")).isEqualTo(root.getString("cid"));
        assertThat(reply.getJsonObject("parent").getString("uri")).isEqualTo(parent.getString("uri"));
        assertThat(reply.getJsonObject("parent").getString("cid")).isEqualTo(parent.getString("cid"));
    }

    /** A PNG of random pixels: it does not compress, so 800x600 is well over a megabyte. */
    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(16, 12, 32, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
