package dev.syndicast.campaigns.rest;

import dev.syndicast.campaigns.control.CampaignRun;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer of a campaign's schedule run: each target placed ({@code status} {@code scheduled}, or {@code planned} in
 * a dry run) with its reason, each target left out with its reason, the totals, the run's start and the time of its
 * last placement ({@code end_date}, null when nothing was placed), the mode it followed and whether it was a dry run.
 */
@JsonbNillable
public record ScheduleView(List<Placed> scheduled, List<Left> skipped, Totals totals, Instant startDate, Instant endDate,
                           String mode, boolean dryRun) {

    @JsonbNillable
    public record Placed(UUID postId, UUID targetId, String platform, UUID accountId, Instant scheduledFor, String status,
                         String reason) {
    }

    @JsonbNillable
    public record Left(UUID postId, String platform, String reason) {
    }

    public record Totals(int scheduled, int skipped, int eligible) {
    }

    static ScheduleView of(CampaignRun.Outcome outcome, boolean dryRun) {
        String status = dryRun ? "planned" : "scheduled";
        return new ScheduleView(outcome.scheduled().stream().map(s -> new Placed(s.postId(), s.targetId(), s.platform(), s.accountId(),
                        s.at(), status, s.reason())).toList(),
                outcome.skipped().stream().map(s -> new Left(s.postId(), s.platform(), s.reason())).toList(),
                new Totals(outcome.scheduled().size(), outcome.skipped().size(), outcome.eligible()), outcome.start(), outcome.end(),
                outcome.mode().wire(), dryRun);
    }
}
