package dev.syndicast.posts.control;

import java.time.Instant;
import java.util.UUID;

/**
 * One rule an explicitly scheduled target breaks: the target, its platform, account and time, the rule by the name of
 * its setting ({@code posting_window}, {@code daily_cap}, {@code min_gap}) and a sentence saying how.
 */
public record ScheduleWarning(UUID postId, UUID targetId, String platform, UUID accountId, Instant scheduledAt, String rule,
                              String message) {
}
