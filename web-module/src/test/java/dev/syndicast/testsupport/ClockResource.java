package dev.syndicast.testsupport;

import dev.syndicast.tenancy.rest.PublicRoute;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.Duration;

/**
 * Lets black-box tests move the server's {@link MovableClock} ({@code POST /test-support/clock?advance=PT16M},
 * {@code ?reset=true}). Exists only in test deployments ({@link Deployments#withTestSupport}).
 */
@Path("test-support/clock")
@RequestScoped
@PublicRoute
public class ClockResource {

    @Inject
    MovableClock clock;

    @POST
    public Response move(@QueryParam("advance") String advance, @QueryParam("reset") boolean reset) {
        if (reset) {
            clock.reset();
        }
        if (advance != null) {
            clock.advance(Duration.parse(advance));
        }
        return Response.ok("{\"now\":\"" + clock.instant() + "\"}").type("application/json").build();
    }
}
