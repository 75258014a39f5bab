package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.Post;

import java.util.List;

/**
 * What posts ask of whoever knows the workspace's scheduling rules (posting windows, minimum gap, daily caps per
 * account): which of them the explicit times of a post break. Explicit times are honoured as asked; the answer only
 * warns. Posts sit below publishing, which implements this, so neither calls the other both ways.
 */
public interface ScheduleRules {

    /**
     * The rules the post's scheduled targets break against everything else taken on their accounts (the post's own
     * targets count towards each other too), in target order; empty when every rule holds. Read in the caller's
     * transaction, after the post is written.
     */
    List<ScheduleWarning> warnings(Post post);
}
