package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.entity.ConnectedAccount;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The external scheduling API's {@code GET /api/external/accounts}, in the wire shape its existing clients read:
 * {@code {"accounts": {"tiktok": [{"id", "username"}]}}}.
 */
@Path("api/external/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "external")
public class ExternalAccountsResource {

    @Inject
    Accounts accounts;

    @Inject
    CallerContext caller;

    public record AccountRef(String id, String username) {
    }

    public record AccountsByPlatform(Map<String, List<AccountRef>> accounts) {
    }

    @GET
    @RequiresScope("connections:read")
    @Operation(summary = "Account ids to schedule with, grouped by platform")
    public AccountsByPlatform list() {
        Map<String, List<AccountRef>> grouped = new LinkedHashMap<>();
        accounts.byPlatform(caller.require().workspaceId()).forEach((platform, list) ->
                grouped.put(platform, list.stream().map(ExternalAccountsResource::ref).toList()));
        return new AccountsByPlatform(grouped);
    }

    private static AccountRef ref(ConnectedAccount a) {
        String username = a.getUsername() != null ? a.getUsername() : a.getDisplayName();
        return new AccountRef(a.getId().toString(), username);
    }
}
