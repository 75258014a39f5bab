package dev.syndicast.media.rest;

import dev.syndicast.media.boundary.ContentFolders;
import dev.syndicast.media.entity.ContentFolder;
import dev.syndicast.media.entity.FolderScope;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The external API v1's content folders: posts or media-library scopes, for folders of either tree. */
@Path("api/external/v1/content-folders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "content-folders")
public class ContentFoldersResource {

    @Inject
    ContentFolders folders;

    @Inject
    CallerContext caller;

    public record FolderBody(String scope, String name, String parentPath, String folderPath) {
    }

    public record FolderView(UUID id, String scope, String name, String parentPath, String folderPath, Instant createdAt) {

        static FolderView of(ContentFolder f) {
            return new FolderView(f.getId(), f.getScope().wireName(), f.getName(), f.getParentPath(), f.getPath(), f.getCreatedAt());
        }
    }

    public record FolderList(String scope, List<FolderView> folders) {
    }

    @GET
    @RequiresScope({"posts:read", "media-library:read"})
    @Operation(summary = "Explicit folders of ?scope=posts or ?scope=media")
    public FolderList list(@QueryParam("scope") String scope) {
        FolderScope parsed = FolderScope.parse(scope);
        return new FolderList(parsed.wireName(),
                folders.list(caller.require().workspaceId(), parsed).stream().map(FolderView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope({"posts:write", "media-library:write"})
    @Operation(summary = "Create a folder: scope plus folder_path, or name with an optional parent_path (201 new, 200 existing)")
    public Response create(FolderBody body) {
        FolderBody request = body == null ? new FolderBody(null, null, null, null) : body;
        ContentFolders.Created created = folders.create(caller.require().workspaceId(), FolderScope.parse(request.scope()),
                request.name(), request.parentPath(), request.folderPath());
        return Response.status(created.created() ? 201 : 200).entity(FolderView.of(created.folder())).build();
    }
}
