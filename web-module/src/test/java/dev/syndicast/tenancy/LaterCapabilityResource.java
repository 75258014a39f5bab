package dev.syndicast.tenancy;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RateLimited;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for a capability added after tenancy: the tests add it to the deployment, and it must appear in the
 * reference and be guarded like every other route without anyone listing it. Its one "item" per workspace is
 * derived from the workspace id, so it is tenant data that another workspace must never reach.
 */
@Path("api/external/v1/later-items")
@RequestScoped
@RequiresScope({"posts:read", "media-library:read"})
@Produces(MediaType.APPLICATION_JSON)
public class LaterCapabilityResource {

    @Inject
    CallerContext callerContext;

    @GET
    @Operation(summary = "Test-only: the caller's workspace item.")
    public List<Map<String, String>> list() {
        return List.of(item(callerContext.require()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Test-only: one item, only in its own workspace.")
    public Map<String, String> one(@PathParam("id") String id) {
        Map<String, String> item = item(callerContext.require());
        if (!item.get("id").equals(id)) {
            throw new NotFoundException("Item not found: " + id);
        }
        return item;
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("posts:write")
    @Operation(summary = "Test-only: pretend to delete an item of the caller's workspace.")
    public Map<String, String> delete(@PathParam("id") String id) {
        return one(id);
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateTier.BULK)
    @RequiresScope("posts:write")
    @Operation(summary = "Test-only: a bulk route (10 per minute).")
    public Map<String, String> bulk(String body) {
        return Map.of("ok", "bulk");
    }

    @POST
    @Path("ai/caption")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("ai:generate")
    @Operation(summary = "Test-only: an AI route (20 per minute).")
    public Map<String, String> caption(String body) {
        return Map.of("ok", "ai");
    }

    private static Map<String, String> item(Caller caller) {
        UUID id = UUID.nameUUIDFromBytes(("item-of-" + caller.workspaceId()).getBytes(StandardCharsets.UTF_8));
        return Map.of("id", id.toString(), "workspace_id", caller.workspaceId().toString());
    }
}
