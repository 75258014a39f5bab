package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.BuildInfo;
import dev.syndicast.tenancy.boundary.Workspaces;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.Scope;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The external API v1's meta routes: root summary, the machine-readable reference, whoami. Its health route is the
 * system capability's ({@code system.rest.ExternalApiHealthResource}), which sits above tenancy.
 */
@Path("api/external/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "meta")
public class ExternalApiResource {

    public static final String BASE = "/api/external/v1";

    @Context
    Configuration configuration;

    @Inject
    BeanManager beanManager;

    @Inject
    CallerContext callerContext;

    @Inject
    Workspaces workspaces;

    public record Root(String name, String version, String base, String auth, int routeCount, int scopeCount,
                       Map<String, String> links) {
    }

    public record ScopeView(String name, String description) {
    }

    public record Reference(String base, int routeCount, int scopeCount, List<RouteCatalog.Route> routes,
                            List<ScopeView> scopes, Map<String, String> auth) {
    }

    public record WorkspaceView(String id, String slug, String name) {
        static WorkspaceView of(Workspace w) {
            return new WorkspaceView(w.getId().toString(), w.getSlug(), w.getName());
        }
    }

    public record WhoAmI(String keyId, String keyName, String kind, WorkspaceView workspace, List<String> scopes,
                         String userId, String role) {
    }

    @GET
    @PublicRoute
    @Operation(summary = "External API root summary with quick links.")
    public Root root() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("reference", BASE + "/reference");
        links.put("health", BASE + "/health");
        links.put("whoami", BASE + "/whoami");
        links.put("login", BASE + "/auth/login");
        links.put("keys", BASE + "/keys");
        links.put("settings", BASE + "/settings");
        links.put("audit_logs", BASE + "/audit-logs");
        links.put("docs", "/docs");
        return new Root("Syndicast External API", BuildInfo.version(), BASE,
                "Authorization: Bearer <key> or x-api-key: <key>; agent keys add X-Org-Id",
                routes().size(), Scope.all().size(), links);
    }

    @GET
    @Path("reference")
    @PublicRoute
    @Operation(summary = "Complete machine-readable route and scope inventory.")
    public Reference reference() {
        List<RouteCatalog.Route> routes = routes();
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put(RouteRules.Auth.NONE.wire(), "No credential.");
        auth.put(RouteRules.Auth.SESSION.wire(), "A person's session token from POST " + BASE + "/auth/login, as Bearer.");
        auth.put(RouteRules.Auth.API_KEY.wire(), "An API key as Bearer or x-api-key with one of the listed scopes "
                + "(an empty list: any key). Agent keys also send X-Org-Id. Routes with operator=true also need "
                + "an admin key of the default workspace.");
        return new Reference(BASE, routes.size(), Scope.all().size(), routes,
                Scope.all().stream().map(s -> new ScopeView(s.wire(), s.description())).toList(), auth);
    }

    @GET
    @Path("whoami")
    @RequiresScope({})
    @Operation(summary = "Resolve current API key identity and granted scopes.")
    public WhoAmI whoami() {
        Caller caller = callerContext.require();
        return new WhoAmI(caller.keyId().toString(), caller.keyName(), caller.kind().name().toLowerCase(java.util.Locale.ROOT),
                WorkspaceView.of(workspaces.current(caller)), caller.scopes().stream().sorted().toList(),
                caller.userId() == null ? null : caller.userId().toString(),
                caller.role() == null ? null : caller.role().wire());
    }

    /**
     * The deployed resource classes: those JAX-RS registered, plus CDI beans with {@code @Path} (a runtime
     * may leave scanned classes out of {@link Configuration#getClasses()}).
     */
    private List<RouteCatalog.Route> routes() {
        Set<Class<?>> classes = new LinkedHashSet<>(configuration.getClasses());
        configuration.getInstances().forEach(instance -> classes.add(instance.getClass()));
        beanManager.getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE).forEach(bean -> {
            if (bean.getBeanClass().isAnnotationPresent(Path.class)) {
                classes.add(bean.getBeanClass());
            }
        });
        return RouteCatalog.of(classes);
    }
}
