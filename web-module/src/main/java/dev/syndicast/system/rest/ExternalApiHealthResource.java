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
import java.util.List;

/**
 * {@code GET /api/external/v1/health}, one of the external API v1's meta routes, with the body its existing clients
 * read. A class of the system capability (health is system's to tell, and the other meta routes sit in tenancy,
 * below system); its literal path is longer than the meta routes' {@code api/external/v1}, so JAX-RS picks it here.
 */
@Path("api/external/v1/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "meta")
public class ExternalApiHealthResource {

    @Inject
    SystemHealth health;

    @Inject
    Clock clock;

    public record Health(String status, Instant timestamp, String version) {
    }

    @GET
    @PublicRoute
    @Operation(summary = "Health check endpoint.")
    public Response health() {
        List<ComponentCheck> checks = health.checkAll();
        HealthStatus status = SystemHealth.overall(checks);
        return Response.status(status == HealthStatus.UNHEALTHY ? 503 : 200)
                .entity(new Health(status.wire(), clock.instant().truncatedTo(ChronoUnit.SECONDS), BuildInfo.version()))
                .build();
    }
}
