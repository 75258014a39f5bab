package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import static dev.syndicast.planning.control.PlanningFixtures.account;
import static dev.syndicast.planning.control.PlanningFixtures.breaches;
import static dev.syndicast.planning.control.PlanningFixtures.everyDay;
import static dev.syndicast.planning.control.PlanningFixtures.local;
import static dev.syndicast.planning.control.PlanningFixtures.rules;
import static dev.syndicast.planning.control.PlanningFixtures.walls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark baseline keeps the same hard rules as the planner, taking each target's earliest free minute. */
class NaiveScanPlannerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theBaselinePlacesEachTargetAtItsEarliestFreeMinute() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        List<AccountSchedule> accounts = List.of(account(1, "tiktok", true, 2, List.of(local("2026-12-07T09:30", BERLIN))));
        PlanRequest request = PlanRequest.of(Collections.nCopies(3, TargetRequest.of("tiktok")), local("2026-12-07T00:00", BERLIN));
        Plan plan = new NaiveScanPlanner().plan(rules, accounts, request);

        assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T10:30", "2026-12-08T09:00", "2026-12-08T10:00");
        assertThat(plan.get(0).reason()).isEqualTo("baseline: the earliest free minute (slot-by-slot scan)");
        assertThat(breaches(rules, accounts, request, plan)).isEmpty();
    }

    @Test
    void theBaselineFailsWithTheSameMessageAsThePlanner() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "10:00"));
        List<AccountSchedule> accounts = List.of(account(1, "tiktok", true));
        PlanRequest request = PlanRequest.of(Collections.nCopies(3, TargetRequest.of("tiktok")), local("2026-12-07T00:00", BERLIN))
                .withHorizonDays(1);

        assertThatThrownBy(() -> new NaiveScanPlanner().plan(rules, accounts, request)).isInstanceOf(NoSlotException.class)
                .hasMessage(messageOf(() -> new Planner().plan(rules, accounts, request)));
    }

    private static String messageOf(Runnable planning) {
        try {
            planning.run();
            return null;
        } catch (NoSlotException e) {
            return e.getMessage();
        }
    }
}
