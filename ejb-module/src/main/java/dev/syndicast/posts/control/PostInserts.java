package dev.syndicast.posts.control;

import dev.syndicast.core.control.BulkInsert;
import dev.syndicast.posts.entity.Post;
import dev.syndicast.posts.entity.PostTarget;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * New posts and their targets written in bulk, one statement per table (the CSV import's path, see
 * {@code Posts.createAll}). The columns are those a new post has; the rest (publish results, version) take their
 * defaults. Kept in line with the mapping of {@link Post} and {@link PostTarget}: PostImportIT reads imported posts
 * back through JPA and publishes them.
 */
public final class PostInserts {

    private static final BulkInsert<Post> POSTS = BulkInsert.<Post>into("posts")
            .uuid("id", Post::getId)
            .uuid("workspace_id", Post::getWorkspaceId)
            .text("status", p -> p.getStatus().wire())
            .text("text", p -> p.content().text())
            .text("title", p -> p.content().title())
            .text("platform_overrides", p -> p.content().platformOverridesJson())
            .text("thread_parts", p -> p.content().threadPartsJson())
            .text("media", p -> p.content().mediaJson())
            .text("hashtags", p -> p.content().hashtagsJson())
            .text("tags", p -> p.content().tagsJson())
            .text("labels", p -> p.content().labelsJson())
            .text("category", p -> p.content().category())
            .text("folder_path", p -> p.content().folderPath())
            .text("campaign", p -> p.content().campaign())
            .uuid("campaign_id", Post::getCampaignId)
            .text("language", p -> p.content().language())
            .text("source_id", Post::getSourceId)
            .text("source_system", Post::getSourceSystem)
            .text("video_id", Post::getVideoId)
            .text("created_by", Post::getCreatedBy)
            .timestamp("created_at", Post::getCreatedAt)
            .timestamp("updated_at", Post::getUpdatedAt);

    private static final BulkInsert<PostTarget> TARGETS = BulkInsert.<PostTarget>into("post_targets")
            .uuid("id", PostTarget::getId)
            .uuid("post_id", t -> t.getPost().getId())
            .integer("position", PostTarget::getPosition)
            .text("platform", PostTarget::getPlatform)
            .uuid("account_id", PostTarget::getAccountId)
            .timestamp("scheduled_at", PostTarget::getScheduledAt)
            .text("text", PostTarget::getText)
            .text("title", PostTarget::getTitle)
            .text("caption", PostTarget::getCaption)
            .text("options", PostTarget::getOptions)
            .text("status", t -> t.getStatus().wire());

    private PostInserts() {
    }

    /** Writes new posts and their targets in the entity manager's transaction. */
    public static void write(EntityManager em, List<Post> posts) {
        POSTS.write(em, posts);
        TARGETS.write(em, posts.stream().flatMap(p -> p.getTargets().stream()).toList());
    }
}
