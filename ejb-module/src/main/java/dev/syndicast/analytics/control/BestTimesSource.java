package dev.syndicast.analytics.control;

import dev.syndicast.analytics.entity.BestHour;
import dev.syndicast.analytics.entity.BestTimesReport;
import dev.syndicast.analytics.entity.BestTimesReport.Source;
import dev.syndicast.planning.control.DefaultBestTimes;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.platforms.entity.PlatformSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The best times of a workspace's platforms, for the planner and for the best-time answers alike, so both always say
 * the same. Syndicast does not collect the engagement of published posts yet, so every workspace gets its platform's
 * default best hours ({@link DefaultBestTimes}, in the workspace's local time); a platform without defaults gets no
 * preference. When engagement data comes, it is read here and nowhere else.
 */
@ApplicationScoped
public class BestTimesSource {

    /** The planner's preferences for the platforms (canonical names), as {@code PlanRequest.bestTimes} takes them. */
    public Map<String, BestTimes> forPlanner(UUID workspaceId, Collection<String> platforms) {
        Map<String, BestTimes> preferences = new LinkedHashMap<>();
        platforms.forEach(platform -> preferences.put(platform, of(workspaceId, platform)));
        return preferences;
    }

    /** The platform's best hours, best first (ties: Monday first, then the earlier hour), scores scaled to 0-1. */
    public BestTimesReport report(UUID workspaceId, PlatformSpec platform, ZoneId zone) {
        BestTimes times = of(workspaceId, platform.name());
        if (times.isNeutral()) {
            return new BestTimesReport(platform.name(), platform.displayName(), zone, Source.NONE, 0, List.of());
        }
        double best = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                best = Math.max(best, times.score(day, hour));
            }
        }
        List<BestHour> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hour = 0; hour < 24; hour++) {
                double score = times.score(day, hour);
                if (score > 0) {
                    hours.add(new BestHour(day, hour, Math.round(score / best * 100) / 100.0));
                }
            }
        }
        hours.sort(Comparator.comparingDouble(BestHour::score).reversed()
                .thenComparing(BestHour::day).thenComparingInt(BestHour::hour));
        return new BestTimesReport(platform.name(), platform.displayName(), zone, Source.PLATFORM_DEFAULT, 0, hours);
    }

    private BestTimes of(UUID workspaceId, String platform) {
        // No engagement is collected yet: every workspace has the platform's defaults.
        return DefaultBestTimes.of(platform);
    }
}
