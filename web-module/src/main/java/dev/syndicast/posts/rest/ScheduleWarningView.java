package dev.syndicast.posts.rest;

import dev.syndicast.posts.control.ScheduleWarning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A warning on an explicitly scheduled target, as the answers of {@code POST/PATCH /posts}, {@code submit} and
 * {@code bulk-schedule} carry them in {@code warnings}: which target, and which rule its time breaks
 * ({@code posting_window}, {@code daily_cap}, {@code min_gap}) with a sentence saying how. The post is scheduled as asked.
 */
public record ScheduleWarningView(UUID postId, UUID targetId, String platform, UUID accountId, Instant scheduledAt, String rule,
                                  String message) {

    public static List<ScheduleWarningView> of(List<ScheduleWarning> warnings) {
        return warnings.stream().map(w -> new ScheduleWarningView(w.postId(), w.targetId(), w.platform(), w.accountId(),
                w.scheduledAt(), w.rule(), w.message())).toList();
    }
}
