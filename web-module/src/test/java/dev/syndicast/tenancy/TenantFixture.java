package dev.syndicast.tenancy;

import dev.syndicast.testsupport.Api;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.Collection;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace made through the API the way an operator would: created with the bootstrap key, its admin logs
 * in, and keys are created with that session. Each test run uses fresh slugs, so tests never share tenants.
 */
public final class TenantFixture {

    public static final String PASSWORD = "a-long-enough-password";

    public final String slug;
    public final String workspaceId;
    public final String adminEmail;
    public final String session;
    public final Api api;

    private TenantFixture(String slug, String workspaceId, String adminEmail, String session, Api api) {
        this.slug = slug;
        this.workspaceId = workspaceId;
        this.adminEmail = adminEmail;
        this.session = session;
        this.api = api;
    }

    /** A new workspace with its admin, logged in. */
    public static TenantFixture create(Api bootstrap, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@" + slug + ".example";
        Api.Reply created = bootstrap.post("/api/external/v1/workspaces", Json.createObjectBuilder()
                .add("slug", slug).add("name", "Workspace " + slug)
                .add("admin", Json.createObjectBuilder().add("email", email).add("password", PASSWORD))
                .build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String session = login(bootstrap, email, PASSWORD, slug);
        return new TenantFixture(slug, created.json().getString("id"), email, session, bootstrap);
    }

    public static String login(Api any, String email, String password, String workspace) {
        var body = Json.createObjectBuilder().add("email", email).add("password", password);
        if (workspace != null) {
            body.add("workspace", workspace);
        }
        Api.Reply login = any.anonymous().post("/api/external/v1/auth/login", body.build().toString());
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().getString("token");
    }

    public Api asSession() {
        return api.withKey(session);
    }

    /** A new key of this workspace's admin; returns the creation reply (with the raw key under "key"). */
    public JsonObject createKey(String name, Collection<String> scopes) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        scopes.forEach(list::add);
        Api.Reply reply = asSession().post("/api/external/v1/keys",
                Json.createObjectBuilder().add("name", name).add("scopes", list).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    public Api withNewKey(String name, Collection<String> scopes) {
        return api.withKey(createKey(name, scopes).getString("key"));
    }
}
