package dev.syndicast.media.rest;

import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.boundary.MediaLibrary;
import dev.syndicast.media.boundary.MediaPage;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.tenancy.rest.BodyLimit;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The media library of the external API v1: list, import by URL, bulk organise; plus item, download, thumbnail, delete, upload. */
@Path("api/external/v1/media-library")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "media-library")
public class MediaLibraryResource {

    @Inject
    MediaLibrary library;

    @Inject
    MediaImports imports;

    @Inject
    CallerContext caller;

    public record ImportBody(String sourceUrl, String altText, List<String> tags, String folderPath, Boolean async) {
    }

    public record PatchBody(UUID id, List<UUID> ids, List<String> tags, String folderPath, String altText) {
    }

    public record ItemEnvelope(MediaView item, boolean deduplicated) {
    }

    /** The list shape of the external API v1: the page in {@code data}, the paging in {@code meta}. */
    public record ListEnvelope(List<MediaView> data, PageMeta meta) {
    }

    public record PatchEnvelope(List<MediaView> data, int updated) {
    }

    @GET
    @RequiresScope("media-library:read")
    @Operation(summary = "List media items; filters ?folder=, ?tag=, ?status=, ?type=; pages ?page= (from 1) and ?limit= (max 100)")
    public ListEnvelope list(@QueryParam("folder") String folder, @QueryParam("tag") String tag,
                             @QueryParam("status") String status, @QueryParam("type") String type,
                             @QueryParam("page") Integer page, @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, MediaLibrary.MAX_LIMIT);
        MediaPage result = library.list(workspace(), folder, tag, status, type, paging);
        return new ListEnvelope(result.items().stream().map(MediaView::of).toList(), PageMeta.of(paging, result.total()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("media-library:write")
    @Operation(summary = "Import a file from source_url: 201 new, 200 already in the library, 202 continuing in the background")
    public Response importFromUrl(ImportBody body) {
        ImportBody request = body == null ? new ImportBody(null, null, null, null, null) : body;
        MediaOutcome outcome = imports.importFromUrl(workspace(), new MediaImports.ImportRequest(request.sourceUrl(),
                new MediaItem.Metadata(request.altText(), request.tags(), request.folderPath()), Boolean.TRUE.equals(request.async())));
        return outcomeResponse(outcome);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("media-library:write")
    @Operation(summary = "Set tags, folder_path and/or alt_text of the items named by id or ids")
    public PatchEnvelope update(PatchBody body) {
        if (body == null) {
            throw new InvalidInputException("Pass id or ids and the fields to change");
        }
        List<UUID> ids = new ArrayList<>();
        if (body.id() != null) {
            ids.add(body.id());
        }
        if (body.ids() != null) {
            ids.addAll(body.ids());
        }
        List<MediaView> items = library.update(workspace(), ids,
                new MediaItem.Metadata(body.altText(), body.tags(), body.folderPath())).stream().map(MediaView::of).toList();
        return new PatchEnvelope(items, items.size());
    }

    @POST
    @Path("upload")
    // Any type matches, so the key is checked before the body's type: the boundary refuses non-multipart bodies (400).
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @RequiresScope("media-library:write")
    @Operation(summary = "Upload a file as multipart/form-data (part 'file'; fields alt_text, tags, folder_path)")
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers, InputStream body) {
        return outcomeResponse(imports.upload(workspace(), contentType, BodyLimit.declaredLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)), body));
    }

    @GET
    @Path("{id}")
    @RequiresScope("media-library:read")
    @Operation(summary = "One media item (poll it while status is uploading or processing)")
    public MediaView item(@PathParam("id") String id) {
        return MediaView.of(library.find(workspace(), Ids.parse(id, "Media item")));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("media-library:write")
    @Operation(summary = "Delete an item and, unless another item shares it, its file")
    public Response delete(@PathParam("id") String id) {
        library.delete(workspace(), Ids.parse(id, "Media item"));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/download")
    @Produces(MediaType.WILDCARD)
    @RequiresScope("media-library:read")
    @Operation(summary = "The item's bytes with its content type; supports Range requests")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range,
                             @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return ContentResponses.serve(library.content(workspace(), Ids.parse(id, "Media item")), range, ifRange, request);
    }

    @GET
    @Path("{id}/thumbnail")
    @Produces(MediaType.WILDCARD)
    @RequiresScope("media-library:read")
    @Operation(summary = "A JPEG frame of a video item")
    public Response thumbnail(@PathParam("id") String id, @HeaderParam("Range") String range,
                              @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return ContentResponses.serve(library.thumbnail(workspace(), Ids.parse(id, "Media item")), range, ifRange, request);
    }

    static Response outcomeResponse(MediaOutcome outcome) {
        MediaView view = MediaView.of(outcome.item());
        URI location = URI.create(MediaView.BASE + view.id());
        return switch (outcome.disposition()) {
            case CREATED -> Response.created(location).entity(new ItemEnvelope(view, false)).build();
            case EXISTING -> Response.ok(new ItemEnvelope(view, true)).location(location).build();
            case ACCEPTED -> Response.accepted(new ItemEnvelope(view, false)).location(location).build();
        };
    }

    private UUID workspace() {
        return caller.require().workspaceId();
    }

}
