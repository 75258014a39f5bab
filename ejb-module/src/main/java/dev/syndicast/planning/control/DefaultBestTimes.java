package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.BestTimes;

import java.util.Map;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

/**
 * The best times a platform gets while the workspace has no engagement data of its own: good hours score 1, the rest 0,
 * in the workspace's local time.
 *
 * <p>No platform publishes its own best posting hours. The table comes from Sprout Social's 2023 "best times to post on
 * social media" study (engagement of about 2 billion interactions of its 34,000 customers, every time given in the
 * audience's local time): sproutsocial.com/insights/best-times-to-post-on-social-media/ and, for TikTok,
 * sproutsocial.com/insights/best-times-to-post-on-tiktok/ (summarised by socialmediatoday.com on 2023-05-10). Platforms
 * the study does not cover (YouTube, Threads, Bluesky, Mastodon, Pinterest, Reddit, Snapchat, Dribbble, the sandbox)
 * get no preference: the planner then spreads posts evenly over the free window time.
 */
public final class DefaultBestTimes {

    private static final Map<String, BestTimes> TABLE = Map.of(
            "facebook", BestTimes.neutral().with(1, 8, 13, MONDAY, WEDNESDAY).with(1, 8, 14, TUESDAY).with(1, 8, 12, THURSDAY),
            "instagram", BestTimes.neutral().with(1, 10, 12, MONDAY).with(1, 9, 13, TUESDAY).with(1, 10, 13, WEDNESDAY)
                    .with(1, 9, 11, FRIDAY),
            "twitter", BestTimes.neutral().with(1, 9, 12, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
            "linkedin", BestTimes.neutral().with(1, 10, 12, TUESDAY, WEDNESDAY),
            "tiktok", BestTimes.neutral().with(1, 14, 18, TUESDAY).with(1, 14, 17, WEDNESDAY).with(1, 15, 17, THURSDAY));

    private DefaultBestTimes() {
    }

    /** The platform's default best times (registry names: {@code twitter} for X), neutral when the study has none. */
    public static BestTimes of(String platform) {
        return TABLE.getOrDefault(platform, BestTimes.neutral());
    }
}
