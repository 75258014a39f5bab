package dev.syndicast.tenancy;

import dev.syndicast.testsupport.Api;
import dev.syndicast.testsupport.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route the live reference lists (so routes added by later capabilities are covered without
 * editing this test) and proves, route by route: no credential is 401; a key lacking the route's scope is 403
 * (a key holding every other scope); an API key on a session route is 401; an installation-wide (operator) route
 * refuses a workspace admin (403); and a credential of another workspace, holding the scope, never reaches
 * workspace A's resources (404) nor sees A's data in any reply.
 */
@ExtendWith(ArquillianExtension.class)
class RouteWalkerIT {

    private static final Pattern PARAM = Pattern.compile("\\{[^}]+}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        // A stand-in for a capability added later: the walker must pick it up from the reference by itself.
        return Deployments.application().addClass(LaterCapabilityResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theReferenceListsEveryRouteWithAuthScopesAndSummaryAndAllScopes() {
        JsonObject reference = Api.at(base).anonymous().get("/api/external/v1/reference").json();
        JsonArray routes = reference.getJsonArray("routes");
        assertThat(reference.getInt("route_count")).isEqualTo(routes.size());
        assertThat(reference.getInt("scope_count")).isEqualTo(23);
        assertThat(reference.getJsonArray("scopes")).hasSize(23);
        assertThat(reference.getJsonArray("scopes").getJsonObject(0).keySet()).contains("name", "description");
        List<String> listed = routes.stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("method") + " " + r.getString("path")).toList();
        assertThat(listed).contains(
                "GET /api/external/v1", "GET /api/external/v1/health", "GET /api/external/v1/whoami",
                "GET /api/external/v1/reference", "GET /api/external/v1/keys", "POST /api/external/v1/keys",
                "DELETE /api/external/v1/keys/{id}", "PUT /api/external/v1/settings/password",
                "GET /api/external/v1/audit-logs", "POST /api/system/selftest",
                // Added by the test deployment only: proof that the reference is read from the live routes.
                "GET /api/external/v1/later-items/{id}");
        JsonObject keys = route(routes, "POST", "/api/external/v1/keys");
        assertThat(keys.getString("auth")).isEqualTo("session");
        JsonObject later = route(routes, "GET", "/api/external/v1/later-items");
        assertThat(later.getString("auth")).isEqualTo("external-api-key");
        assertThat(later.getJsonArray("scopes").getValuesAs(JsonString::getString))
                .containsExactly("posts:read", "media-library:read");
        assertThat(later.getString("summary")).isEqualTo("Test-only: the caller's workspace item.");
    }

    @Test
    void everyRouteRefusesMissingWrongAndForeignCredentials() {
        Api bootstrap = Api.at(base);
        JsonObject reference = bootstrap.anonymous().get("/api/external/v1/reference").json();
        List<String> allScopes = reference.getJsonArray("scopes").stream()
                .map(s -> s.asJsonObject().getString("name")).filter(s -> !s.equals("*")).toList();

        TenantFixture a = TenantFixture.create(bootstrap, "walker-a");
        TenantFixture b = TenantFixture.create(bootstrap, "walker-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        // Data of A that must never show up in B's replies.
        String aKeyId = a.createKey("a-marker-key", List.of("posts:read")).getString("id");
        aKey.put("/api/external/v1/settings", "{\"profile\":{\"display_name\":\"A-secret-profile\"}}");
        Set<String> aMarkers = Set.of(a.workspaceId, a.slug, a.adminEmail, aKeyId, "A-secret-profile");
        // Invitations of A: one its admin received (from a third workspace), one A sent to that workspace's admin.
        TenantFixture c = TenantFixture.create(bootstrap, "walker-c");
        Api.Reply toA = c.withNewKey("c-admin", List.of("*")).post("/api/external/v1/members",
                "{\"email\": \"" + a.adminEmail + "\", \"role\": \"client\"}");
        assertThat(toA.status()).as(toA.toString()).isEqualTo(202);
        Api.Reply fromA = aKey.post("/api/external/v1/members", "{\"email\": \"" + c.adminEmail + "\", \"role\": \"client\"}");
        assertThat(fromA.status()).as(fromA.toString()).isEqualTo(202);

        Map<Set<String>, Api> lacking = new HashMap<>();
        Set<String> probedWithRealIds = new TreeSet<>();
        SoftAssertions soft = new SoftAssertions();
        int walked = 0;
        int operatorRoutes = 0;
        for (JsonValue value : reference.getJsonArray("routes")) {
            JsonObject route = value.asJsonObject();
            String method = route.getString("method");
            String template = route.getString("path");
            String auth = route.getString("auth");
            if (auth.equals("none")) {
                continue;
            }
            walked++;
            String name = method + " " + template;
            String anyPath = PARAM.matcher(template).replaceAll(UUID.randomUUID().toString());
            String type = bodyType(route);

            Api.Reply anonymous = call(bootstrap.anonymous(), method, anyPath, type);
            soft.assertThat(anonymous.status()).as("no credential: " + name + " -> " + anonymous).isEqualTo(401);
            soft.assertThat(anonymous.body()).as(name).contains("\"error\"", "\"detail\"");

            if (auth.equals("session")) {
                Api.Reply withKey = call(aKey, method, anyPath, type);
                soft.assertThat(withKey.status()).as("API key on session route: " + name + " -> " + withKey).isEqualTo(401);
            } else {
                Set<String> needed = new TreeSet<>(route.getJsonArray("scopes").getValuesAs(JsonString::getString));
                if (!needed.isEmpty()) {
                    Api wrong = lacking.computeIfAbsent(needed, n -> a.withNewKey("lacks " + n,
                            allScopes.stream().filter(s -> !n.contains(s)).toList()));
                    Api.Reply forbidden = call(wrong, method, anyPath, type);
                    soft.assertThat(forbidden.status()).as("key lacking " + needed + ": " + name + " -> " + forbidden)
                            .isEqualTo(403);
                }
            }

            if (route.getBoolean("operator")) {
                // Installation-wide routes: an admin key of any other workspace is refused outright.
                Api.Reply tenantAdmin = call(bKey, method, anyPath, type);
                soft.assertThat(tenantAdmin.status()).as("workspace admin on operator route: " + name + " -> " + tenantAdmin)
                        .isEqualTo(403);
                operatorRoutes++;
                continue;
            }
            Api aCredential = auth.equals("session") ? a.asSession() : aKey;
            Api bCredential = auth.equals("session") ? b.asSession() : bKey;
            if (PARAM.matcher(template).find()) {
                Optional<String> aId = firstIdOfCollection(aCredential, template);
                aId.ifPresent(id -> probedWithRealIds.add(name));
                String aPath = PARAM.matcher(template).replaceAll(aId.orElse(UUID.randomUUID().toString()));
                Api.Reply foreign = call(bCredential, method, aPath, type);
                if (method.equals("GET") || method.equals("DELETE")) {
                    soft.assertThat(foreign.status()).as("other workspace on A's " + aPath + " (" + name + ") -> " + foreign)
                            .isEqualTo(404);
                } else {
                    soft.assertThat(foreign.status()).as("other workspace on A's " + aPath + " (" + name + ") -> " + foreign)
                            .isIn(400, 404, 422);
                }
                soft.assertThat(foreign.body()).as(name).doesNotContain(aMarkers);
            } else if (method.equals("GET")) {
                Api.Reply own = call(bCredential, method, template, type);
                soft.assertThat(own.status()).as(name + " -> " + own).isLessThan(500);
                soft.assertThat(own.body()).as("B's view of " + name).doesNotContain(aMarkers);
            }
        }
        soft.assertAll();
        assertThat(walked).isGreaterThanOrEqualTo(20);
        assertThat(operatorRoutes).isGreaterThanOrEqualTo(6);
        // The isolation probes used real ids of A, not only ids that exist nowhere.
        assertThat(probedWithRealIds).contains("DELETE /api/external/v1/keys/{id}", "DELETE /api/external/v1/members/{id}",
                "GET /api/external/v1/later-items/{id}", "DELETE /api/external/v1/later-items/{id}",
                "POST /api/external/v1/invitations/{id}/accept", "DELETE /api/external/v1/members/invitations/{id}");
        // B's deletes above must not have touched A: A's keys are all still active.
        Api.Reply aKeys = a.asSession().get("/api/external/v1/keys");
        assertThat(aKeys.body()).contains(aKeyId);
        assertThat(aKeys.structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(k -> k.containsKey("revoked_at"))).isEmpty();
        // ... nor A's invitations, received or sent: still pending.
        assertThat(a.asSession().get("/api/external/v1/invitations").body()).contains(toA.json().getString("id"));
        assertThat(aKey.get("/api/external/v1/members/invitations").body()).contains(fromA.json().getString("id"));
    }

    /**
     * The same isolation when the foreign id travels in a body or a query: every route that names other resources
     * there gets a request that is valid with the caller's own references (proven by sending it) and then, one
     * reference at a time, the same request with workspace A's; each of those must be refused without a trace of
     * A. Every other route gets all of A's references in its query and body at once and must neither fail nor
     * show A. Afterwards A's media, account, post, upload, folder and invitation are as they were.
     */
    @Test
    void everyRouteRefusesAnotherWorkspacesIdsInBodiesAndQueryParameters() throws Exception {
        Api bootstrap = Api.at(base);
        JsonObject reference = bootstrap.anonymous().get("/api/external/v1/reference").json();
        TenantFixture a = TenantFixture.create(bootstrap, "refs-a");
        TenantFixture b = TenantFixture.create(bootstrap, "refs-b");
        Api aKey = a.withNewKey("a-admin", List.of("*"));
        Api bKey = b.withNewKey("b-admin", List.of("*"));
        // A second key of B for the sweep, so the templated probes and the sweep do not share B's bulk-tier budget.
        Api bSweep = b.withNewKey("b-sweep", List.of("*"));
        Map<String, String> aRefs = WalkerReferences.of(a, aKey);
        Map<String, String> bRefs = WalkerReferences.of(b, bKey);
        // A's data that B never sends: ids B sends may be echoed in B's own error messages, these may not appear.
        List<String> aMarkers = WalkerReferences.markers(a, aRefs);

        List<String> listed = reference.getJsonArray("routes").stream().map(JsonValue::asJsonObject)
                .map(r -> r.getString("method") + " " + r.getString("path")).toList();
        assertThat(listed).as("every templated probe names a live route").containsAll(WalkerReferences.probedRoutes());

        SoftAssertions soft = new SoftAssertions();
        int foreignProbes = 0;
        for (Map.Entry<String, WalkerReferences.Probe> entry : WalkerReferences.PROBES.entrySet()) {
            String name = entry.getKey();
            WalkerReferences.Probe probe = entry.getValue();
            Api bCredential = probe.session() ? b.asSession() : bKey;
            for (String field : probe.references()) {
                Map<String, String> mixed = new HashMap<>(bRefs);
                mixed.put(field, WalkerReferences.foreign(aRefs, field));
                Api.Reply foreign = probe.send(bCredential, mixed);
                foreignProbes++;
                soft.assertThat(probe.refused().test(foreign)).as("B's " + name + " with A's " + field + " -> " + foreign).isTrue();
                soft.assertThat(foreign.body()).as("B's " + name + " with A's " + field).doesNotContain(aMarkers);
            }
            // The same request with B's own references passes: the refusals above are about whose references they are.
            Api.Reply own = probe.send(bCredential, bRefs);
            soft.assertThat(probe.accepted().test(own)).as("control: B's " + name + " with B's own references -> " + own).isTrue();
        }

        // Every other route: all of A's references in the query and the body at once.
        String query = WalkerReferences.query(aRefs);
        String everything = WalkerReferences.everything(aRefs);
        int swept = 0;
        for (JsonValue value : reference.getJsonArray("routes")) {
            JsonObject route = value.asJsonObject();
            String method = route.getString("method");
            String template = route.getString("path");
            String name = method + " " + template;
            // Logging out would end the session the sweep uses for the other session routes.
            if (route.getString("auth").equals("none") || route.getBoolean("operator") || WalkerReferences.probedRoutes().contains(name)
                    || name.equals("POST /api/external/v1/auth/logout")) {
                continue;
            }
            Api credential = route.getString("auth").equals("session") ? b.asSession() : bSweep;
            String path = PARAM.matcher(template).replaceAll(UUID.randomUUID().toString()) + "?" + query;
            String type = bodyType(route);
            HttpRequest.Builder request = credential.request(path);
            Api.Reply reply = method.equals("GET") || method.equals("DELETE")
                    ? credential.send(request.method(method, HttpRequest.BodyPublishers.noBody()))
                    : credential.send(request.header("Content-Type", type.equals("application/json") ? type : type + "; boundary=walker")
                    .method(method, HttpRequest.BodyPublishers.ofString(type.equals("application/json") ? everything : "x")));
            swept++;
            soft.assertThat(reply.status()).as("B's " + name + " with A's ids in query and body -> " + reply)
                    .satisfiesAnyOf(status -> assertThat(status).isLessThan(500), status -> assertThat(status).isEqualTo(501));
            soft.assertThat(reply.body()).as("B's " + name + " with A's ids in query and body").doesNotContain(aMarkers);
        }
        soft.assertAll();
        assertThat(foreignProbes).isGreaterThanOrEqualTo(15);
        assertThat(swept).isGreaterThanOrEqualTo(40);
        WalkerReferences.assertUntouched(aKey, aRefs);
    }

    /** A real id of workspace A where the collection before the parameter lists one (its first {@code id}). */
    private static Optional<String> firstIdOfCollection(Api owner, String template) {
        String collection = template.substring(0, template.indexOf('{')).replaceAll("/+$", "");
        return firstId(owner.get(collection));
    }

    private static Optional<String> firstId(Api.Reply list) {
        if (list.status() != 200) {
            return Optional.empty();
        }
        JsonStructure body = list.structure();
        JsonArray items = body instanceof JsonArray array ? array
                : body.asJsonObject().containsKey("data") ? body.asJsonObject().getJsonArray("data") : null;
        if (items == null || items.isEmpty() || items.get(0).getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject first = items.getJsonObject(0);
        return first.containsKey("id") ? Optional.of(first.get("id") instanceof JsonString s ? s.getString()
                : first.get("id").toString()) : Optional.empty();
    }

    /** A request the route accepts (an empty JSON object, or a few bytes of the media type it consumes). */
    private static Api.Reply call(Api api, String method, String path, String type) {
        HttpRequest.Builder request = api.request(path);
        if (method.equals("GET") || method.equals("DELETE") || method.equals("HEAD")) {
            return api.send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        String body = type.equals("application/json") ? "{}" : type.startsWith("multipart/")
                ? "--walker\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\nx\r\n--walker--\r\n" : "x";
        String contentType = type.startsWith("multipart/") ? type + "; boundary=walker" : type;
        return api.send(request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String bodyType(JsonObject route) {
        List<String> consumes = route.containsKey("consumes")
                ? route.getJsonArray("consumes").getValuesAs(JsonString::getString) : List.of();
        if (consumes.isEmpty() || consumes.contains("application/json") || consumes.contains("*/*")) {
            return "application/json";
        }
        String first = consumes.get(0);
        return first.endsWith("/*") ? first.replace("*", "octet-stream") : first;
    }

    private static JsonObject route(JsonArray routes, String method, String path) {
        return routes.stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("method").equals(method) && r.getString("path").equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("not in the reference: " + method + " " + path));
    }
}
