package dev.syndicast.accounts.rest;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Connections;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The accounts routes of the external API v1, under {@code /api/external/v1/accounts}: list, read, describe, disconnect, default, confirm. */
@Path("api/external/v1/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @Inject
    Connections connections;

    @Inject
    CallerContext caller;

    public record AccountPage(List<AccountView> data, PageMeta meta) {
    }

    /** The metadata a person may change ({@code PATCH /accounts/{id}}); tokens and status are not among it. */
    public static class AccountUpdate {
        @Size(max = 200)
        public String displayName;
        @Size(max = 200)
        public String username;
        @Size(max = 2000)
        public String avatarUrl;
        @Size(max = 2000)
        public String profileUrl;
        @Size(max = 32)
        public String accountType;
        public Map<String, Object> platformMeta;
        /** Set only when the body names daily_cap: a number sets the account's own cap, null the platform's again. */
        private Accounts.DailyCap capChange;

        public Integer getDailyCap() {
            return capChange == null ? null : capChange.cap();
        }

        public void setDailyCap(Integer cap) {
            capChange = new Accounts.DailyCap(cap);
        }

        Accounts.DailyCap dailyCapChange() {
            return capChange;
        }
    }

    public static class Confirmation {
        @NotBlank
        @Size(max = 64)
        public String nonce;
        @NotEmpty
        @Size(max = 100)
        public List<@Valid @NotNull SelectionBody> selections;
    }

    public static class SelectionBody {
        @Min(0)
        @Max(999)
        public int index;
        public boolean isDefault;
    }

    public record Confirmed(List<UUID> accountIds) {
    }

    @GET
    @RequiresScope("connections:read")
    @Operation(summary = "Connected accounts; filters platform and status; pages (page from 1, limit default 50, at most 100)")
    public AccountPage list(@QueryParam("platform") String platform, @QueryParam("status") String status,
                            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, Accounts.MAX_PAGE_SIZE);
        Accounts.Page result = accounts.list(workspace(), platform, status, paging);
        return new AccountPage(result.items().stream().map(AccountView::of).toList(), PageMeta.of(paging, result.total()));
    }

    @GET
    @Path("{id}")
    @RequiresScope("connections:read")
    @Operation(summary = "One account (tokens are never returned)")
    public AccountView get(@PathParam("id") String id) {
        return AccountView.of(accounts.get(workspace(), Ids.parse(id, "Account")));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("connections:write")
    @Operation(summary = "Update an account's metadata (display_name, username, avatar_url, profile_url, account_type, platform_meta)"
            + " and its own daily posting cap for smart scheduling (daily_cap 1-100; null: the platform's)")
    public AccountView update(@PathParam("id") String id, @Valid @NotNull AccountUpdate update) {
        String meta = update.platformMeta == null ? null : jakarta.json.bind.JsonbBuilder.create().toJson(update.platformMeta);
        return AccountView.of(accounts.describe(workspace(), Ids.parse(id, "Account"), update.displayName, update.username,
                update.avatarUrl, update.profileUrl, update.accountType, meta, update.dailyCapChange()));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("connections:write")
    @Operation(summary = "Disconnect an account: a soft delete that clears its tokens")
    public AccountView disconnect(@PathParam("id") String id) {
        return AccountView.of(accounts.disconnect(workspace(), Ids.parse(id, "Account")));
    }

    @PUT
    @Path("{id}/set-default")
    @RequiresScope("connections:write")
    @Operation(summary = "Make the account the default for its platform (the previous default is cleared)")
    public AccountView setDefault(@PathParam("id") String id) {
        return AccountView.of(accounts.makeDefault(workspace(), Ids.parse(id, "Account")));
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("connections:write")
    @Operation(summary = "Confirm a pending OAuth selection by nonce; answers 201 with the new account ids")
    public Response confirm(@Valid @NotNull Confirmation confirmation) {
        List<Connections.Selection> selections = confirmation.selections.stream()
                .map(s -> new Connections.Selection(s.index, s.isDefault)).toList();
        List<UUID> ids = connections.confirm(workspace(), confirmation.nonce, selections).stream()
                .map(dev.syndicast.accounts.entity.ConnectedAccount::getId).toList();
        return Response.status(201).entity(new Confirmed(ids)).build();
    }

    private UUID workspace() {
        return caller.require().workspaceId();
    }
}
