package dev.syndicast.tenancy;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Await;
import dev.syndicast.testsupport.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box tests of people, sessions, keys, tenant header, settings, audit log and bad input, against the
 * production WAR on Payara Micro.
 */
@ExtendWith(ArquillianExtension.class)
class AccessIT {

    private static final String V1 = "/api/external/v1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    @Test
    void aPersonLogsInCreatesAKeyShownOnceAndLogsOut() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "acme");
        JsonObject created = acme.createKey("worker", List.of("posts:read", "settings:read"));
        String raw = created.getString("key");
        assertThat(raw).startsWith("syn_");
        assertThat(created.getString("key_prefix")).isEqualTo(raw.substring(0, 12));

        Api.Reply list = acme.asSession().get(V1 + "/keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(created.getString("id"), "worker").doesNotContain(raw);

        JsonObject whoami = acme.api.withKey(raw).get(V1 + "/whoami").json();
        assertThat(whoami.getString("key_name")).isEqualTo("worker");
        assertThat(whoami.getJsonObject("workspace").getString("slug")).isEqualTo(acme.slug);
        assertThat(whoami.getJsonArray("scopes").toString()).contains("posts:read", "settings:read");
        assertThat(whoami.toString()).doesNotContain(raw);
        // last_used is recorded.
        Await.untilAsserted(() -> assertThat(acme.asSession().get(V1 + "/keys").body()).contains("last_used_at"));

        assertThat(acme.asSession().post(V1 + "/auth/logout", "").status()).isEqualTo(204);
        assertThat(acme.asSession().get(V1 + "/keys").status()).isEqualTo(401);
        // The key outlives the session that made it.
        assertThat(acme.api.withKey(raw).get(V1 + "/whoami").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndUnknownPeopleGetTheSameRefusal() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "login");
        Api anonymous = Api.at(base).anonymous();
        Api.Reply wrong = anonymous.post(V1 + "/auth/login",
                "{\"email\":\"" + acme.adminEmail + "\",\"password\":\"not-the-password\"}");
        Api.Reply unknown = anonymous.post(V1 + "/auth/login",
                "{\"email\":\"nobody@nowhere.example\",\"password\":\"not-the-password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
        assertThat(wrong.body()).doesNotContain("not-the-password");
    }

    @Test
    void passwordGuessingIsThrottledPerAccount() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "guess");
        Api anonymous = Api.at(base).anonymous();
        String wrong = "{\"email\":\"" + acme.adminEmail + "\",\"password\":\"guess-guess-guess\"}";
        Api.Reply last = anonymous.post(V1 + "/auth/login", wrong);
        for (int i = 0; i < 25 && last.status() != 429; i++) {
            assertThat(last.status()).isEqualTo(401);
            last = anonymous.post(V1 + "/auth/login", wrong);
        }
        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(last.json().keySet()).contains("error", "detail", "timestamp");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        if (retryAfter > 2) {
            // Even the right password waits until the window ends.
            assertThat(anonymous.post(V1 + "/auth/login", "{\"email\":\"" + acme.adminEmail + "\",\"password\":\""
                    + TenantFixture.PASSWORD + "\"}").status()).isEqualTo(429);
        }
        // Other accounts are not affected.
        TenantFixture.login(acme.api, "admin@" + TenantFixture.create(Api.at(base), "guess-other").slug + ".example",
                TenantFixture.PASSWORD, null);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "pw");
        String other = TenantFixture.login(acme.api, acme.adminEmail, TenantFixture.PASSWORD, acme.slug);

        Api.Reply refused = acme.asSession().put(V1 + "/settings/password",
                "{\"current_password\":\"wrong-password-123\",\"new_password\":\"another-long-password\"}");
        assertThat(refused.status()).isEqualTo(403);
        Api.Reply tooShort = acme.asSession().put(V1 + "/settings/password",
                "{\"current_password\":\"" + TenantFixture.PASSWORD + "\",\"new_password\":\"short\"}");
        assertThat(tooShort.status()).isEqualTo(400);

        Api.Reply changed = acme.asSession().put(V1 + "/settings/password",
                "{\"current_password\":\"" + TenantFixture.PASSWORD + "\",\"new_password\":\"another-long-password\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();
        assertThat(acme.asSession().get(V1 + "/keys").status()).isEqualTo(200);
        assertThat(acme.api.withKey(other).get(V1 + "/keys").status()).isEqualTo(401);
        assertThat(Api.at(base).anonymous().post(V1 + "/auth/login", "{\"email\":\"" + acme.adminEmail
                + "\",\"password\":\"" + TenantFixture.PASSWORD + "\"}").status()).isEqualTo(401);
        TenantFixture.login(acme.api, acme.adminEmail, "another-long-password", acme.slug);
    }

    @Test
    void revokedAndExpiredKeysAreRefusedAtOnce() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "revoke");
        JsonObject created = acme.createKey("soon-revoked", List.of("settings:read"));
        Api key = acme.api.withKey(created.getString("key"));
        assertThat(key.get(V1 + "/settings").status()).isEqualTo(200);
        Api.Reply revoked = acme.asSession().delete(V1 + "/keys/" + created.getString("id"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().getString("revoked_at")).isNotBlank();
        assertThat(key.get(V1 + "/settings").status()).isEqualTo(401);
        assertThat(acme.asSession().delete(V1 + "/keys/" + created.getString("id")).status()).isEqualTo(409);

        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply expiring = acme.asSession().post(V1 + "/keys", Json.createObjectBuilder().add("name", "short-lived")
                .add("scopes", Json.createArrayBuilder().add("settings:read"))
                .add("expires_at", expiry.toString()).build().toString());
        assertThat(expiring.status()).as(expiring.toString()).isEqualTo(201);
        Api shortLived = acme.api.withKey(expiring.json().getString("key"));
        Await.await().atMost(Duration.ofSeconds(10)).until(() -> shortLived.get(V1 + "/settings").status() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);

        Api.Reply past = acme.asSession().post(V1 + "/keys",
                "{\"name\":\"past\",\"scopes\":[\"settings:read\"],\"expires_at\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
    }

    @Test
    void badInputGetsTheErrorBodyNeverA500() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "bad");
        Api.Reply unknownScope = acme.asSession().post(V1 + "/keys", "{\"name\":\"x\",\"scopes\":[\"posts:read\",\"posts:nuke\"]}");
        assertThat(unknownScope.status()).isEqualTo(400);
        assertThat(unknownScope.json().getString("error")).isEqualTo("Bad Request");
        assertThat(unknownScope.json().getString("detail")).contains("posts:nuke");

        Api key = acme.withNewKey("settings", List.of("settings:read", "settings:write"));
        Api.Reply basic = key.send(Api.at(base).anonymous().request(V1 + "/settings").header("Authorization", "Basic Zm9vOmJhcg=="));
        assertThat(basic.status()).isEqualTo(400);
        assertThat(basic.json().keySet()).contains("error", "detail", "timestamp");

        Api.Reply badOrg = key.send(key.request(V1 + "/settings").header("X-Org-Id", "not a slug!"));
        assertThat(badOrg.status()).isEqualTo(400);

        Api.Reply malformed = key.put(V1 + "/settings", "{\"schedule\":{\"timezone\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("error")).isEqualTo("Bad Request");

        Api.Reply badZone = key.put(V1 + "/settings", "{\"schedule\":{\"timezone\":\"Mars/Olympus\"}}");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().getString("detail")).contains("timezone");

        String big = "{\"profile\":{\"display_name\":\"" + "x".repeat(1_100_000) + "\"}}";
        // As curl does for large bodies: announce it, and take the refusal before sending it.
        Api.Reply oversized = key.send(key.request(V1 + "/settings").expectContinue(true).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.json().keySet()).contains("error", "detail", "timestamp");

        Api.Reply garbageKey = Api.at(base).withKey("syn_" + "x".repeat(500)).get(V1 + "/whoami");
        assertThat(garbageKey.status()).isEqualTo(401);
    }

    @Test
    void settingsAreValidatedAndReadBack() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "settings");
        Api key = acme.withNewKey("settings", List.of("settings:read", "settings:write"));
        Api.Reply put = key.put(V1 + "/settings", """
                {"profile": {"display_name": "Acme Studio", "contact_email": "Ops@Acme.example"},
                 "schedule": {"timezone": "Europe/Berlin", "min_gap_minutes": 90,
                              "posting_windows": [{"day": "tue", "start": "17:00", "end": "19:00"},
                                                  {"day": "monday", "start": "09:00", "end": "11:30"}]}}""");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        JsonObject read = key.get(V1 + "/settings").json();
        assertThat(read.getJsonObject("profile").getString("contact_email")).isEqualTo("ops@acme.example");
        JsonObject schedule = read.getJsonObject("schedule");
        assertThat(schedule.getString("timezone")).isEqualTo("Europe/Berlin");
        assertThat(schedule.getInt("min_gap_minutes")).isEqualTo(90);
        assertThat(schedule.getJsonArray("posting_windows").getJsonObject(0).getString("day")).isEqualTo("monday");

        Api.Reply overlap = key.put(V1 + "/settings", """
                {"schedule": {"posting_windows": [{"day": "mon", "start": "09:00", "end": "11:00"},
                                                  {"day": "mon", "start": "10:00", "end": "12:00"}]}}""");
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(key.get(V1 + "/settings").json().getJsonObject("schedule").getString("timezone")).isEqualTo("Europe/Berlin");
    }

    @Test
    void agentKeysMustNameTheirWorkspaceWithXOrgId() {
        Api bootstrap = Api.at(base);
        TenantFixture home = TenantFixture.create(bootstrap, "agent-home");
        TenantFixture client = TenantFixture.create(bootstrap, "agent-client");
        TenantFixture stranger = TenantFixture.create(bootstrap, "agent-stranger");
        // The home admin, invited as staff of the client workspace, accepts, then makes an agent key for both.
        Api.Reply invited = client.withNewKey("admin", List.of("*")).post(V1 + "/members",
                "{\"email\":\"" + home.adminEmail + "\",\"role\":\"staff\"}");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(202);
        Api.Reply accepted = home.asSession().post(V1 + "/invitations/" + invited.json().getString("id") + "/accept", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Api.Reply agent = home.asSession().post(V1 + "/keys",
                "{\"name\":\"agent\",\"scopes\":[\"settings:read\"],\"workspaces\":[\"" + client.slug + "\"]}");
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        assertThat(agent.json().getBoolean("agent")).isTrue();
        Api key = bootstrap.withKey(agent.json().getString("key"));

        Api.Reply missing = key.get(V1 + "/settings");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("detail")).isEqualTo("X-Org-Id header is required for AI agent requests");

        Api.Reply forClient = key.send(key.request(V1 + "/whoami").header("X-Org-Id", client.slug));
        assertThat(forClient.status()).isEqualTo(200);
        assertThat(forClient.json().getJsonObject("workspace").getString("id")).isEqualTo(client.workspaceId);
        Api.Reply byId = key.send(key.request(V1 + "/settings").header("X-Org-Id", home.workspaceId));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().getJsonObject("workspace").getString("slug")).isEqualTo(home.slug);

        Api.Reply foreign = key.send(key.request(V1 + "/settings").header("X-Org-Id", stranger.slug));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).doesNotContain(stranger.workspaceId);

        // A normal key is bound to its workspace, X-Org-Id cannot move it.
        Api normal = home.withNewKey("normal", List.of("settings:read"));
        assertThat(normal.send(normal.request(V1 + "/settings").header("X-Org-Id", client.slug)).status()).isEqualTo(403);
        assertThat(normal.get(V1 + "/settings").status()).isEqualTo(200);

        // The agent key cannot grant more in the client workspace than its owner's role there (staff).
        Api.Reply tooMuch = home.asSession().post(V1 + "/keys",
                "{\"name\":\"greedy\",\"scopes\":[\"settings:write\"],\"workspaces\":[\"" + client.slug + "\"]}");
        assertThat(tooMuch.status()).isEqualTo(403);
    }

    @Test
    void rolesCapKeysAndLeavingAWorkspaceStopsTheKeysThere() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "roles");
        Api admin = acme.withNewKey("admin", List.of("*"));
        String email = "client@" + acme.slug + ".example";
        Api.Reply member = admin.post(V1 + "/members",
                "{\"email\":\"" + email + "\",\"password\":\"client-password-1\",\"role\":\"client\"}");
        assertThat(member.status()).as(member.toString()).isEqualTo(201);
        String clientSession = TenantFixture.login(acme.api, email, "client-password-1", acme.slug);
        Api asClient = acme.api.withKey(clientSession);

        assertThat(asClient.post(V1 + "/keys", "{\"name\":\"x\",\"scopes\":[\"*\"]}").status()).isEqualTo(403);
        Api.Reply ok = asClient.post(V1 + "/keys", "{\"name\":\"client-key\",\"scopes\":[\"settings:read\"]}");
        assertThat(ok.status()).isEqualTo(201);
        Api clientKey = acme.api.withKey(ok.json().getString("key"));
        assertThat(clientKey.get(V1 + "/settings").status()).isEqualTo(200);
        // A client sees only their own keys.
        assertThat(asClient.get(V1 + "/keys").structure().asJsonArray()).hasSize(1);

        String userId = member.json().getString("id");
        assertThat(admin.delete(V1 + "/members/" + userId).status()).isEqualTo(200);
        assertThat(clientKey.get(V1 + "/settings").status()).isEqualTo(401);
    }

    @Test
    void everyWriteThroughTheApiIsAudited() {
        TenantFixture acme = TenantFixture.create(Api.at(base), "audit");
        JsonObject created = acme.createKey("auditor", List.of("audit-logs:read", "settings:write"));
        Api key = acme.api.withKey(created.getString("key"));
        assertThat(key.put(V1 + "/settings", "{\"schedule\":{\"timezone\":\"Europe/Paris\"}}").status()).isEqualTo(200);

        JsonObject page = key.get(V1 + "/audit-logs?limit=10").json();
        assertThat(page.getJsonObject("meta").getInt("total")).isGreaterThanOrEqualTo(2);
        JsonObject newest = page.getJsonArray("data").getJsonObject(0);
        assertThat(newest.getString("action")).isEqualTo("PUT /api/external/v1/settings");
        assertThat(newest.getString("actor_kind")).isEqualTo("key");
        assertThat(newest.getString("actor_id")).isEqualTo(created.getString("id"));
        assertThat(newest.getString("actor_name")).isEqualTo("auditor");
        assertThat(newest.getInt("status")).isEqualTo(200);
        assertThat(newest.getString("summary")).isEqualTo("Update profile and schedule settings.");
        assertThat(newest.getString("created_at")).endsWith("Z");

        JsonObject keyCreations = key.get(V1 + "/audit-logs?action=POST%20/api/external/v1/keys&actor_kind=user").json();
        assertThat(keyCreations.getJsonArray("data")).isNotEmpty();
        JsonObject creation = keyCreations.getJsonArray("data").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("target").endsWith(created.getString("id"))).findFirst().orElseThrow();
        assertThat(creation.getString("actor_kind")).isEqualTo("user");
        assertThat(page.toString()).doesNotContain(created.getString("key"));

        JsonObject paged = key.get(V1 + "/audit-logs?limit=1&page=2").json();
        assertThat(paged.getJsonArray("data")).hasSize(1);
        assertThat(paged.getJsonObject("meta").getInt("page")).isEqualTo(2);
        assertThat(key.get(V1 + "/audit-logs?from=yesterday").status()).isEqualTo(400);
        assertThat(key.get(V1 + "/audit-logs?limit=1000").status()).isEqualTo(400);
    }

    @Test
    void theBootstrapKeyIsTheFirstAdminKeyOfTheDefaultWorkspace() {
        JsonObject whoami = Api.at(base).get(V1 + "/whoami").json();
        assertThat(whoami.getJsonObject("workspace").getString("slug")).isEqualTo("default");
        assertThat(whoami.getJsonArray("scopes").getString(0)).isEqualTo("*");
        // A workspace admin elsewhere cannot create workspaces: only the operator can.
        TenantFixture acme = TenantFixture.create(Api.at(base), "operator");
        Api.Reply refused = acme.withNewKey("admin", List.of("*")).post(V1 + "/workspaces",
                "{\"slug\":\"nope-" + acme.slug + "\",\"name\":\"x\",\"admin\":{\"email\":\"x@y.example\",\"password\":\"long-enough-pw\"}}");
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void metaRoutesAnswerWithoutAKey() {
        Api anonymous = Api.at(base).anonymous();
        JsonObject root = anonymous.get(V1).json();
        assertThat(root.getJsonObject("links").getString("reference")).isEqualTo(V1 + "/reference");
        assertThat(root.getInt("scope_count")).isEqualTo(23);
        Api.Reply health = anonymous.get(V1 + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("healthy");
        Api.Reply whoami = anonymous.send(anonymous.request(V1 + "/whoami").method("GET", HttpRequest.BodyPublishers.noBody()));
        assertThat(whoami.status()).isEqualTo(401);
        assertThat(whoami.header("WWW-Authenticate")).startsWith("Bearer");
    }
}
