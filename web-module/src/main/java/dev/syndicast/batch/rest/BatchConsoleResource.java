package dev.syndicast.batch.rest;

import dev.syndicast.batch.boundary.BatchJobs;
import dev.syndicast.batch.control.JobCatalog;
import dev.syndicast.batch.entity.BatchItemResult;
import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.entity.AccessDeniedException;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The batch console (issue 7): the jobs on offer, starting them, their executions with step metrics, stop,
 * restart, abandon, per-item results and a downloadable error report. Reading needs {@code settings:read},
 * acting {@code settings:write}; starting a job needs the job's own scope as well ({@code media-library:write}
 * for media imports, {@code *} for housekeeping). Executions belong to the workspace that started them.
 */
@Path("api/external/v1/batch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch")
public class BatchConsoleResource {

    static final int EXECUTIONS_DEFAULT_LIMIT = 20;
    static final int EXECUTIONS_MAX_LIMIT = 100;

    @Inject
    BatchJobs batchJobs;

    @Inject
    CallerContext caller;

    /** A class, not a record: Payara's OpenAPI scanner fails on constraints in records (see README). */
    public static class StartRequest {
        /** Values as JSON: a job parameter is a string, and a number or boolean is taken as its text. */
        @Size(max = 50)
        public Map<String, JsonValue> parameters;
    }

    public record Started(long executionId, String jobName) {
    }

    public record Uploaded(String uploadId, long bytes) {
    }

    public record ResultView(long itemNumber, String item, String outcome, String detail, String reference, Instant recordedAt) {
        static ResultView of(BatchItemResult r) {
            return new ResultView(r.getKey().itemNumber(), r.getItem(), r.getOutcome(), r.getDetail(), r.getReference(), r.getRecordedAt());
        }
    }

    public record ResultsView(long executionId, long instanceId, Map<String, Long> counts, List<ResultView> items) {
    }

    /** A null, object or array parameter used to reach the job operator and fail there as a 500. */
    static Map<String, String> texts(Map<String, JsonValue> parameters) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                // JSON-B reads an array into a map with null keys: not the object of names this route needs.
                throw new FieldRejectedException("parameters", "must be an object of named string values");
            }
            String text = value instanceof JsonString string ? string.getString()
                    : value != null && switch (value.getValueType()) {
                        case NUMBER, TRUE, FALSE -> true;
                        default -> false;
                    } ? value.toString() : null;
            if (text == null) {
                throw new FieldRejectedException("parameters." + key, "must be a string, number or boolean");
            }
            texts.put(key, text);
        });
        return texts;
    }

    @GET
    @Path("jobs")
    @RequiresScope("settings:read")
    @Operation(summary = "The jobs on offer with their parameters and defaults (read from the job XML)")
    public List<JobCatalog.Job> jobs() {
        return batchJobs.catalog();
    }

    @POST
    @Path("uploads")
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    @RequiresScope("settings:write")
    @Operation(summary = "Store a CSV for a job (streamed to disk); pass the upload_id as the job's file parameter")
    public Response upload(InputStream body) {
        BatchJobs.Upload upload = batchJobs.upload(workspace(), body);
        return Response.status(201).entity(new Uploaded(upload.uploadId(), upload.bytes())).build();
    }

    @POST
    @Path("jobs/{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("settings:write")
    @Operation(summary = "Start a job with parameters; answers 202 with the execution id at once")
    public Response start(@PathParam("name") String name, @Valid StartRequest request) {
        Caller who = caller.require();
        JobCatalog.Job job = JobCatalog.get(name);
        if (!who.has(job.scope())) {
            throw new AccessDeniedException("Starting " + name + " needs the scope '" + job.scope() + "' as well");
        }
        if (job.scope().equals(Caller.ALL_SCOPES) && !who.isOperator()) {
            // Housekeeping acts on what every tenant shares: the installation's operator only.
            throw new AccessDeniedException("Starting " + name + " is for the installation's operator (an admin key of the default workspace)");
        }
        Map<String, String> parameters = request == null || request.parameters == null ? Map.of() : texts(request.parameters);
        long id = batchJobs.start(who.workspaceId(), name, parameters);
        return Response.accepted(new Started(id, name)).location(URI.create("/api/external/v1/batch/executions/" + id)).build();
    }

    @GET
    @Path("executions")
    @RequiresScope("settings:read")
    @Operation(summary = "The workspace's executions, newest first, with status, times and step metrics; filter by job")
    public List<BatchJobs.Execution> executions(@QueryParam("job") String job, @QueryParam("page") Integer page,
                                                @QueryParam("limit") Integer limit) {
        return batchJobs.executions(workspace(), job, PageRequest.of(page, limit, EXECUTIONS_DEFAULT_LIMIT, EXECUTIONS_MAX_LIMIT));
    }

    @GET
    @Path("executions/{id}")
    @RequiresScope("settings:read")
    @Operation(summary = "One execution with its steps' metrics (read, write, skip, commit, rollback)")
    public BatchJobs.Execution execution(@PathParam("id") String id) {
        return batchJobs.execution(workspace(), executionId(id));
    }

    @POST
    @Path("executions/{id}/stop")
    @RequiresScope("settings:write")
    @Operation(summary = "Ask a running execution to stop after its current chunk")
    public BatchJobs.Execution stop(@PathParam("id") String id) {
        batchJobs.stop(workspace(), executionId(id));
        return batchJobs.execution(workspace(), executionId(id));
    }

    @POST
    @Path("executions/{id}/restart")
    @RequiresScope("settings:write")
    @Operation(summary = "Restart a failed or stopped execution from its last checkpoint; answers the new execution")
    public Response restart(@PathParam("id") String id) {
        long restarted = batchJobs.restart(workspace(), executionId(id));
        return Response.accepted(batchJobs.execution(workspace(), restarted))
                .location(URI.create("/api/external/v1/batch/executions/" + restarted)).build();
    }

    @POST
    @Path("executions/{id}/abandon")
    @RequiresScope("settings:write")
    @Operation(summary = "Abandon a stopped or failed execution so it can never be restarted")
    public BatchJobs.Execution abandon(@PathParam("id") String id) {
        batchJobs.abandon(workspace(), executionId(id));
        return batchJobs.execution(workspace(), executionId(id));
    }

    @GET
    @Path("executions/{id}/results")
    @RequiresScope("settings:read")
    @Operation(summary = "What the job did with each item (errors_only=true for the failures)")
    public ResultsView results(@PathParam("id") String id, @QueryParam("errors_only") boolean errorsOnly) {
        BatchJobs.Results results = batchJobs.results(workspace(), executionId(id), errorsOnly);
        return new ResultsView(results.executionId(), results.instanceId(), results.counts(),
                results.items().stream().map(ResultView::of).toList());
    }

    @GET
    @Path("executions/{id}/errors")
    @Produces("text/csv")
    @RequiresScope("settings:read")
    @Operation(summary = "The error report as CSV: item number, item, reason (cells a spreadsheet would run are defused)")
    public Response errorReport(@PathParam("id") String id) {
        long executionId = executionId(id);
        List<BatchItemResult> errors = batchJobs.results(workspace(), executionId, true).items();
        StreamingOutput csv = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("item_number,item,reason\r\n");
            for (BatchItemResult e : errors) {
                writer.write(e.getKey().itemNumber() + "," + CsvCells.cell(e.getItem()) + "," + CsvCells.cell(e.getDetail()) + "\r\n");
            }
            writer.flush();
        };
        return Response.ok(csv).header("Content-Disposition", "attachment; filename=\"errors_" + executionId + ".csv\"").build();
    }

    private UUID workspace() {
        return caller.require().workspaceId();
    }

    private static long executionId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Unknown job execution: " + id);
        }
    }
}
