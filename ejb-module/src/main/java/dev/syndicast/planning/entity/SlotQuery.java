package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.time.Instant;
import java.util.UUID;

/**
 * The question of {@code GET /schedule/available-slot}: the next {@code count} slots for a platform (on one account when
 * {@code accountId} is set, else on any of the platform's accounts) at or after {@code after}, within the horizon.
 */
public record SlotQuery(String platform, UUID accountId, Instant after, int count, int horizonDays) {

    public static final int MAX_COUNT = 100;

    public SlotQuery {
        if (platform == null || platform.isBlank() || after == null) {
            throw new InvalidInputException("An available-slot query needs a platform and a time");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count must be 1-" + MAX_COUNT);
        }
        if (horizonDays < 1 || horizonDays > PlanRequest.MAX_HORIZON_DAYS) {
            throw new InvalidInputException("The scheduling horizon must be 1-" + PlanRequest.MAX_HORIZON_DAYS + " days");
        }
    }
}
