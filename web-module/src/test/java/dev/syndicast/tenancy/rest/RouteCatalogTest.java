package dev.syndicast.tenancy.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCatalogTest {

    @Path("/api/external/v1/things/")
    @RequiresScope("posts:read")
    public static class Things {
        @GET
        @Operation(summary = "List things.")
        public String list() { return ""; }

        @POST
        @RequiresScope({"posts:write", "media-library:write"})
        public String create() { return ""; }

        @DELETE
        @Path("{id: [0-9a-f-]+}")
        @SessionRoute
        public String delete() { return ""; }

        @POST
        @Path("/ai/caption")
        @RequiresScope("ai:generate")
        public String caption() { return ""; }

        @POST
        @Path("bulk")
        public String bulk() { return ""; }

        public String notARoute() { return ""; }
    }

    @Path("open")
    @PublicRoute
    public static class Open {
        @GET
        public String get() { return ""; }

        @GET
        @Path("whoami")
        @RequiresScope({})
        public String who() { return ""; }
    }

    @Test
    void every_resource_method_becomes_a_route_with_what_its_annotations_say() {
        List<RouteCatalog.Route> routes = RouteCatalog.of(List.of(Things.class, Open.class, String.class));
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/external/v1/things",
                "POST /api/external/v1/things",
                "POST /api/external/v1/things/ai/caption",
                "POST /api/external/v1/things/bulk",
                "DELETE /api/external/v1/things/{id}",
                "GET /open",
                "GET /open/whoami");

        RouteCatalog.Route list = find(routes, "GET", "/api/external/v1/things");
        assertThat(list.auth()).isEqualTo("external-api-key");
        assertThat(list.scopes()).containsExactly("posts:read");
        assertThat(list.summary()).isEqualTo("List things.");
        assertThat(list.rateTier()).isEqualTo("standard");

        assertThat(find(routes, "POST", "/api/external/v1/things").scopes()).containsExactly("posts:write", "media-library:write");
        assertThat(find(routes, "DELETE", "/api/external/v1/things/{id}").auth()).isEqualTo("session");
        assertThat(find(routes, "DELETE", "/api/external/v1/things/{id}").scopes()).isEmpty();
        assertThat(find(routes, "POST", "/api/external/v1/things/ai/caption").rateTier()).isEqualTo("ai");
        assertThat(find(routes, "POST", "/api/external/v1/things/bulk").rateTier()).isEqualTo("bulk");
        assertThat(find(routes, "GET", "/open").auth()).isEqualTo("none");
        // Public wins at class level: the whole class is public.
        assertThat(find(routes, "GET", "/open/whoami").auth()).isEqualTo("none");
    }

    @Test
    void a_route_without_annotations_needs_an_admin_key() throws NoSuchMethodException {
        @Path("x")
        class Bare {
            @GET
            public String get() { return ""; }
        }
        assertThat(RouteRules.scopes(Bare.class.getMethod("get"))).containsExactly("*");
        assertThat(RouteRules.auth(Bare.class.getMethod("get"))).isEqualTo(RouteRules.Auth.API_KEY);
    }

    private static RouteCatalog.Route find(List<RouteCatalog.Route> routes, String method, String path) {
        return routes.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst().orElseThrow();
    }
}
