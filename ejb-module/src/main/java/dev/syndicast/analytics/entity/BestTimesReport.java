package dev.syndicast.analytics.entity;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The best times to post on one platform for a workspace: the hours worth preferring, best first, in the workspace's
 * time zone, where they come from, and how many published posts they rest on (0 for the platform's defaults).
 */
public record BestTimesReport(String platform, String platformName, ZoneId zone, Source source, int postCount,
                              List<BestHour> hours) {

    /** Where best times come from. */
    public enum Source {
        /** The platform's default best hours: the workspace has no engagement data of its own. */
        PLATFORM_DEFAULT,
        /** Nothing: no engagement data and no default hours for the platform, so no hour is preferred. */
        NONE;

        /** As the API names it: {@code platform_default}, {@code none}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BestTimesReport {
        hours = List.copyOf(hours);
    }
}
