package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.PostingRules;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static dev.syndicast.planning.control.PlanningFixtures.account;
import static dev.syndicast.planning.control.PlanningFixtures.local;
import static dev.syndicast.planning.control.PlanningFixtures.rules;
import static dev.syndicast.planning.control.PlanningFixtures.window;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The rule check names each breach a new post would cause (the warnings of explicit schedules). */
class ScheduleCheckTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void postsKeepingEveryRuleHaveNoViolations() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
        AccountSchedule account = account(1, "tiktok", true, local("2026-12-07T09:00", BERLIN));

        assertThat(ScheduleCheck.violations(rules, account, List.of(local("2026-12-07T10:00", BERLIN)))).isEmpty();
    }

    @Test
    void eachBrokenRuleIsNamed() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
        AccountSchedule account = account(1, "tiktok", true, 2, List.of(local("2026-12-07T09:00", BERLIN)));

        assertThat(ScheduleCheck.violations(rules, account, List.of(local("2026-12-07T09:30", BERLIN),
                local("2026-12-07T18:00", BERLIN))))
                .containsExactly("2026-12-07T18:00 is outside every posting window",
                        "2026-12-07 has 3 posts, over the daily cap of 2",
                        "2026-12-07T08:30:00Z and 2026-12-07T08:00:00Z are 30 minutes apart, under the 60-minute gap");
    }

    @Test
    void eachBreachNamesTheNewPostItConcerns() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
        AccountSchedule account = account(1, "tiktok", true, 2, List.of(local("2026-12-07T09:00", BERLIN)));

        List<ScheduleCheck.Breach> breaches = ScheduleCheck.breaches(rules, account, List.of(local("2026-12-07T09:30", BERLIN),
                local("2026-12-07T18:00", BERLIN)));

        assertThat(breaches).extracting(ScheduleCheck.Breach::index, ScheduleCheck.Breach::rule).containsExactly(
                tuple(1, ScheduleCheck.Rule.POSTING_WINDOW),
                tuple(0, ScheduleCheck.Rule.DAILY_CAP), tuple(1, ScheduleCheck.Rule.DAILY_CAP),
                tuple(0, ScheduleCheck.Rule.MIN_GAP));
        assertThat(ScheduleCheck.Rule.MIN_GAP.wire()).isEqualTo("min_gap");
    }

    @Test
    void twoNewPostsTooCloseAreNamedOnceOnTheEarlierOfThem() {
        PostingRules rules = rules(BERLIN, 60, List.of());
        AccountSchedule account = account(1, "tiktok", true, null, List.of());

        List<ScheduleCheck.Breach> breaches = ScheduleCheck.breaches(rules, account, List.of(local("2026-12-07T10:00", BERLIN),
                local("2026-12-07T10:20", BERLIN)));

        assertThat(breaches).extracting(ScheduleCheck.Breach::index, ScheduleCheck.Breach::rule)
                .containsExactly(tuple(0, ScheduleCheck.Rule.MIN_GAP));
        assertThat(breaches.get(0).message()).isEqualTo("2026-12-07T09:00:00Z and 2026-12-07T09:20:00Z are 20 minutes apart,"
                + " under the 60-minute gap");
    }
}
