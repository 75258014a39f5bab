package dev.syndicast.scheduling.rest;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.scheduling.boundary.Tasks;
import dev.syndicast.scheduling.entity.ScheduledTask;
import dev.syndicast.scheduling.entity.TaskStatus;
import dev.syndicast.tenancy.rest.OperatorRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Operator routes for the task machinery: one task and its outcome, cancelling it, counts by state. The self-test
 * that schedules a task through the whole path is the system capability's ({@code system.rest.SelfTestResource}).
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

    public record TaskView(UUID id, String kind, String status, Instant runAt, int attempts, int maxAttempts,
                           int deliveries, String result, String lastError, Instant createdAt, Instant completedAt) {

        public static TaskView of(ScheduledTask t) {
            return new TaskView(t.getId(), t.getKind(), t.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                    t.getRunAt(), t.getAttempts(), t.getMaxAttempts(), t.getDeliveries(), t.getResult(),
                    t.getLastError(), t.getCreatedAt(), t.getCompletedAt());
        }
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
