package dev.syndicast.publishing.rest;

import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostTarget;
import dev.syndicast.posts.entity.TargetStatus;
import dev.syndicast.posts.rest.Idempotent;
import dev.syndicast.posts.rest.PostBodies;
import dev.syndicast.posts.rest.ScheduleWarningView;
import dev.syndicast.publishing.boundary.ExternalScheduling;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The external scheduling API, in the wire shape its existing clients and their examples use: submit, bulk-schedule,
 * status by source_id, and smart-schedule (submit at times the planner chooses).
 */
@Path("api/external")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "external")
public class ExternalSchedulingResource {

    @Inject
    ExternalScheduling scheduling;

    @Inject
    CallerContext caller;

    @Inject
    Idempotent idempotent;

    public static class TargetBody {
        @Size(max = 32)
        public String platform;
        @Size(max = 200)
        public String accountId;
        @Size(max = 64)
        public String scheduledAt;
        @Size(max = 500)
        public String title;
        @Size(max = 70_000)
        public String caption;
        /** The target's platform options, as on {@code POST /posts} (checked by the posts boundary: 422 naming them). */
        public JsonObject options;
    }

    public static class SubmitBody {
        @Size(max = 2000)
        public String videoUrl;
        @Size(max = 500)
        public String title;
        @Size(max = 70_000)
        public String caption;
        @Size(max = 100)
        public List<@Size(max = 200) String> hashtags;
        @Valid
        @Size(max = 50)
        public List<TargetBody> targets;
        @Size(max = 200)
        public String sourceId;
        @Size(max = 200)
        public String sourceSystem;
        @Size(max = 2000)
        public String thumbnailUrl;
        /** A BCP 47 tag (en, pt-BR); checked by the posts boundary (422 naming language). */
        @Size(max = 100)
        public String language;
    }

    public static class BulkBody {
        // Not capped here: more than 50 must get the message existing clients know from the boundary.
        public List<@Size(max = 2000) String> videoUrls;
        @Size(max = 500)
        public String titleTemplate;
        @Size(max = 70_000)
        public String captionTemplate;
        @Size(max = 100)
        public List<@Size(max = 200) String> hashtags;
        @Size(max = 32)
        public String platform;
        @Size(max = 200)
        public String accountId;
        @Size(max = 64)
        public String startTime;
        public Integer intervalMinutes;
        @Size(max = 200)
        public String sourceSystem;
        @Size(max = 100)
        public String language;
    }

    public record ScheduledPost(String id, String platform, String accountId, Instant scheduledAt, String status) {
    }

    /** {@code warnings}: the scheduling rules the explicit times break (empty when none); the posts are scheduled as asked. */
    public record Submitted(boolean success, String videoId, List<ScheduledPost> scheduledPosts, String message,
                            List<ScheduleWarningView> warnings) {
    }

    public static class SmartBody {
        @Size(max = 2000)
        public String videoUrl;
        @Size(max = 500)
        public String title;
        @Size(max = 70_000)
        public String caption;
        @Size(max = 100)
        public List<@Size(max = 200) String> hashtags;
        @Size(max = 50)
        public List<@Size(max = 32) String> platforms;
        /** Platform to account (Syndicast's id or the platform's own, as submit's account_id); others: the planner picks. */
        @Size(max = 50)
        public Map<@Size(max = 32) String, @Size(max = 200) String> accounts;
        @Size(max = 64)
        public String notBefore;
        @Size(max = 64)
        public String notAfter;
        @Size(max = 200)
        public String sourceId;
        @Size(max = 200)
        public String sourceSystem;
        @Size(max = 2000)
        public String thumbnailUrl;
        @Size(max = 100)
        public String language;
    }

    public record SmartPost(String id, String platform, String accountId, Instant scheduledAt, String status, String reason) {
    }

    public record SmartSubmitted(boolean success, String videoId, List<SmartPost> scheduledPosts, String message) {
    }

    public record BulkPost(String id, String platform, Instant scheduledAt) {
    }

    public record BulkScheduled(boolean success, List<BulkPost> scheduledPosts, String message, List<ScheduleWarningView> warnings) {
    }

    @JsonbNillable
    public record StatusPost(String id, String platform, String status, Instant scheduledAt, String platformUrl, String error) {
    }

    public record Status(String sourceId, int total, List<StatusPost> posts) {
    }

    @POST
    @Path("submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Download video_url into the media library and schedule one post per target; warnings name the"
            + " scheduling rules the explicit times break")
    public Response submit(@HeaderParam(Idempotent.HEADER) String key, @Valid @NotNull SubmitBody body) {
        return idempotent.run(key, "POST /api/external/submit", body, () -> {
            Caller who = caller.require();
            List<ExternalScheduling.Target> targets = new ArrayList<>();
            for (TargetBody t : body.targets == null ? List.<TargetBody>of() : body.targets) {
                targets.add(new ExternalScheduling.Target(t.platform, t.accountId, PostBodies.time(t.scheduledAt, "scheduled_at"),
                        t.title, t.caption, t.options));
            }
            ExternalScheduling.Submitted submitted = scheduling.submit(who.workspaceId(), who.actorName(),
                    new ExternalScheduling.Submission(body.videoUrl, body.title, body.caption, body.hashtags, targets, body.sourceId,
                            body.sourceSystem, body.thumbnailUrl, body.language));
            List<PostTarget> created = submitted.post().getTargets();
            List<ScheduledPost> posts = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                PostTarget t = created.get(i);
                // The caller's own account reference comes back, as existing clients expect.
                posts.add(new ScheduledPost(t.getId().toString(), t.getPlatform(), body.targets.get(i).accountId, t.getScheduledAt(),
                        wire(t.getStatus())));
            }
            return Response.ok(new Submitted(true, submitted.media().mediaId().toString(), posts,
                    "Video scheduled for " + posts.size() + " platform(s)", ScheduleWarningView.of(submitted.warnings()))).build();
        });
    }

    @POST
    @Path("bulk-schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Schedule up to 50 videos at regular intervals; {n} in the templates counts from 1; warnings name the"
            + " scheduling rules the times break")
    public Response bulkSchedule(@HeaderParam(Idempotent.HEADER) String key, @Valid @NotNull BulkBody body) {
        return idempotent.run(key, "POST /api/external/bulk-schedule", body, () -> {
            Caller who = caller.require();
            Instant start = PostBodies.time(body.startTime, "start_time");
            ExternalScheduling.BulkScheduled created = scheduling.bulkSchedule(who.workspaceId(), who.actorName(),
                    new ExternalScheduling.Bulk(body.videoUrls, body.titleTemplate, body.captionTemplate, body.hashtags, body.platform,
                            body.accountId, start, body.intervalMinutes, body.sourceSystem, body.language));
            List<BulkPost> posts = created.posts().stream().map(p -> p.getTargets().get(0))
                    .map(t -> new BulkPost(t.getId().toString(), t.getPlatform(), t.getScheduledAt())).toList();
            int interval = body.intervalMinutes == null ? 60 : body.intervalMinutes;
            return Response.ok(new BulkScheduled(true, posts, "Scheduled " + posts.size() + " videos from " + start + " with "
                    + interval + "min intervals", ScheduleWarningView.of(created.warnings()))).build();
        });
    }

    @GET
    @Path("status/{source_id}")
    @RequiresScope("posts:read")
    @Operation(summary = "The posts of one source_id with their status (posted once published) and platform URL")
    public Status status(@PathParam("source_id") String sourceId) {
        List<StatusPost> posts = new ArrayList<>();
        for (Post post : scheduling.status(caller.require().workspaceId(), sourceId)) {
            for (PostTarget t : post.getTargets()) {
                posts.add(new StatusPost(t.getId().toString(), t.getPlatform(), wire(t.getStatus()), t.getScheduledAt(),
                        t.getExternalUrl(), t.getLastError()));
            }
        }
        return new Status(sourceId, posts.size(), posts);
    }

    @POST
    @Path("smart-schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Like submit, one target per platform at times the planner chooses under the workspace's windows, gap"
            + " and daily caps, each with its reason; accounts, not_before and not_after optional")
    public Response smartSchedule(@HeaderParam(Idempotent.HEADER) String key, @Valid @NotNull SmartBody body) {
        return idempotent.run(key, "POST /api/external/smart-schedule", body, () -> {
            Caller who = caller.require();
            ExternalScheduling.SmartSubmitted submitted = scheduling.smartSchedule(who.workspaceId(), who.actorName(),
                    new ExternalScheduling.SmartSubmission(body.videoUrl, body.title, body.caption, body.hashtags, body.platforms,
                            body.accounts, PostBodies.time(body.notBefore, "not_before"), PostBodies.time(body.notAfter, "not_after"),
                            body.sourceId, body.sourceSystem, body.thumbnailUrl, body.language));
            List<PostTarget> created = submitted.post().getTargets();
            List<SmartPost> posts = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                PostTarget t = created.get(i);
                // The caller's own account reference when it named the account, else Syndicast's id of the one chosen.
                String named = submitted.accountRefs().get(t.getPlatform());
                posts.add(new SmartPost(t.getId().toString(), t.getPlatform(), named != null ? named : t.getAccountId().toString(),
                        t.getScheduledAt(), wire(t.getStatus()), submitted.placements().get(i).reason()));
            }
            return Response.ok(new SmartSubmitted(true, submitted.media().mediaId().toString(), posts,
                    "Video scheduled for " + posts.size() + " platform(s)")).build();
        });
    }

    /** The external scheduling API calls a published post "posted". */
    private static String wire(TargetStatus status) {
        return Map.of(TargetStatus.PUBLISHED, "posted").getOrDefault(status, status.wire());
    }
}
