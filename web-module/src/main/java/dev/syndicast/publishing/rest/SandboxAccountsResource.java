package dev.syndicast.publishing.rest;

import dev.syndicast.accounts.rest.AccountView;
import dev.syndicast.publishing.boundary.SandboxAccounts;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Connects an account that publishes to the sandbox service (demo workspaces, tests, trying publishing out). */
@Path("api/external/v1/sandbox/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class SandboxAccountsResource {

    @Inject
    SandboxAccounts sandbox;

    @Inject
    CallerContext caller;

    public static class SandboxAccountBody {
        /** {@code sandbox}, or another platform whose posts should land in the sandbox. */
        @Size(max = 32)
        public String platform;
        @NotBlank
        @Size(max = 200)
        public String platformAccountId;
        @Size(max = 200)
        public String username;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("connections:write")
    @Operation(summary = "Connect a sandbox-backed account (platform sandbox, or any platform publishing into the sandbox)")
    public Response connect(@Valid @NotNull SandboxAccountBody body) {
        Caller who = caller.require();
        return Response.status(201).entity(AccountView.of(sandbox.connect(who.workspaceId(), body.platform, body.platformAccountId,
                body.username, who.actorName()))).build();
    }
}
