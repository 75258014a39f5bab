package dev.syndicast.core.rest;

import dev.syndicast.core.entity.FieldRejectedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * A query parameter holding a NUL character ({@code %00}) is 422 naming the parameter, on every route: PostgreSQL
 * cannot store or compare such text, and a search filter carrying one used to fail there as a 500. Runs after
 * authentication, so an anonymous caller still gets its 401 first.
 */
@Provider
@Priority(Priorities.USER)
public class NulQueryGuard implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            boolean nul = parameter.getKey().indexOf('\0') >= 0
                    || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0);
            if (nul) {
                throw new FieldRejectedException(parameter.getKey().replace('\0', '?'), "must not contain NUL characters");
            }
        }
    }
}
