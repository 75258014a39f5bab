package dev.syndicast.media.rest;

import dev.syndicast.media.boundary.PublicMediaUrls;
import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signed public media URLs: platforms that fetch media by URL (Threads, later Instagram, TikTok, YouTube) read a
 * library item here with no key; the signed, expiring token is the authorisation. There is no listing: only a token's
 * one item is served, and every bad token is the same 404.
 */
@Path("media/public")
@RequestScoped
@PublicRoute
@Tag(name = "media")
public class PublicMediaResource {

    @Inject
    PublicMediaUrls urls;

    @GET
    @Path("{token}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A media item's bytes through a signed, expiring URL handed to a platform; supports Range requests")
    public Response serve(@PathParam("token") String token, @HeaderParam("Range") String range,
                          @HeaderParam("If-Range") String ifRange, @Context Request request) {
        return ContentResponses.serve(urls.open(token), range, ifRange, request);
    }
}
