package dev.syndicast.media.rest;

import dev.syndicast.tenancy.rest.BodyLimit;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** {@code POST media/upload} of the external API v1, kept for existing clients: the same upload as {@code media-library/upload}. */
@Path("api/external/v1/media/upload")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "media-library")
public class MediaUploadResource {

    @Inject
    MediaImports imports;

    @Inject
    CallerContext caller;

    @POST
    // Any type matches, so the key is checked before the body's type: the boundary refuses non-multipart bodies (400).
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @RequiresScope("media-library:write")
    @Operation(summary = "Upload a file as multipart/form-data (part 'file'; fields altText/alt_text, tags, folder_path); max 512 MB by default")
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers, InputStream body) {
        return MediaLibraryResource.outcomeResponse(imports.upload(caller.require().workspaceId(), contentType, BodyLimit.declaredLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)), body));
    }
}
