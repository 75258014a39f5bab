package dev.syndicast.rendering.rest;

import dev.syndicast.rendering.boundary.RenderSessions;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The video generation API's {@code /system/stats} and {@code /system/cleanup}, both for the caller's workspace: that
 * API was designed for a single-tenant system, where "the system" is everything its callers can see; here that is one
 * workspace. Cleanup needs an admin key ({@code *}); the daily timer cleans every workspace.
 */
@Path("system")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "videos")
public class SystemVideoResource {

    @Inject
    RenderSessions sessions;

    @Inject
    CallerContext caller;

    @GET
    @Path("stats")
    @RequiresScope("ai:generate")
    @Operation(summary = "Session counts by status and stage, average progress, system health")
    public VideoViews.StatsView stats() {
        return VideoViews.StatsView.of(sessions.stats(caller.require().workspaceId()));
    }

    @POST
    @Path("cleanup")
    @RequiresScope("*")
    @Operation(summary = "Delete this workspace's finished sessions older than max_age_hours (default 24) with their files; dry_run=true only counts")
    public Response cleanup(@QueryParam("max_age_hours") String maxAgeHours, @QueryParam("dry_run") boolean dryRun) {
        int hours;
        try {
            hours = maxAgeHours == null || maxAgeHours.isBlank() ? 24 : Integer.parseInt(maxAgeHours.strip());
        } catch (NumberFormatException e) {
            return VideosResource.validationError("max_age_hours", "max_age_hours must be an integer of at least 1");
        }
        if (hours < 1) {
            return VideosResource.validationError("max_age_hours", "max_age_hours must be an integer of at least 1");
        }
        int cleaned = sessions.cleanup(caller.require().workspaceId(), hours, dryRun);
        String message = (dryRun ? "Would clean up " : "Cleaned up ") + cleaned + " expired sessions";
        return Response.ok(new VideoViews.CleanupView(message, cleaned, hours)).build();
    }
}
