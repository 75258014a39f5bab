package dev.syndicast.core.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One structured line per request ({@code key=value}), and an {@code X-Request-Id} header that ties a
 * reply to its log line. Query strings are never logged: they may carry secrets.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger("dev.syndicast.http");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        String incoming = request.getHeaderString(REQUEST_ID);
        String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        request.setProperty(REQUEST_ID, id);
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(REQUEST_ID);
        Object started = request.getProperty(STARTED);
        if (id != null) {
            response.getHeaders().putSingle(REQUEST_ID, id);
        }
        long micros = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1000 : -1;
        LOG.info(() -> "event=http_request method=" + request.getMethod()
                + " path=/" + request.getUriInfo().getPath()
                + " status=" + response.getStatus()
                + " duration_ms=" + (micros / 1000.0)
                + " request_id=" + id);
    }
}
