package dev.syndicast.media.rest;

import dev.syndicast.tenancy.rest.BodyLimit;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.media.boundary.SignedUpload;
import dev.syndicast.media.boundary.SignedUploads;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.PublicRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed upload URLs of the external API v1 ({@code uploads/posts/sign}): a key holder asks for a URL, anyone holding the URL
 * may PUT one file to it before it expires. The PUT needs no key: the HMAC signature is its authorisation.
 */
@Path("api/external/v1/uploads")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "uploads")
public class UploadsResource {

    @Inject
    SignedUploads uploads;

    @Inject
    CallerContext caller;

    /** Behind a proxy the request's own URL is not the one the uploader can reach. */
    @Inject
    @ConfigProperty(name = "syndicast.public-url")
    Optional<String> publicUrl;

    public record SignBody(String filename, String contentType, Long size, Long expiresIn, String altText,
                           List<String> tags, String folderPath) {
    }

    public record SignedView(UUID id, String uploadUrl, String method, Instant expiresAt, long maxBytes) {
    }

    @POST
    @Path("posts/sign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Create a signed URL that accepts one PUT of one file (expires; default 15 minutes)")
    public Response sign(SignBody body, @Context UriInfo uriInfo) {
        SignBody request = body == null ? new SignBody(null, null, null, null, null, null, null) : body;
        SignedUpload signed = uploads.createUploadUrl(caller.require().workspaceId(), new SignedUploads.UploadUrlRequest(
                request.filename(), request.size(), request.expiresIn(),
                new MediaItem.Metadata(request.altText(), request.tags(), request.folderPath())));
        String base = publicUrl.filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "") + "/")
                .orElse(uriInfo.getBaseUri().toString());
        String url = base + signed.path();
        return Response.status(201).entity(new SignedView(signed.id(), url, "PUT", signed.expiresAt(), signed.maxBytes())).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @PublicRoute
    @Operation(summary = "Upload the file to a signed URL (the raw bytes as the body); usable once")
    public Response put(@PathParam("id") String id, @QueryParam("expires") Long expires,
                        @QueryParam("signature") String signature, @Context HttpHeaders headers, InputStream body) {
        UUID grantId;
        try {
            grantId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Upload URL not found");
        }
        if (expires == null || signature == null) {
            throw new MediaRejectedException(MediaRejectedException.Reason.BAD_SIGNATURE,
                    "The upload URL lacks its expires and signature parameters");
        }
        return MediaLibraryResource.outcomeResponse(uploads.receiveSignedUpload(grantId, expires, signature, BodyLimit.declaredLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)), body));
    }
}
