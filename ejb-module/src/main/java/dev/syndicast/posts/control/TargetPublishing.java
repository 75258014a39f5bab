package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.Post;

import java.util.List;

/**
 * What posts announce to whoever publishes their targets, and the one thing they ask of it. Posts sit below
 * publishing: they declare this, publishing implements it, so neither calls the other both ways.
 *
 * <p>Both announcements run in the caller's transaction, with the post already locked, so the publish work follows
 * a target change exactly when (and only if) that change commits.
 */
public interface TargetPublishing {

    /**
     * Whether a target on {@code platform}, through an account connected at {@code serviceUrl} (null: the platform
     * itself), can be published at all. Asked when a post is written, so a post nobody could publish is refused.
     */
    boolean canPublish(String platform, String serviceUrl);

    /**
     * Whether publishing there uploads the media files themselves (so every media entry must be an item of the media
     * library), rather than handing the platform a URL.
     */
    boolean uploadsMediaFiles(String platform, String serviceUrl);

    /**
     * Whether the account is published to by its platform's own connector, not by the sandbox that stands in for it:
     * how a real platform takes media (by a public URL of this installation) matters only then.
     */
    boolean reachesThePlatform(String platform, String serviceUrl);

    /** The post's targets were added, moved, scheduled, returned to draft or cancelled; its queued work follows at once. */
    void targetsChanged(Post post);

    /** Posts written just now in bulk: nothing was queued for them yet. */
    void postsCreated(List<Post> posts);
}
