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
}
