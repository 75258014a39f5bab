package dev.syndicast.system.rest;

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

/**
 * The external scheduling API's {@code GET /api/external/health}, with the same body as {@code GET /health}. A class of
 * its own: JAX-RS picks the root resource with the longest literal path and never backtracks, so as a method of the
 * root resource it was hidden behind the external scheduling API's resource at {@code api/external}.
 */
@Path("api/external/health")
@RequestScoped
@PublicRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class ExternalHealthResource {

    @Inject
    RootResource root;

    @GET
    @Operation(summary = "Health of the external scheduling API; 503 when unhealthy")
    public Response health() {
        return root.healthResponse();
    }
}
