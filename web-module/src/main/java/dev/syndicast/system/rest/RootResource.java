package dev.syndicast.system.rest;

import dev.syndicast.core.rest.BuildInfo;
import dev.syndicast.system.boundary.SystemHealth;
import dev.syndicast.system.control.ComponentCheck;
import dev.syndicast.system.control.HealthStatus;
import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system API's {@code GET /} and {@code GET /health}, in the wire shape monitors and existing clients read (the
 * external scheduling API's health: {@link ExternalHealthResource}).
 */
@Path("")
@RequestScoped
@PublicRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class RootResource {

    @Inject
    SystemHealth health;

    @Inject
    Clock clock;

    public record Root(String name, String version, String description, String docsUrl, String healthUrl) {
    }

    public record Health(String status, Instant timestamp, Map<String, Object> details) {
    }

    @GET
    @Operation(summary = "API information")
    public Root root() {
        return new Root("Syndicast", BuildInfo.version(),
                "Self-hosted publishing of video and posts to social networks", "/docs", "/health");
    }

    @GET
    @Path("health")
    @Operation(summary = "System health for monitors and load balancers: 200 healthy or degraded, 503 unhealthy")
    public Response health() {
        return healthResponse();
    }

    Response healthResponse() {
        List<ComponentCheck> checks = health.checkAll();
        HealthStatus status = SystemHealth.overall(checks);
        Map<String, Object> components = new LinkedHashMap<>();
        checks.forEach(c -> components.put(c.component(), Map.of("status", c.up() ? "up" : "down", "message", c.message())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message", message(status, checks));
        details.put("components", components);
        Health body = new Health(status.wire(), clock.instant().truncatedTo(ChronoUnit.SECONDS), details);
        return Response.status(status == HealthStatus.UNHEALTHY ? 503 : 200).entity(body).build();
    }

    private static String message(HealthStatus status, List<ComponentCheck> checks) {
        if (status == HealthStatus.HEALTHY) {
            return "All systems operational";
        }
        return "Not operational: " + String.join(", ", checks.stream().filter(c -> !c.up()).map(ComponentCheck::component).toList());
    }
}
