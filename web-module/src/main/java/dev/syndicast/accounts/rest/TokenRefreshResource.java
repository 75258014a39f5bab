package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.boundary.TokenRefresher;
import dev.syndicast.tenancy.rest.OperatorRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator route: run the token refresher now instead of waiting for its minute (after an outage, in tests). */
@Path("api/system/token-refresh")
@RequestScoped
@RequiresScope("*")
@OperatorRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class TokenRefreshResource {

    @Inject
    TokenRefresher refresher;

    public record Refreshed(int refreshed) {
    }

    @POST
    @Operation(summary = "Refresh every access token that expires within syndicast.accounts.refresh-ahead")
    public Refreshed refreshNow() {
        return new Refreshed(refresher.refreshExpiring());
    }
}
