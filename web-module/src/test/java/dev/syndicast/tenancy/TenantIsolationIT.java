package dev.syndicast.tenancy;

import dev.syndicast.media.MediaFixtures;
import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspace isolation where a foreign id travels in a body, a query or a file name rather than in the path: the
 * video cleanup, media and accounts named inside posts, the folder of a folder upload, and adding a person who
 * already belongs to another workspace. Each test names the defect it guards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantIsolationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // The movable clock ages finished renders past the cleanup's max_age_hours without waiting an hour.
        return Deployments.withTestSupport();
    }

    @ArquillianResource
    URL base;

    /** Defect: a workspace admin's POST /system/cleanup deleted another workspace's finished render. */
    @Test
    void videoCleanupByAWorkspaceAdminTouchesOnlyItsOwnWorkspace() {
        Api bootstrap = Api.at(base);
        TenantFixture a = TenantFixture.create(bootstrap, "clean-a");
        TenantFixture b = TenantFixture.create(bootstrap, "clean-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        String aSession = finishedRender(aKey);
        String bSession = finishedRender(bKey);
        try {
            bootstrap.anonymous().post("/test-support/clock?advance=PT3H", "");

            JsonObject dryRun = bKey.post("/system/cleanup?max_age_hours=1&dry_run=true", "").json();
            assertThat(dryRun.getInt("cleaned_count")).as("B's dry run counts B's session only").isEqualTo(1);
            Api.Reply cleaned = bKey.post("/system/cleanup?max_age_hours=1", "");
            assertThat(cleaned.status()).as(cleaned.toString()).isEqualTo(200);
            assertThat(cleaned.json().getInt("cleaned_count")).isEqualTo(1);
            assertThat(bKey.get("/videos/" + bSession + "/status").status()).isEqualTo(404);
            Api.Reply aStill = aKey.get("/videos/" + aSession + "/status");
            assertThat(aStill.status()).as("A's render after B's cleanup: " + aStill).isEqualTo(200);

            assertThat(aKey.post("/system/cleanup?max_age_hours=1", "").json().getInt("cleaned_count")).isEqualTo(1);
            assertThat(aKey.get("/videos/" + aSession + "/status").status()).isEqualTo(404);
        } finally {
            bootstrap.anonymous().post("/test-support/clock?reset=true", "");
        }
    }

    /**
     * Defects: a post of workspace B accepted A's {@code storage_path} as a media URL (and published it), and A's
     * {@code media_id} (201, failing only at publish).
     */
    @Test
    void aPostNamesOnlyMediaAndAccountsOfItsOwnWorkspace() throws IOException {
        Api bootstrap = Api.at(base);
        TenantFixture a = TenantFixture.create(bootstrap, "media-a");
        TenantFixture b = TenantFixture.create(bootstrap, "media-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        JsonObject aMedia = uploadImage(aKey, Color.RED);
        JsonObject bMedia = uploadImage(bKey, Color.BLUE);
        String aAccount = sandboxAccount(aKey);
        String bAccount = sandboxAccount(bKey);

        String aPath = aMedia.getString("storage_path");
        String aId = aMedia.getString("id");
        List<String> foreign = List.of(
                "{\"url\": \"" + aPath + "\"}",
                "{\"url\": \"/" + aPath + "\"}",
                "{\"media_id\": \"" + aId + "\"}",
                "{\"url\": \"/api/external/v1/media-library/" + aId + "/download\"}",
                "{\"url\": \"" + bootstrap.uri("/api/external/v1/media-library/" + aId + "/download") + "\"}",
                "{\"url\": \"" + bMedia.getString("storage_path") + "\", \"media_id\": \"" + aId + "\"}");
        for (String media : foreign) {
            Api.Reply refused = bKey.post("/api/external/v1/posts", post(media, bAccount));
            assertThat(refused.status()).as("B's post with " + media + ": " + refused).isEqualTo(422);
            assertThat(refused.json().getJsonArray("fields").toString()).contains("media[0]");
            assertThat(refused.body()).doesNotContain(a.workspaceId.substring(9));
        }
        // Another workspace's account is answered like an unknown one: the external scheduling API's documented 400 "Invalid account_id".
        Api.Reply foreignAccount = bKey.post("/api/external/v1/posts",
                post("{\"media_id\": \"" + bMedia.getString("id") + "\"}", aAccount));
        assertThat(foreignAccount.status()).as(foreignAccount.toString()).isEqualTo(400);
        assertThat(foreignAccount.json().getString("detail")).startsWith("Invalid account_id");

        // The same posts with B's own media pass, so the refusals above are about whose media it is.
        Api.Reply byPath = bKey.post("/api/external/v1/posts", post("{\"url\": \"" + bMedia.getString("storage_path") + "\"}", bAccount));
        assertThat(byPath.status()).as(byPath.toString()).isEqualTo(201);
        Api.Reply byId = bKey.post("/api/external/v1/posts", post("{\"media_id\": \"" + bMedia.getString("id") + "\"}", bAccount));
        assertThat(byId.status()).as(byId.toString()).isEqualTo(201);
        Api.Reply byUrl = bKey.post("/api/external/v1/posts", post("{\"url\": \"/api/external/v1/media-library/"
                + bMedia.getString("id") + "/download\"}", bAccount));
        assertThat(byUrl.status()).as(byUrl.toString()).isEqualTo(201);
        Api.Reply external = bKey.post("/api/external/v1/posts", post("{\"url\": \"https://cdn.example.com/clip.mp4\"}", bAccount));
        assertThat(external.status()).as("a URL elsewhere is not a library reference: " + external).isEqualTo(201);

        // Editing a post is held to the same rule.
        String postId = byId.json().getString("id");
        Api.Reply patched = bKey.patch("/api/external/v1/posts/" + postId, "{\"media\": [{\"url\": \"" + aPath + "\"}]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(422);
        assertThat(bKey.get("/api/external/v1/posts/" + postId).body()).doesNotContain(aPath);

        // The bulk JSON import (the external API v1 bulk shape) goes through the same checks, post by post.
        Api.Reply bulk = bKey.post("/api/external/v1/posts/bulk", Json.createObjectBuilder().add("posts", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("content", "Isolation").add("platforms", Json.createArrayBuilder().add("sandbox"))
                        .add("account_ids", Json.createArrayBuilder().add(bAccount)).add("media_url", aPath))).build().toString());
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(bulk.json().getInt("succeeded")).as(bulk.toString()).isZero();
        assertThat(bKey.get("/api/external/v1/posts?limit=200").body()).doesNotContain(aPath, aId);
    }

    /** Defect: folder-upload read any folder under the shared upload root, including another workspace's. */
    @Test
    void aFolderUploadReadsOnlyItsOwnWorkspacesFolders() throws IOException {
        Api bootstrap = Api.at(base);
        TenantFixture a = TenantFixture.create(bootstrap, "folder-a");
        TenantFixture b = TenantFixture.create(bootstrap, "folder-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        Path root = Path.of(System.getenv("SYNDICAST_DATA_DIR")).resolve("upload-queue");
        Path aFolder = Files.createDirectories(root.resolve(a.slug).resolve("clips"));
        Files.writeString(aFolder.resolve("README.txt"), "no videos here");
        String start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        for (String folder : List.of(a.slug + "/clips", "../" + a.slug + "/clips", "../../upload-queue/" + a.slug + "/clips")) {
            Api.Reply refused = bKey.post("/api/external/v1/batch/jobs/folder-upload/executions", folderUpload(folder, start));
            assertThat(refused.status()).as("B names A's folder " + folder + ": " + refused).isIn(400, 404, 422);
            assertThat(refused.body()).doesNotContain(root.toString());
        }
        Api.Reply own = aKey.post("/api/external/v1/batch/jobs/folder-upload/executions", folderUpload("clips", start));
        assertThat(own.status()).as("A's own folder: " + own).isEqualTo(202);
    }

    /**
     * Defect: an admin added any person of another workspace by e-mail alone and saw their display name. Now the
     * person is invited, the reply reveals nothing about them, and they join only by accepting with their own session.
     */
    @Test
    void addingAPersonOfAnotherWorkspaceInvitesThemAndRevealsNothingUntilTheyAccept() {
        Api bootstrap = Api.at(base);
        TenantFixture a = TenantFixture.create(bootstrap, "people-a");
        TenantFixture b = TenantFixture.create(bootstrap, "people-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        String email = "carol@" + a.slug + ".example";
        Api.Reply created = aKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", email)
                .add("password", TenantFixture.PASSWORD).add("display_name", "Carol Secretname").add("role", "staff").build().toString());
        assertThat(created.status()).as("a new person is still created directly: " + created).isEqualTo(201);
        String carolId = created.json().getString("id");

        Api.Reply invited = bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", email.toUpperCase())
                .add("role", "client").build().toString());
        assertThat(invited.status()).as(invited.toString()).isEqualTo(202);
        // The e-mail is what B typed; nothing else about Carol (her name, id, workspace) is in the answer.
        assertThat(invited.body()).doesNotContain("Carol Secretname", carolId, a.workspaceId, "Workspace " + a.slug);
        JsonObject invitation = invited.json();
        assertThat(invitation.getString("status")).isEqualTo("pending");
        String invitationId = invitation.getString("id");
        // With a password the answer is the same, and the password is not touched.
        Api.Reply withPassword = bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", email)
                .add("password", "another-long-password").add("role", "admin").build().toString());
        assertThat(withPassword.status()).as(withPassword.toString()).isIn(202, 409);
        assertThat(withPassword.body()).doesNotContain("Carol Secretname", carolId);
        assertThat(bKey.get("/api/external/v1/members").body()).doesNotContain(email, "Carol Secretname", carolId);
        assertThat(bKey.get("/api/external/v1/members/invitations").body()).contains(invitationId).doesNotContain("Carol Secretname", carolId);

        // Nobody but the person answers the invitation; the person sees it with their own session.
        assertThat(a.asSession().post("/api/external/v1/invitations/" + invitationId + "/accept", "").status()).isEqualTo(404);
        assertThat(bKey.post("/api/external/v1/invitations/" + invitationId + "/accept", "").status()).isEqualTo(401);
        Api carol = bootstrap.withKey(TenantFixture.login(bootstrap, email, TenantFixture.PASSWORD, a.slug));
        Api.Reply mine = carol.get("/api/external/v1/invitations");
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        JsonObject listed = mine.structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("id").equals(invitationId)).findFirst().orElseThrow();
        assertThat(listed.getJsonObject("workspace").getString("slug")).isEqualTo(b.slug);
        assertThat(listed.getString("role")).isEqualTo("client");

        Api.Reply accepted = carol.post("/api/external/v1/invitations/" + invitationId + "/accept", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(carol.post("/api/external/v1/invitations/" + invitationId + "/accept", "").status()).isEqualTo(409);
        assertThat(bKey.get("/api/external/v1/members").body()).contains(email, "Carol Secretname");
        TenantFixture.login(bootstrap, email, TenantFixture.PASSWORD, b.slug);

        // A declined invitation adds nobody.
        String dave = "dave@" + a.slug + ".example";
        aKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", dave).add("password", TenantFixture.PASSWORD)
                .add("role", "client").build().toString());
        String daveInvitation = bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", dave)
                .add("role", "staff").build().toString()).json().getString("id");
        Api daveSession = bootstrap.withKey(TenantFixture.login(bootstrap, dave, TenantFixture.PASSWORD, a.slug));
        assertThat(daveSession.post("/api/external/v1/invitations/" + daveInvitation + "/decline", "").status()).isEqualTo(200);
        assertThat(daveSession.post("/api/external/v1/invitations/" + daveInvitation + "/accept", "").status()).isEqualTo(409);
        assertThat(bKey.get("/api/external/v1/members").body()).doesNotContain(dave);

        // An invitation left unanswered expires; then a new one may be sent.
        String eve = "eve@" + a.slug + ".example";
        aKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", eve).add("password", TenantFixture.PASSWORD)
                .add("role", "client").build().toString());
        String eveInvitation = bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", eve)
                .add("role", "staff").build().toString()).json().getString("id");
        assertThat(bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", eve)
                .add("role", "staff").build().toString()).status()).as("one pending invitation at a time").isEqualTo(409);
        try {
            bootstrap.anonymous().post("/test-support/clock?advance=P15D", "");
            Api eveSession = bootstrap.withKey(TenantFixture.login(bootstrap, eve, TenantFixture.PASSWORD, a.slug));
            assertThat(eveSession.get("/api/external/v1/invitations").body()).doesNotContain(eveInvitation);
            assertThat(eveSession.post("/api/external/v1/invitations/" + eveInvitation + "/accept", "").status()).isEqualTo(409);
            Api.Reply again = bKey.post("/api/external/v1/members", Json.createObjectBuilder().add("email", eve)
                    .add("role", "staff").build().toString());
            assertThat(again.status()).as(again.toString()).isEqualTo(202);
            assertThat(eveSession.post("/api/external/v1/invitations/" + again.json().getString("id") + "/accept", "").status())
                    .isEqualTo(200);
        } finally {
            bootstrap.anonymous().post("/test-support/clock?reset=true", "");
        }
    }

    private static String finishedRender(Api key) {
        Api.Reply started = key.post("/videos/generate", """
                {"prompt": "A short clip about isolation between workspaces", "duration_preference": 10, "quality": "low"}""");
        assertThat(started.status()).as(started.toString()).isIn(200, 201, 202);
        String id = started.json().getString("session_id");
        key.delete("/videos/" + id);
        Await.await().atMost(Duration.ofSeconds(120)).until(() ->
                List.of("completed", "failed", "cancelled").contains(key.get("/videos/" + id + "/status").json().getString("status")));
        return id;
    }

    private static JsonObject uploadImage(Api key, Color color) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, color.getRGB());
        image.setRGB(1, 1, UUID.randomUUID().hashCode());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Api.Reply uploaded = key.send(key.request("/api/external/v1/media/upload").header("Content-Type", MediaFixtures.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        MediaFixtures.multipart("pixel.png", "image/png", new ByteArrayInputStream(png.toByteArray())))));
        assertThat(uploaded.status()).as(uploaded.toString()).isIn(200, 201);
        return uploaded.json().getJsonObject("item");
    }

    static String sandboxAccount(Api key) {
        Api.Reply reply = key.post("/api/external/v1/sandbox/accounts", Json.createObjectBuilder().add("platform", "sandbox")
                .add("platform_account_id", "iso-" + UUID.randomUUID()).add("username", "@iso").build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getString("id");
    }

    private static String post(String media, String account) {
        return """
                {"text": "Isolation", "status": "draft", "media": [%s], "targets": [{"platform": "sandbox", "account_id": "%s"}]}"""
                .formatted(media, account);
    }

    private static String folderUpload(String folder, String start) {
        return Json.createObjectBuilder().add("parameters", Json.createObjectBuilder().add("folder", folder)
                .add("platforms", "sandbox").add("startAt", start)).build().toString();
    }
}
