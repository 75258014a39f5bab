package dev.syndicast.tenancy.rest;

import dev.syndicast.core.rest.RequestLog;
import dev.syndicast.tenancy.boundary.AuditLog;
import dev.syndicast.tenancy.control.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Set;

/**
 * Writes the audit log for every write through the API, in one place: any authenticated request with a
 * writing method that got past authorisation and the rate limit is recorded with its caller, workspace,
 * action (method and route template), target, status and the route's summary. Bodies are never recorded:
 * they may hold keys or passwords.
 */
@Provider
@Priority(Priorities.USER)
public class AuditTrail implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Context
    ResourceInfo resourceInfo;

    @Inject
    AuditLog auditLog;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod())
                || !(request.getProperty(ApiKeyFilter.CALLER_PROPERTY) instanceof Caller caller)) {
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        String template = RouteRules.path(resourceInfo.getResourceClass(), method);
        Object requestId = request.getProperty(RequestLog.REQUEST_ID);
        auditLog.record(caller, request.getMethod() + " " + template, target(request, response),
                response.getStatus(), RouteRules.summary(method), requestId == null ? null : requestId.toString());
    }

    /** What the write touched: the created resource, else the addressed one. */
    static String target(ContainerRequestContext request, ContainerResponseContext response) {
        URI location = response.getLocation();
        if (location != null) {
            return location.getPath();
        }
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        Object id = HttpMethod.POST.equals(request.getMethod()) ? idOf(response.getEntity()) : null;
        return id == null ? path : path + "/" + id;
    }

    /** The {@code id} of a record reply, so a creation names what it created. */
    static Object idOf(Object entity) {
        if (entity == null || !entity.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : entity.getClass().getRecordComponents()) {
            if (component.getName().equals("id")) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.trySetAccessible();
                    return accessor.invoke(entity);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Record accessor failed for " + entity.getClass(), e);
                }
            }
        }
        return null;
    }
}
