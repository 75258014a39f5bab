package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.tenancy.entity.WorkspaceSettings;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace's scheduling rules: its time zone, its weekly posting windows (none: any time of day), the minimum gap
 * between two posts on one account (real elapsed minutes, so it holds across daylight-saving switches) and the daily
 * cap per account of each platform (the registry's {@code daily-cap}; 0 means no cap, as for the sandbox), counted per
 * calendar day in the workspace's time zone.
 */
public record PostingRules(ZoneId zone, List<Window> windows, int minGapMinutes, Map<String, Integer> dailyCaps) {

    public PostingRules {
        if (zone == null) {
            throw new InvalidInputException("The scheduling rules need a time zone");
        }
        windows = windows == null ? List.of()
                : windows.stream().sorted(Comparator.comparing(Window::day).thenComparing(Window::start)).toList();
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i - 1).overlaps(windows.get(i))) {
                throw new InvalidInputException("Posting windows overlap on " + windows.get(i).day());
            }
        }
        if (minGapMinutes < 0 || minGapMinutes > WorkspaceSettings.MAX_GAP_MINUTES) {
            throw new InvalidInputException("The minimum gap must be between 0 and " + WorkspaceSettings.MAX_GAP_MINUTES + " minutes");
        }
        dailyCaps = Map.copyOf(dailyCaps == null ? Map.of() : dailyCaps);
        dailyCaps.forEach((platform, cap) -> {
            if (cap < 0) {
                throw new InvalidInputException("The daily cap of " + platform + " must not be negative");
            }
        });
    }

    /** The rules a workspace's settings and the platform registry give. */
    public static PostingRules of(WorkspaceSettings settings, Collection<PlatformSpec> platforms) {
        Map<String, Integer> caps = new LinkedHashMap<>();
        platforms.forEach(p -> caps.put(p.name(), p.dailyCap()));
        return new PostingRules(settings.zone(), settings.getPostingWindows().stream().map(Window::of).toList(),
                settings.getMinGapMinutes(), caps);
    }

    /**
     * The most posts the account may have on one local calendar day: its own cap when it has one, else its platform's;
     * {@link Integer#MAX_VALUE} when that is 0 (no cap).
     *
     * @throws InvalidInputException for a platform these rules know no cap for
     */
    public int capOf(AccountSchedule account) {
        Integer cap = account.dailyCap() != null ? account.dailyCap() : dailyCaps.get(account.platform());
        if (cap == null) {
            throw new InvalidInputException("Unknown platform: " + account.platform());
        }
        return cap == 0 ? Integer.MAX_VALUE : cap;
    }

    /** Whether these rules know the platform's cap (so it is a platform of this deployment). */
    public boolean knows(String platform) {
        return dailyCaps.containsKey(platform);
    }
}
