package dev.syndicast.posts.rest;

import dev.syndicast.batch.boundary.BatchJobs;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.posts.boundary.BulkPosts;
import dev.syndicast.posts.control.PostRow;
import dev.syndicast.tenancy.control.Caller;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code POST /posts/bulk} of the external API v1: JSON with at most 50 posts, created at once with a result per
 * post; or a CSV of any size, which starts the {@code post-import} batch job and answers its execution at once. A
 * JSON post becomes a row of the CSV's fields, so both ways accept and refuse the same things.
 */
@Path("api/external/v1/posts/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "posts")
public class PostsBulkResource {

    @Inject
    BulkPosts bulk;

    @Inject
    BatchJobs batchJobs;

    @Inject
    CallerContext caller;

    /** The answer existing clients read: counts, and a result per post by its index. */
    public record BulkResult(int total, int succeeded, int failed, List<ItemResult> results) {
    }

    public record ItemResult(int index, boolean success, String id, String error) {
    }

    public record ImportStarted(long executionId, String jobName, String statusUrl, String errorsUrl) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("posts:write")
    @Operation(summary = "Create up to 50 posts at once: {total, succeeded, failed, results[{index, success, id|error}]}")
    public BulkResult json(JsonObject body) {
        JsonValue list = body == null ? null : body.get("posts");
        if (!(list instanceof JsonArray posts)) {
            throw new InvalidInputException("The body needs a posts array");
        }
        Caller who = caller.require();
        List<ItemResult> results = bulk.create(who.workspaceId(), actor(who), posts.stream().map(PostsBulkResource::row).toList())
                .stream()
                .map(o -> new ItemResult(o.index(), o.success(), o.success() ? o.id().toString() : null, o.error()))
                .toList();
        int succeeded = (int) results.stream().filter(ItemResult::success).count();
        return new BulkResult(posts.size(), succeeded, posts.size() - succeeded, results);
    }

    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    @RequiresScope("posts:write")
    @Operation(summary = "Import a CSV of any size as a batch job (post-import); answers 202 with the execution at once")
    public Response csv(InputStream body) {
        Caller who = caller.require();
        BatchJobs.Upload upload = batchJobs.upload(who.workspaceId(), body);
        long execution = batchJobs.start(who.workspaceId(), "post-import", Map.of("file", upload.uploadId()));
        String status = "/api/external/v1/batch/executions/" + execution;
        return Response.accepted(new ImportStarted(execution, "post-import", status, status + "/errors")).location(URI.create(status)).build();
    }

    /** A JSON post as a row of the CSV's fields: the camelCase names existing clients send and the snake_case ones both work. */
    static PostRow row(JsonValue value) {
        if (!(value instanceof JsonObject post)) {
            return PostRow.malformed("Each post must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JsonValue content = post.get("content");
        fields.put("content", content instanceof JsonObject object ? text(object.get("text")) : text(content));
        fields.put("platforms", joined(post.get("platforms"), ";"));
        fields.put("scheduled_at", first(post, "scheduledAt", "scheduled_at", "scheduledFor", "scheduled_for"));
        fields.put("account_ids", joined(first(post, List.of("accountIds", "account_ids")), ";"));
        fields.put("category", text(post.get("category")));
        fields.put("hashtags", joined(post.get("hashtags"), ","));
        fields.put("tags", joined(post.get("tags"), ","));
        fields.put("labels", joined(post.get("labels"), ","));
        fields.put("title", text(post.get("title")));
        fields.put("media_url", first(post, "mediaUrl", "media_url"));
        fields.put("source_id", first(post, "sourceId", "source_id"));
        fields.put("language", text(post.get("language")));
        fields.put("options", text(post.get("options")));
        fields.put("campaign_id", first(post, "campaignId", "campaign_id"));
        fields.values().removeIf(Objects::isNull);
        return PostRow.of(fields);
    }

    private static String first(JsonObject post, String... names) {
        for (String name : names) {
            String value = text(post.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static JsonValue first(JsonObject post, List<String> names) {
        return names.stream().map(post::get).filter(v -> v != null && v != JsonValue.NULL).findFirst().orElse(null);
    }

    private static String joined(JsonValue value, String separator) {
        if (value instanceof JsonArray array) {
            return array.stream().map(PostsBulkResource::text).filter(Objects::nonNull).collect(Collectors.joining(separator));
        }
        return text(value);
    }

    private static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static String actor(Caller who) {
        return (who.isSession() ? "user:" : "key:") + who.actorName();
    }
}
