package dev.syndicast.campaigns.rest;

import dev.syndicast.campaigns.boundary.CampaignScheduling;
import dev.syndicast.campaigns.boundary.Campaigns;
import dev.syndicast.campaigns.entity.CampaignStatus;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * The campaign routes of the external API v1, under {@code /api/external/v1/campaigns}: create, list, read (with the
 * roll-up of its posts), edit, archive, and schedule its draft posts along its calendar or a cadence. Reading needs
 * {@code posts:read}, everything else {@code posts:write}, as for the posts a campaign holds.
 */
@Path("api/external/v1/campaigns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns")
public class CampaignsResource {

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignScheduling scheduling;

    @Inject
    CallerContext caller;

    public record CampaignPage(List<CampaignView> data, PageMeta meta) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Create a campaign: name (required), description, client_type, status (draft by default), a flat calendar"
            + " of day entries, a default cadence")
    public Response create(@NotNull JsonObject body) {
        Caller who = caller.require();
        Campaigns.Viewed created = campaigns.create(who.workspaceId(), who.actorName(), CampaignBodies.details(body),
                CampaignBodies.status(body));
        return Response.created(URI.create("/api/external/v1/campaigns/" + created.campaign().getId()))
                .entity(CampaignView.of(created)).build();
    }

    @GET
    @RequiresScope("posts:read")
    @Operation(summary = "List campaigns, newest first, each with its posts' counts by status; filter status; page from 1,"
            + " limit up to 100")
    public CampaignPage list(@QueryParam("status") String status, @QueryParam("page") Integer page,
                             @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, Campaigns.MAX_LIMIT);
        CampaignStatus only = status == null || status.isBlank() ? null : CampaignStatus.fromWire(status)
                .orElseThrow(() -> new InvalidInputException("Unknown status '" + status + "' (draft, active, archived)"));
        Campaigns.Page result = campaigns.list(caller.require().workspaceId(), only, paging);
        return new CampaignPage(result.items().stream().map(CampaignView::of).toList(), PageMeta.of(paging, result.total()));
    }

    @GET
    @Path("{id}")
    @RequiresScope("posts:read")
    @Operation(summary = "Get a campaign by id, with its calendar, cadence and its posts' counts by status")
    public CampaignView get(@PathParam("id") String id) {
        return CampaignView.of(campaigns.get(caller.require().workspaceId(), Ids.parse(id, "Campaign")));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Edit a campaign and move its status (draft to active or archived, active to archived, archived back"
            + " to active); members left out stay as they are")
    public CampaignView update(@PathParam("id") String id, @NotNull JsonObject body) {
        return CampaignView.of(campaigns.update(caller.require().workspaceId(), Ids.parse(id, "Campaign"), CampaignBodies.details(body),
                CampaignBodies.status(body)));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("posts:write")
    @Operation(summary = "Archive a campaign (the record and its posts' links stay; it takes no new posts)")
    public CampaignView archive(@PathParam("id") String id) {
        return CampaignView.of(campaigns.archive(caller.require().workspaceId(), Ids.parse(id, "Campaign")));
    }

    @POST
    @Path("{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Schedule the campaign's draft posts along its calendar or a cadence under the workspace's windows, gap"
            + " and daily caps; dry_run previews the plan without writing")
    public ScheduleView schedule(@PathParam("id") String id, JsonObject body) {
        CampaignScheduling.Ask ask = CampaignBodies.ask(body);
        return ScheduleView.of(scheduling.schedule(caller.require().workspaceId(), Ids.parse(id, "Campaign"), ask), ask.dryRun());
    }
}
