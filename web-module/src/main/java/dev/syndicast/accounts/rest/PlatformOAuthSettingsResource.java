package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.boundary.Connections;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform-oauth settings: a workspace's own OAuth client per platform. The secret is write-only. */
@Path("api/external/v1/settings/platform-oauth/{platform}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class PlatformOAuthSettingsResource {

    @Inject
    Connections connections;

    @Inject
    CallerContext caller;

    public static class ClientBody {
        @NotBlank
        @Size(max = 500)
        public String clientId;
        @NotBlank
        @Size(max = 2000)
        public String clientSecret;
    }

    public record ClientView(String platform, boolean configured, String clientId) {
    }

    @GET
    @RequiresScope("settings:read")
    @Operation(summary = "Whether the workspace has its own OAuth client for the platform (the secret is never shown)")
    public ClientView get(@PathParam("platform") String platform) {
        return connections.clientId(caller.require().workspaceId(), platform)
                .map(id -> new ClientView(platform, true, id))
                .orElse(new ClientView(platform, false, null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("settings:write")
    @Operation(summary = "Save the workspace's OAuth client id and secret for the platform (the secret is stored encrypted)")
    public ClientView put(@PathParam("platform") String platform, @Valid @NotNull ClientBody body) {
        connections.saveClient(caller.require().workspaceId(), platform, body.clientId, body.clientSecret);
        return new ClientView(platform, true, body.clientId.strip());
    }

    @DELETE
    @RequiresScope("settings:write")
    @Operation(summary = "Remove the workspace's own OAuth client; the deployment's configured client applies again")
    public Response delete(@PathParam("platform") String platform) {
        connections.removeClient(caller.require().workspaceId(), platform);
        return Response.noContent().build();
    }
}
