package dev.syndicast.testsupport;

import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Lets black-box tests set the server's public base URL ({@code POST /test-support/public-base?url=http://127.0.0.1:port},
 * {@code ?reset=true}) through {@link SettablePublicBase}. Exists only in test deployments.
 */
@Path("test-support/public-base")
@RequestScoped
@PublicRoute
public class PublicBaseResource {

    @Inject
    SettablePublicBase base;

    @POST
    public Response set(@QueryParam("url") String url, @QueryParam("reset") boolean reset) {
        base.set(reset ? null : url);
        return Response.noContent().build();
    }
}
