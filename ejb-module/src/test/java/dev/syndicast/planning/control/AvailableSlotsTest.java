package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.syndicast.planning.control.PlanningFixtures.account;
import static dev.syndicast.planning.control.PlanningFixtures.everyDay;
import static dev.syndicast.planning.control.PlanningFixtures.id;
import static dev.syndicast.planning.control.PlanningFixtures.local;
import static dev.syndicast.planning.control.PlanningFixtures.rules;
import static dev.syndicast.planning.control.PlanningFixtures.wall;
import static dev.syndicast.planning.control.PlanningFixtures.window;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /schedule/available-slot}: the earliest moments a new post could take, under the planner's rules. */
class AvailableSlotsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final Planner planner = new Planner();

    @Test
    void theNextSlotsKeepTheGapToExistingPostsAndToEachOther() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        AccountSchedule account = account(1, "tiktok", true, local("2026-12-07T09:30", BERLIN));
        List<Slot> slots = planner.availableSlots(rules, List.of(account),
                new SlotQuery("tiktok", id(1), local("2026-12-07T08:00", BERLIN), 3, 30));

        assertThat(slots).extracting(s -> wall(s.at(), BERLIN))
                .containsExactly("2026-12-07T10:30", "2026-12-07T11:30", "2026-12-07T12:30");
        assertThat(slots.get(0).reason()).isEqualTo("window Mon 09:00-17:00; after the 60-minute gap from a post at 09:30");
        assertThat(slots.get(1).reason()).contains("the 60-minute gap after the one before it at 10:30");
        assertThat(ScheduleCheck.violations(rules, account, slots.stream().map(Slot::at).toList())).isEmpty();
    }

    @Test
    void aFullDayMovesTheNextSlotToTheNextWindowAndSaysWhy() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        AccountSchedule account = account(1, "tiktok", true, 1, List.of(local("2026-12-07T12:00", BERLIN)));
        List<Slot> slots = planner.availableSlots(rules, List.of(account),
                new SlotQuery("tiktok", null, local("2026-12-07T08:00", BERLIN), 1, 30));

        assertThat(slots).extracting(s -> wall(s.at(), BERLIN)).containsExactly("2026-12-08T09:00");
        assertThat(slots.get(0).reason()).isEqualTo("window Tue 09:00-17:00; next free day: the daily cap of 1 on Mon"
                + " 2026-12-07 is used; the window's first free minute");
    }

    @Test
    void withoutANamedAccountTheSlotsOfAllThePlatformsAccountsAreMergedEarliestFirst() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00")));
        List<AccountSchedule> accounts = List.of(account(2, "tiktok", false), account(1, "tiktok", true),
                account(3, "instagram", true));
        List<Slot> slots = planner.availableSlots(rules, accounts,
                new SlotQuery("tiktok", null, local("2026-12-07T08:00", BERLIN), 3, 30));

        assertThat(slots).extracting(Slot::accountId).containsExactly(id(1), id(2), id(1));
        assertThat(slots).extracting(s -> wall(s.at(), BERLIN))
                .containsExactly("2026-12-07T09:00", "2026-12-07T09:00", "2026-12-14T09:00");
    }

    @Test
    void noSlotAtAllIsA422NamingTheRule() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00")));
        Instant after = local("2026-12-07T11:00", BERLIN);
        assertThatThrownBy(() -> planner.availableSlots(rules, List.of(account(1, "tiktok", true)),
                new SlotQuery("tiktok", null, after, 1, 5)))
                .isInstanceOf(NoSlotException.class)
                .hasMessage("No slot for tiktok within 5 days: no posting window lies within the 5-day horizon");
    }
}
