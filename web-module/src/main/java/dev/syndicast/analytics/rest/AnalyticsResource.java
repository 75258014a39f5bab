package dev.syndicast.analytics.rest;

import dev.syndicast.analytics.boundary.Analytics;
import dev.syndicast.analytics.entity.BestHour;
import dev.syndicast.analytics.entity.BestTimesReport;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.tenancy.rest.CallerContext;
import dev.syndicast.tenancy.rest.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The best times to post, in two shapes: {@code GET /analytics?view=best-times} (hours with their score) and
 * {@code GET /ai/best-time} (slots with labels and a recommendation sentence). Both answer from the source the
 * smart-scheduling planner prefers its times from, in the workspace's time zone.
 */
@Path("api/external/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class AnalyticsResource {

    /** The views of {@code GET /analytics} that exist; post snapshots (the default view) and accounts are not collected yet. */
    static final List<String> VIEWS = List.of("best-times");

    @Inject
    Analytics analytics;

    @Inject
    CallerContext caller;

    /** One good hour: {@code day} monday..sunday, {@code hour} 0-23 local, {@code score} 0-1 (1: the best). */
    public record BestTime(String day, int hour, String timezone, double score) {
    }

    /**
     * One good hour with its labels: {@code day_of_week} 0 (Sunday) to 6 (Saturday), as a campaign cadence's
     * {@code days_of_week} counts, {@code avg_score} 0-1, {@code post_count} the published posts the score rests on (0: the platform's defaults).
     */
    public record Slot(int dayOfWeek, int hour, double avgScore, int postCount, String dayName, String timeLabel, String label) {
    }

    /** {@code source}: {@code platform_default} or {@code none}; {@code timezone}: the workspace's, of every hour. */
    public record BestTimeAnswer(String platform, String timezone, String source, List<Slot> slots, String recommendation) {
    }

    @GET
    @Path("analytics")
    @RequiresScope("analytics:read")
    @Operation(summary = "Analytics by view: view=best-times&platform= answers [{day, hour, timezone, score}], best first, in the"
            + " workspace's time zone (the hours smart scheduling prefers)")
    public List<BestTime> analytics(@QueryParam("view") String view, @QueryParam("platform") String platform) {
        String asked = view == null ? "" : view.strip().toLowerCase(Locale.ROOT);
        if (!VIEWS.contains(asked)) {
            throw new InvalidInputException((asked.isEmpty() ? "view is required" : "Unknown view: " + view.strip())
                    + "; supported views: " + String.join(", ", VIEWS)
                    + " (post snapshots and account analytics are not collected by Syndicast yet)");
        }
        BestTimesReport report = analytics.bestTimes(caller.require().workspaceId(), platform);
        String zone = report.zone().getId();
        return report.hours().stream()
                .map(h -> new BestTime(h.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), h.hour(),
                        zone, h.score())).toList();
    }

    @GET
    @Path("ai/best-time")
    @RequiresScope("analytics:read")
    @Operation(summary = "Recommended posting times for a platform (default twitter): slots best first, with day_of_week, hour,"
            + " avg_score, post_count and labels, and a recommendation sentence; in the workspace's time zone")
    public BestTimeAnswer bestTime(@QueryParam("platform") @DefaultValue("twitter") String platform) {
        BestTimesReport report = analytics.bestTimes(caller.require().workspaceId(), platform);
        List<Slot> slots = report.hours().stream().map(h -> slot(h, report.postCount())).toList();
        return new BestTimeAnswer(report.platform(), report.zone().getId(), report.source().wire(), slots,
                recommendation(report, slots));
    }

    private static Slot slot(BestHour h, int postCount) {
        String dayName = h.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String time = timeLabel(h.hour());
        return new Slot(h.day().getValue() % 7, h.hour(), h.score(), postCount, dayName, time, dayName + " " + time);
    }

    /** {@code 10:00 AM}, {@code 12:00 PM}, {@code 12:00 AM} for midnight. */
    static String timeLabel(int hour) {
        int twelve = hour % 12 == 0 ? 12 : hour % 12;
        return String.format(Locale.ROOT, "%d:00 %s", twelve, hour < 12 ? "AM" : "PM");
    }

    static String recommendation(BestTimesReport report, List<Slot> slots) {
        if (slots.isEmpty()) {
            return "No best time is known for " + report.platformName() + ": this workspace has no engagement data of its own"
                    + " yet and the platform has no default best hours, so smart scheduling spreads its posts evenly over the"
                    + " posting windows";
        }
        Slot best = slots.get(0);
        return "Best time to post on " + report.platformName() + " is " + best.dayName() + " at " + best.timeLabel() + " ("
                + report.zone().getId() + "), from the platform's default best hours: this workspace has no engagement data"
                + " of its own yet";
    }
}
