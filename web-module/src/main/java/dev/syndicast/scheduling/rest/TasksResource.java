package dev.syndicast.scheduling.rest;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.scheduling.boundary.Tasks;
import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.entity.TaskStatus;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Operator routes for the task machinery. {@code POST /api/system/selftest} schedules a task that
 * travels the whole path (database, timer, JMS, MDB) and can be polled until it is done.
 */
@Path("api/system")
@RequestScoped
@RequiresScope("*")
@OperatorRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
public class TasksResource {

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

    public record TaskView(UUID id, String kind, String status, Instant runAt, int attempts, int maxAttempts,
                           int deliveries, String result, String lastError, Instant createdAt, Instant completedAt) {

        static TaskView of(ScheduledTask t) {
            return new TaskView(t.getId(), t.getKind(), t.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                    t.getRunAt(), t.getAttempts(), t.getMaxAttempts(), t.getDeliveries(), t.getResult(),
                    t.getLastError(), t.getCreatedAt(), t.getCompletedAt());
        }
    }

    @POST
    @Path("selftest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a self-test task (database, timer, JMS, MDB) and return it for polling")
    public Response selfTest(@Valid SelfTestRequest request) {
        SelfTestRequest body = request == null ? new SelfTestRequest() : request;
        Instant runAt = clock.instant().plusSeconds(body.delaySeconds == null ? 0 : body.delaySeconds);
        ScheduledTask task = tasks.schedule(SelfTestHandler.KIND, body.payload, runAt);
        return Response.accepted(TaskView.of(task)).location(URI.create("/api/system/tasks/" + task.getId())).build();
    }

    @GET
    @Path("tasks/{id}")
    @Operation(summary = "One task and its outcome")
    public TaskView task(@PathParam("id") String id) {
        return TaskView.of(tasks.find(Ids.parse(id, "Task")).orElseThrow(() -> new NotFoundException("Task not found: " + id)));
    }

    @DELETE
    @Path("tasks/{id}")
    @Operation(summary = "Cancel a task that has not finished")
    public TaskView cancel(@PathParam("id") String id) {
        return TaskView.of(tasks.cancel(Ids.parse(id, "Task")));
    }

    @GET
    @Path("tasks")
    @Operation(summary = "How many tasks are in each state")
    public Map<TaskStatus, Long> summary() {
        return tasks.countByStatus();
    }

}
