package dev.syndicast.posts.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.posts.boundary.Posts;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.UUID;

/** The posts routes of the external API v1, under {@code /api/external/v1/posts}. */
@Path("api/external/v1/posts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "posts")
public class PostsResource {

    @Inject
    Posts posts;

    @Inject
    CallerContext caller;

    @Inject
    Idempotent idempotent;

    public record PostPage(List<PostView> data, PageMeta meta) {
    }

    @GET
    @RequiresScope("posts:read")
    @Operation(summary = "List posts, newest first; filters status, folder (and its subfolders), tag, source_id, campaign_id;"
            + " page from 1, limit up to 200")
    public PostPage list(@QueryParam("status") String status, @QueryParam("folder") String folder, @QueryParam("tag") String tag,
                         @QueryParam("source_id") String sourceId, @QueryParam("campaign_id") String campaignId,
                         @QueryParam("page") Integer page, @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, Posts.MAX_LIMIT);
        Posts.Page result = posts.list(caller.require().workspaceId(), status, folder, tag, sourceId, campaignFilter(campaignId),
                paging);
        return new PostPage(result.items().stream().map(PostView::of).toList(), PageMeta.of(paging, result.total()));
    }

    /** A campaign id to filter by (another workspace's matches none of the caller's posts); malformed is 400. */
    private static UUID campaignFilter(String campaignId) {
        if (campaignId == null || campaignId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(campaignId.strip());
        } catch (IllegalArgumentException notAnId) {
            throw new InvalidInputException("campaign_id must be the id of a campaign");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Create a post (draft, or scheduled when it has targets); validated against each platform's limits; honours Idempotency-Key;"
            + " warnings name the scheduling rules explicit times break")
    public Response create(@HeaderParam(Idempotent.HEADER) String key, @Valid @NotNull PostBodies.PostBody body) {
        return idempotent.run(key, "POST /api/external/v1/posts", body, () -> {
            Caller who = caller.require();
            Posts.Written written = posts.createWithWarnings(who.workspaceId(), who.actorName(), body.toDraft());
            return Response.created(URI.create("/api/external/v1/posts/" + written.post().getId())).entity(PostView.of(written)).build();
        });
    }

    @GET
    @Path("{id}")
    @RequiresScope("posts:read")
    @Operation(summary = "Get a post by id, with its targets and their status")
    public PostView get(@PathParam("id") String id) {
        return PostView.of(posts.get(caller.require().workspaceId(), Ids.parse(id, "Post")));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Update a post that has not started publishing; a new time or targets move or cancel its queued jobs at once;"
            + " warnings name the scheduling rules explicit times break")
    public PostView update(@PathParam("id") String id, @Valid @NotNull PostBodies.PostBody body) {
        return PostView.of(posts.updateWithWarnings(caller.require().workspaceId(), Ids.parse(id, "Post"), body.toDraft()));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("posts:write")
    @Operation(summary = "Delete a post: it is cancelled with its queued jobs (the record stays)")
    public PostView delete(@PathParam("id") String id) {
        return PostView.of(posts.delete(caller.require().workspaceId(), Ids.parse(id, "Post")));
    }

    @POST
    @Path("{id}/publish-now")
    @RequiresScope("posts:publish")
    @Operation(summary = "Queue immediate publishing of every waiting target of a post")
    public Response publishNow(@PathParam("id") String id) {
        return Response.accepted(PostView.of(posts.publishNow(caller.require().workspaceId(), Ids.parse(id, "Post")))).build();
    }
}
