package dev.syndicast.system.rest;

import dev.syndicast.scheduling.boundary.Tasks;
import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.rest.TasksResource.TaskView;
import dev.syndicast.system.control.SelfTestHandler;
import dev.syndicast.tenancy.rest.OperatorRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code POST /api/system/selftest}: schedules the self-test task, which travels the whole path (database, timer,
 * JMS, MDB), and answers the task to poll at {@code /api/system/tasks/{id}}. A class of the system capability, which
 * owns the self-test and sits above the task machinery; its literal path is longer than the task routes'
 * {@code api/system}, so JAX-RS picks it for this path.
 */
@Path("api/system/selftest")
@RequestScoped
@RequiresScope("*")
@OperatorRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class SelfTestResource {

    @Inject
    Tasks tasks;

    @Inject
    Clock clock;

    /**
     * Request bodies are classes with constrained fields, not records: Payara's OpenAPI scanner fails with an NPE
     * on bean-validation annotations that records copy onto their constructor parameters (payara/Payara#7649).
     */
    public static class SelfTestRequest {
        @Size(max = 1000)
        public String payload;
        @Min(0)
        @Max(86_400)
        public Integer delaySeconds;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a self-test task (database, timer, JMS, MDB) and return it for polling")
    public Response selfTest(@Valid SelfTestRequest request) {
        SelfTestRequest body = request == null ? new SelfTestRequest() : request;
        Instant runAt = clock.instant().plusSeconds(body.delaySeconds == null ? 0 : body.delaySeconds);
        ScheduledTask task = tasks.schedule(SelfTestHandler.KIND, body.payload, runAt);
        return Response.accepted(TaskView.of(task)).location(URI.create("/api/system/tasks/" + task.getId())).build();
    }
}
