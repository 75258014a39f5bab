package dev.syndicast.rendering.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.rendering.boundary.RenderSessions;
import dev.syndicast.rendering.boundary.SessionPage;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RateLimited;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The video generation API's {@code /videos} routes, in the wire shape its existing clients read (a list pages with
 * {@code page} and {@code page_size} and answers {@code total_count}); sessions are the caller's workspace's.
 */
@Path("videos")
// Polling a render is not generating one: reads count as standard requests, only generate is an AI request.
@RateLimited(RateTier.STANDARD)
@RequestScoped
@RequiresScope("ai:generate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "videos")
public class VideosResource {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    @Inject
    RenderSessions sessions;

    @Inject
    CallerContext caller;

    @POST
    @Path("generate")
    @RateLimited(RateTier.AI)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start generating a video from a prompt")
    public VideoViews.GenerateResponse generate(@NotNull(message = "A JSON body with a prompt is required") @Valid GenerateRequest request) {
        return VideoViews.GenerateResponse.of(sessions.generate(workspace(), request.toCommand()));
    }

    @GET
    @Path("{session_id}/status")
    @Operation(summary = "Status of a session")
    public VideoViews.SessionView status(@PathParam("session_id") String id) {
        return VideoViews.SessionView.of(sessions.status(workspace(), id));
    }

    @GET
    @Path("{session_id}/progress")
    @Operation(summary = "Stage-by-stage progress of a session")
    public VideoViews.ProgressView progress(@PathParam("session_id") String id) {
        return VideoViews.ProgressView.of(sessions.progress(workspace(), id));
    }

    @GET
    @Path("{session_id}/download")
    @Produces({"video/mp4", MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the finished video (video/mp4; Range requests give 206)")
    public Response download(@PathParam("session_id") String id, @HeaderParam("Range") String range) {
        java.nio.file.Path file = sessions.video(workspace(), id);
        return VideoDownload.of(file, "video_" + id + ".mp4", range);
    }

    @DELETE
    @Path("{session_id}")
    @Operation(summary = "Cancel a session; stops a running ffmpeg. keep_files=true keeps its intermediate files")
    public VideoViews.CancelResponse cancel(@PathParam("session_id") String id, @QueryParam("keep_files") boolean keepFiles) {
        return new VideoViews.CancelResponse("Session cancelled successfully",
                sessions.cancel(workspace(), id, keepFiles).getId().toString());
    }

    @GET
    @Operation(summary = "List sessions, newest first, filtered by user_id and status, in pages")
    public VideoViews.SessionList list(@QueryParam("user_id") String userId, @QueryParam("status") String status,
                                       @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        PageRequest paging = PageRequest.of(integer("page", page, 1), integer("page_size", pageSize, DEFAULT_PAGE_SIZE),
                DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "page_size");
        SessionPage result = sessions.list(workspace(), userId, status, paging);
        return new VideoViews.SessionList(result.sessions().stream().map(VideoViews.SessionView::of).toList(),
                result.totalCount(), result.page(), result.pageSize());
    }

    private UUID workspace() {
        return caller.require().workspaceId();
    }

    /** Query integers by hand, so that a value that is not one gets this API's own 400 message naming the parameter. */
    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be an integer");
        }
    }

    static Response validationError(String field, String message) {
        return ErrorBody.response(422, ErrorBody.errorName(422), message,
                java.util.List.of(new ErrorBody.FieldError(field, message)));
    }
}
