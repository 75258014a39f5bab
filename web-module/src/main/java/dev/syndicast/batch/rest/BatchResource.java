package dev.syndicast.batch.rest;

import dev.syndicast.batch.boundary.BatchJobs;
import dev.syndicast.tenancy.rest.OperatorRoute;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.util.Map;

/** Admin routes to start a batch job and follow its execution (the batch console grows from here). */
@Path("api/system/batch")
@RequestScoped
@RequiresScope("*")
@OperatorRoute
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch")
public class BatchResource {

    @Inject
    BatchJobs batchJobs;

    /** A class, not a record: see {@code TasksResource.SelfTestRequest}. */
    public static class StartRequest {
        @Size(max = 50)
        public Map<String, String> parameters;
    }

    public record Started(long executionId, String jobName) {
    }

    @POST
    @Path("jobs/{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a batch job with parameters; returns the execution id at once")
    public Response start(@PathParam("name") String name, @jakarta.validation.Valid StartRequest request) {
        Map<String, String> parameters = request == null || request.parameters == null ? Map.of() : request.parameters;
        long id = batchJobs.start(name, parameters);
        return Response.accepted(new Started(id, name)).location(URI.create("/api/system/batch/executions/" + id)).build();
    }

    @GET
    @Path("executions/{id}")
    @Operation(summary = "Status of one execution with its steps' metrics (read, write, skip, commit, rollback)")
    public BatchJobs.Execution execution(@PathParam("id") long id) {
        return batchJobs.execution(id);
    }
}
