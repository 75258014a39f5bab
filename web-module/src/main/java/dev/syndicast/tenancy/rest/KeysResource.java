package dev.syndicast.tenancy.rest;

import dev.syndicast.core.entity.TimeRange;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.tenancy.boundary.ApiKeys;
import dev.syndicast.tenancy.entity.ApiKey;
import dev.syndicast.tenancy.entity.Workspace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The external API v1's session-only key lifecycle. The raw key appears once, in the creation reply. */
@Path("api/external/v1/keys")
@RequestScoped
@SessionRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api-keys")
public class KeysResource {

    @Inject
    ApiKeys apiKeys;

    @Inject
    CallerContext callerContext;

    /** A class with public fields, not a record: see the README's known issue on Payara's OpenAPI scanner. */
    public static class CreateKey {
        @NotNull
        @Size(min = 1, max = 100)
        public String name;
        @NotNull
        @Size(min = 1, max = 23)
        public List<String> scopes;
        public Instant expiresAt;
        /** For an agent key: the other workspaces (slugs or ids) it may act for with X-Org-Id. */
        @Size(max = 50)
        public List<String> workspaces;
    }

    public record KeyView(UUID id, String name, String keyPrefix, List<String> scopes, String workspace,
                          boolean agent, List<String> workspaces, String ownerId, Instant createdAt,
                          Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.getId(), k.getName(), k.getKeyPrefix(), List.copyOf(k.scopeSet()),
                    k.getWorkspace().getSlug(), k.isAgent(),
                    k.getActingFor().stream().map(Workspace::getSlug).sorted().toList(),
                    k.getOwner() == null ? null : k.getOwner().getId().toString(),
                    k.getCreatedAt(), k.getLastUsedAt(), k.getExpiresAt(), k.getRevokedAt());
        }
    }

    /** The one reply that carries the raw key. */
    public record CreatedKeyView(UUID id, String key, String name, String keyPrefix, List<String> scopes,
                                 String workspace, boolean agent, List<String> workspaces, Instant createdAt,
                                 Instant expiresAt, String notice) {
    }

    @GET
    @Operation(summary = "List API keys for current user.")
    public List<KeyView> list() {
        return apiKeys.list(callerContext.require()).stream().map(KeyView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create API key for current user.")
    public Response create(@NotNull @Valid CreateKey request) {
        ApiKeys.CreatedKey created = apiKeys.create(callerContext.require(), request.name, request.scopes,
                TimeRange.require(request.expiresAt, "expires_at"), request.workspaces);
        KeyView view = KeyView.of(created.key());
        return Response.created(URI.create(ExternalApiResource.BASE + "/keys/" + view.id()))
                .entity(new CreatedKeyView(view.id(), created.rawKey(), view.name(), view.keyPrefix(), view.scopes(),
                        view.workspace(), view.agent(), view.workspaces(), view.createdAt(), view.expiresAt(),
                        "Store this key now: it is shown only once."))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke API key for current user.")
    public KeyView revoke(@PathParam("id") String id) {
        return KeyView.of(apiKeys.revoke(callerContext.require(), Ids.parse(id, "API key")));
    }

}
