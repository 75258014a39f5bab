package dev.syndicast.publishing.rest;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.core.entity.PageRequest;
import dev.syndicast.core.rest.Ids;
import dev.syndicast.core.rest.PageMeta;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.posts.rest.PostBodies;
import dev.syndicast.publishing.boundary.PublishJobs;
import dev.syndicast.publishing.boundary.SmartScheduling;
import dev.syndicast.publishing.entity.JobStatus;
import dev.syndicast.publishing.entity.PublishJob;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.control.RateTier;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RateLimited;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The schedule routes of the external API v1: the publish jobs and queue state, rescheduling, clearing attempts, missing
 * content, and the next available slots under the smart-scheduling rules.
 */
@Path("api/external/v1/schedule")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedule")
public class ScheduleResource {

    /** The largest page of publish jobs. */
    static final int MAX_LIMIT = 200;

    @Inject
    PublishJobs jobs;

    @Inject
    CallerContext caller;

    @Inject
    SmartScheduling smart;

    @JsonbNillable
    public record JobView(UUID id, UUID postId, UUID targetId, String status, Instant runAt, int attempts, int maxAttempts,
                          int checks, String idempotencyKey, String lastError, String externalId, String platformUrl,
                          Instant dispatchedAt, Instant completedAt, Instant createdAt) {

        static JobView of(PublishJob j) {
            return new JobView(j.getId(), j.getPostId(), j.getTargetId(), j.getStatus().wire(), j.getRunAt(), j.getAttempts(),
                    j.getMaxAttempts(), j.getChecks(), j.getIdempotencyKey(), j.getLastError(), j.getExternalId(),
                    j.getExternalUrl(), j.getDispatchedAt(), j.getCompletedAt(), j.getCreatedAt());
        }
    }

    public record SchedulePage(List<JobView> data, PageMeta meta, Map<String, Long> queue) {
    }

    public static class Reschedule {
        @Size(max = 64)
        public String scheduledAt;
        @Size(max = 64)
        public String runAt;
    }

    public record Cleared(String scope, int cleared) {
    }

    public record Missing(JobView job, String reason) {
    }

    public record MissingPage(List<Missing> data, int total) {
    }

    @GET
    @RequiresScope("schedule:read")
    @Operation(summary = "Publish jobs (earliest first) and queue state: job counts per status; filter status; page from 1, limit up to 200")
    public SchedulePage list(@QueryParam("status") String status, @QueryParam("page") Integer page,
                             @QueryParam("limit") Integer limit) {
        PageRequest paging = PageRequest.of(page, limit, MAX_LIMIT);
        PublishJobs.Page result = jobs.list(caller.require().workspaceId(), parse(status), paging);
        Map<String, Long> queue = new LinkedHashMap<>();
        result.counts().forEach((s, n) -> queue.put(s.wire(), n));
        return new SchedulePage(result.items().stream().map(JobView::of).toList(), PageMeta.of(paging, result.total()), queue);
    }

    @GET
    @Path("missing-content")
    @RequiresScope("schedule:read")
    @Operation(summary = "Queued jobs whose post has no content or whose media is missing, failed or still importing")
    public MissingPage missingContent() {
        List<Missing> missing = jobs.missingContent(caller.require().workspaceId()).stream()
                .map(m -> new Missing(JobView.of(m.job()), m.reason())).toList();
        return new MissingPage(missing, missing.size());
    }

    @JsonbNillable
    public record SlotView(String accountId, Instant scheduledAt, String reason) {
    }

    public record AvailableSlots(String platform, List<SlotView> slots) {
    }

    @GET
    @Path("available-slot")
    @RequiresScope("schedule:read")
    @Operation(summary = "The next slot(s) a new post could take on a platform (one account with account_id) under the workspace's"
            + " windows, gap and daily caps, with the reason; after (ISO-8601, default now), count 1-50 (default 1)")
    public AvailableSlots availableSlot(@QueryParam("platform") String platform, @QueryParam("account_id") String accountId,
                                        @QueryParam("after") String after, @QueryParam("count") String count) {
        SmartScheduling.Slots found = smart.availableSlots(caller.require().workspaceId(), platform, accountId,
                PostBodies.time(after, "after"), count(count));
        return new AvailableSlots(found.platform(), found.slots().stream()
                .map(s -> new SlotView(s.accountId().toString(), s.at(), s.reason())).toList());
    }

    /** One post of a smart batch: its content, the platforms to place it on, and the accounts some of them name. */
    public static class BatchPostBody {
        @Size(max = 70_000)
        public String text;
        @Size(max = 500)
        public String title;
        @Valid
        @Size(max = 50)
        public List<PostBodies.MediaBody> media;
        @Size(max = 100)
        public List<@Size(max = 200) String> hashtags;
        @Size(max = 50)
        public List<@Size(max = 32) String> platforms;
        /** Platform to account (Syndicast's id or the platform's own); others: the planner picks among the active ones. */
        @Size(max = 50)
        public Map<@Size(max = 32) String, @Size(max = 200) String> accounts;
        @Size(max = 200)
        public String sourceId;
        @Size(max = 200)
        public String sourceSystem;
        @Size(max = 100)
        public String language;
    }

    public static class SmartBatchBody {
        @Size(max = 64)
        public String notBefore;
        @Size(max = 64)
        public String notAfter;
        /** true: answer where the targets would go, writing nothing. */
        public Boolean dryRun;
        @Valid
        @Size(max = SmartScheduling.MAX_BATCH_TARGETS)
        public List<@NotNull BatchPostBody> posts;
    }

    @JsonbNillable
    public record BatchTarget(String id, String platform, String accountId, Instant scheduledAt, String reason) {
    }

    @JsonbNillable
    public record BatchPost(int index, String id, List<BatchTarget> targets) {
    }

    public record SmartBatch(boolean success, boolean dryRun, int posts, int targets, List<BatchPost> scheduledPosts) {
    }

    @POST
    @Path("smart-batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @RateLimited(RateTier.BULK)
    @Operation(summary = "Create many posts (up to 10,000 targets) at times the planner chooses, all placed together under the"
            + " workspace's windows, gap and daily caps; each target with its reason; dry_run answers without writing;"
            + " Server-Timing tells the load, plan and write times")
    public Response smartBatch(@Valid @NotNull SmartBatchBody body) {
        Caller who = caller.require();
        List<SmartScheduling.BatchItem> items = new ArrayList<>();
        for (BatchPostBody post : body.posts == null ? List.<BatchPostBody>of() : body.posts) {
            items.add(new SmartScheduling.BatchItem(new PostDraft(post.text, post.title, null, null,
                    PostBodies.MediaBody.toMedia(post.media), post.hashtags, null,
                    null, null, null, null, "scheduled", null, null, post.sourceId, post.sourceSystem, null, post.language,
                    null),
                    post.platforms, post.accounts));
        }
        boolean dryRun = Boolean.TRUE.equals(body.dryRun);
        SmartScheduling.BatchPlaced placed = smart.placeBatch(who.workspaceId(), who.actorName(), items,
                PostBodies.time(body.notBefore, "not_before"), PostBodies.time(body.notAfter, "not_after"), dryRun);
        List<BatchPost> posts = new ArrayList<>(items.size());
        int targets = 0;
        for (int i = 0; i < placed.placements().size(); i++) {
            List<Placement> placements = placed.placements().get(i);
            List<PostTarget> written = placed.posts() == null ? null : placed.posts().get(i).getTargets();
            List<BatchTarget> views = new ArrayList<>(placements.size());
            for (int t = 0; t < placements.size(); t++) {
                Placement p = placements.get(t);
                views.add(new BatchTarget(written == null ? null : written.get(t).getId().toString(), p.target().platform(),
                        p.accountId().toString(), p.at(), p.reason()));
            }
            targets += views.size();
            posts.add(new BatchPost(i, placed.posts() == null ? null : placed.posts().get(i).getId().toString(), views));
        }
        SmartScheduling.Timings timings = placed.timings();
        return Response.status(dryRun ? Response.Status.OK : Response.Status.CREATED)
                .entity(new SmartBatch(true, dryRun, posts.size(), targets, posts))
                .header("Server-Timing", serverTiming(timings)).build();
    }

    /** The W3C Server Timing header browsers and proxies show: {@code load;dur=..., plan;dur=..., write;dur=...} in milliseconds. */
    static String serverTiming(SmartScheduling.Timings timings) {
        return String.format(Locale.ROOT, "load;dur=%.1f;desc=\"lock accounts, read taken times\", plan;dur=%.1f, write;dur=%.1f",
                timings.loadNanos() / 1e6, timings.planNanos() / 1e6, timings.writeNanos() / 1e6);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("schedule:write")
    @Operation(summary = "Reschedule a queued (or failed) publish job: {\"scheduled_at\": ISO-8601}")
    public JobView reschedule(@PathParam("id") String id, @Valid @NotNull Reschedule body) {
        UUID jobId = Ids.parse(id, "Publish job");
        Instant at = PostBodies.time(body.scheduledAt != null ? body.scheduledAt : body.runAt, "scheduled_at");
        if (at == null) {
            throw new InvalidInputException("scheduled_at is required");
        }
        return JobView.of(jobs.reschedule(caller.require().workspaceId(), jobId, at));
    }

    @DELETE
    @Path("attempts")
    @RequiresScope("schedule:write")
    @Operation(summary = "Clear recent publish attempts: scope=failed (default) or all (failed and published); cancelled jobs stay")
    public Cleared clearAttempts(@QueryParam("scope") @DefaultValue("failed") String scope) {
        String s = scope.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("failed") && !s.equals("all")) {
            throw new InvalidInputException("scope must be failed or all");
        }
        return new Cleared(s, jobs.clearAttempts(caller.require().workspaceId(), s.equals("all")));
    }

    private static Integer count(String count) {
        if (count == null || count.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(count.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("count must be a whole number 1-" + SmartScheduling.MAX_SLOTS);
        }
    }

    private static JobStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Unknown job status '" + status + "' (pending, dispatched, publishing, "
                    + "outcome_unknown, published, failed, cancelled)");
        }
    }
}
