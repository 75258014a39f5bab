package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import dev.syndicast.planning.entity.TargetRequest;
import dev.syndicast.planning.entity.Window;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.syndicast.planning.control.PlanningFixtures.breaches;
import static dev.syndicast.planning.control.PlanningFixtures.id;
import static dev.syndicast.planning.control.PlanningFixtures.local;
import static dev.syndicast.planning.control.PlanningFixtures.wall;
import static dev.syndicast.planning.control.PlanningFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

/** The example week of docs/scheduling.md ("Smart scheduling: the planner's rules"), exactly as documented. */
class ExampleWeekTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final PostingRules rules = new PostingRules(BERLIN, weekdays(), 60, Map.of("tiktok", 8, "instagram", 5));
    final List<AccountSchedule> accounts = List.of(
            new AccountSchedule(id(1), "tiktok", true, null, List.of(local("2026-12-07T09:30", BERLIN),
                    local("2026-12-07T11:00", BERLIN), local("2026-12-07T14:00", BERLIN), local("2026-12-07T15:30", BERLIN))),
            new AccountSchedule(id(2), "tiktok", false, 2, List.of(local("2026-12-07T10:00", BERLIN), local("2026-12-07T16:00", BERLIN))),
            new AccountSchedule(id(3), "instagram", true, null, List.of(local("2026-12-07T09:00", BERLIN),
                    local("2026-12-07T10:00", BERLIN), local("2026-12-07T11:00", BERLIN), local("2026-12-07T14:00", BERLIN),
                    local("2026-12-07T15:00", BERLIN))));

    static List<Window> weekdays() {
        List<Window> windows = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            windows.add(window(day, "09:00", "12:00"));
            windows.add(window(day, "14:00", "18:00"));
        }
        return windows;
    }

    @Test
    void fiveNewTargetsGoWhereTheDocsSay() {
        List<TargetRequest> targets = List.of(new TargetRequest("tiktok", null, "A"), new TargetRequest("instagram", null, "A"),
                new TargetRequest("tiktok", null, "B"), new TargetRequest("instagram", null, "B"),
                new TargetRequest("tiktok", id(2), null));
        PlanRequest request = PlanRequest.of(targets, local("2026-12-07T08:00", BERLIN));
        Plan plan = new Planner().plan(rules, accounts, request);

        assertThat(breaches(rules, accounts, request, plan)).isEmpty();
        assertThat(plan.placements()).extracting(p -> p.accountId().getLeastSignificantBits() + " " + wall(p.at(), BERLIN) + " | " + p.reason())
                .containsExactly(
                        "1 2026-12-07T16:44 | window Mon 14:00-18:00; evenly spaced, 1 of 2 posts on this account that day; evened out"
                                + " with the day's other posts to keep the 60-minute gap; the only one of 2 tiktok accounts with room on"
                                + " Mon 2026-12-07",
                        "3 2026-12-08T11:05 | window Tue 09:00-12:00; next free day: the daily cap of 5 on Mon 2026-12-07 is used;"
                                + " evenly spaced, 1 of 2 posts on this account that day, best time Tue 11:00-12:00; staggered 5 minutes"
                                + " after the video's first platform",
                        "1 2026-12-07T17:44 | window Mon 14:00-18:00; evenly spaced, 2 of 2 posts on this account that day; 60 minutes"
                                + " after the previous post at 16:44; the only one of 2 tiktok accounts with room on Mon 2026-12-07",
                        "3 2026-12-08T16:20 | window Tue 14:00-18:00; evenly spaced, 2 of 2 posts on this account that day; staggered"
                                + " 5 minutes after the video's first platform",
                        "2 2026-12-08T14:00 | window Tue 14:00-18:00; next free day: the daily cap of 2 on Mon 2026-12-07 is used;"
                                + " best time Tue 14:00-15:00");
    }

    @Test
    void theNextThreeTikTokSlotsAreTheEarliestFreeMinutes() {
        List<Slot> slots = new Planner().availableSlots(rules, accounts, new SlotQuery("tiktok", null, local("2026-12-07T08:00", BERLIN), 3, 30));

        assertThat(slots).extracting(s -> s.accountId().getLeastSignificantBits() + " " + wall(s.at(), BERLIN) + " | " + s.reason())
                .containsExactly(
                        "1 2026-12-07T16:30 | window Mon 14:00-18:00; after the 60-minute gap from a post at 15:30",
                        "1 2026-12-07T17:30 | window Mon 14:00-18:00; the 60-minute gap after the one before it at 16:30",
                        "1 2026-12-08T09:00 | window Tue 09:00-12:00; next free day: no free minute left in the windows of"
                                + " Mon 2026-12-07; the window's first free minute");
    }
}
