package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to place and where in time: the targets, the earliest moment ({@code notBefore}, usually now), the latest
 * ({@code notAfter}, inclusive; {@code null}: none), the horizon in days after {@code notBefore} beyond which the
 * planner gives up, and best-time preferences per platform (a platform missing here uses
 * {@code control.DefaultBestTimes}; pass {@link BestTimes#neutral()} for none).
 */
public record PlanRequest(List<TargetRequest> targets, Instant notBefore, Instant notAfter, int horizonDays,
                          Map<String, BestTimes> bestTimes) {

    /** The horizon when the caller names none (the scheduling issue's 30 days). */
    public static final int DEFAULT_HORIZON_DAYS = 30;
    public static final int MAX_HORIZON_DAYS = 366;

    public PlanRequest {
        if (notBefore == null) {
            throw new InvalidInputException("not_before is required");
        }
        if (notAfter != null && notAfter.isBefore(notBefore)) {
            throw new InvalidInputException("not_after must not be before not_before");
        }
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw new InvalidInputException("The scheduling horizon must be 1-" + MAX_HORIZON_DAYS + " days");
        }
        targets = List.copyOf(targets == null ? List.of() : targets);
        bestTimes = Map.copyOf(bestTimes == null ? Map.of() : bestTimes);
    }

    /** The targets from now on, within the default horizon, with the default best times. */
    public static PlanRequest of(List<TargetRequest> targets, Instant now) {
        return new PlanRequest(targets, now, null, DEFAULT_HORIZON_DAYS, Map.of());
    }

    public PlanRequest withNotAfter(Instant latest) {
        return new PlanRequest(targets, notBefore, latest, horizonDays, bestTimes);
    }

    public PlanRequest withHorizonDays(int days) {
        return new PlanRequest(targets, notBefore, notAfter, days, bestTimes);
    }

    public PlanRequest withBestTimes(Map<String, BestTimes> preferences) {
        return new PlanRequest(targets, notBefore, notAfter, horizonDays, preferences);
    }
}
