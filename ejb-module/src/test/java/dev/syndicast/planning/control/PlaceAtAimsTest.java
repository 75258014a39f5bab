package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.AimedGroup;
import dev.syndicast.planning.entity.GroupPlacement;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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

/** Groups placed as soon at or after their aims as the rules allow: how a campaign's cadence or calendar is followed. */
class PlaceAtAimsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final Planner planner = new Planner();

    private static AimedGroup group(String aim, TargetRequest... targets) {
        return new AimedGroup(local(aim, BERLIN), List.of(targets));
    }

    private static TargetRequest on(int account, String platform) {
        return new TargetRequest(platform, id(account), null);
    }

    private static List<String> walls(GroupPlacement placement) {
        return placement.placements().stream().map(p -> wall(p.at(), BERLIN)).toList();
    }

    @Test
    void aFreeAimIsKeptToTheMinuteAndTheTargetsOfAGroupAreStaggered() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        List<GroupPlacement> placed = planner.placeAtAims(rules, List.of(account(1, "tiktok", true), account(2, "instagram", true)),
                List.of(group("2026-12-07T09:00", on(1, "tiktok"), on(2, "instagram"))), 30);

        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).isPlaced()).isTrue();
        assertThat(walls(placed.get(0))).containsExactly("2026-12-07T09:00", "2026-12-07T09:05");
        assertThat(placed.get(0).placements().get(0).reason())
                .isEqualTo("window Mon 09:00-17:00; the first free minute at or after the aim");
    }

    @Test
    void eachPlacementKeepsTheGapToExistingPostsAndToTheGroupsBeforeIt() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        AccountSchedule tiktok = account(1, "tiktok", true, local("2026-12-07T09:30", BERLIN));
        List<GroupPlacement> placed = planner.placeAtAims(rules, List.of(tiktok),
                List.of(group("2026-12-07T09:00", on(1, "tiktok")), group("2026-12-07T09:00", on(1, "tiktok")),
                        group("2026-12-07T12:00", on(1, "tiktok"))), 30);

        assertThat(placed).extracting(p -> walls(p).get(0))
                .containsExactly("2026-12-07T10:30", "2026-12-07T11:30", "2026-12-07T12:30");
        assertThat(placed.get(0).placements().get(0).reason()).contains("after the 60-minute gap from a post at 09:30");
        List<Instant> planned = new ArrayList<>();
        placed.forEach(p -> p.placements().forEach(x -> planned.add(x.at())));
        assertThat(ScheduleCheck.violations(rules, tiktok, planned)).isEmpty();
    }

    @Test
    void aUsedDailyCapMovesTheTargetToTheNextDayWithRoom() {
        PostingRules rules = rules(BERLIN, 0, everyDay("09:00", "17:00"));
        AccountSchedule capped = account(1, "tiktok", true, 2, List.of(local("2026-12-07T10:00", BERLIN),
                local("2026-12-07T11:00", BERLIN)));
        List<GroupPlacement> placed = planner.placeAtAims(rules, List.of(capped),
                List.of(group("2026-12-07T09:00", on(1, "tiktok")), group("2026-12-07T09:00", on(1, "tiktok")),
                        group("2026-12-07T09:00", on(1, "tiktok"))), 30);

        assertThat(placed).extracting(p -> walls(p).get(0))
                .containsExactly("2026-12-08T09:00", "2026-12-08T09:00", "2026-12-09T09:00");
        assertThat(placed.get(0).placements().get(0).reason()).contains("the daily cap of 2 on Mon 2026-12-07 is used");
    }

    @Test
    void aGroupIsPlacedWholeOrGivesItsSlotsBack() {
        PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00")));
        AccountSchedule tiktok = account(1, "tiktok", true);
        AccountSchedule instagram = account(2, "instagram", true, 1, List.of());
        List<GroupPlacement> placed = planner.placeAtAims(rules, List.of(tiktok, instagram),
                List.of(group("2026-12-07T09:00", on(2, "instagram")),
                        group("2026-12-07T09:00", on(1, "tiktok"), on(2, "instagram"))), 1);

        assertThat(placed.get(0).isPlaced()).isTrue();
        GroupPlacement refused = placed.get(1);
        assertThat(refused.isPlaced()).isFalse();
        assertThat(refused.refusedTarget()).isEqualTo(1);
        assertThat(refused.refusal()).isEqualTo("No slot for instagram account " + id(2) + " within 1 days: every day's cap of 1 is used");

        List<GroupPlacement> after = planner.placeAtAims(rules, List.of(tiktok, instagram),
                List.of(group("2026-12-07T09:00", on(2, "instagram")), group("2026-12-07T09:00", on(1, "tiktok"), on(2, "instagram")),
                        group("2026-12-07T09:00", on(1, "tiktok"))), 1);
        assertThat(walls(after.get(2))).as("the refused group's TikTok slot was given back").containsExactly("2026-12-07T09:00");
    }

    @Test
    void aTargetWhoseAccountIsNotAmongTheAccountsIsRefusedNamingIt() {
        PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
        List<GroupPlacement> placed = planner.placeAtAims(rules, List.of(account(1, "tiktok", true)),
                List.of(group("2026-12-07T09:00", on(9, "tiktok")), group("2026-12-07T09:00", TargetRequest.of("youtube"))), 30);

        assertThat(placed).extracting(GroupPlacement::refusal).containsExactly(
                "No slot for tiktok: account " + id(9) + " is disconnected", "No slot for youtube: the workspace has no youtube account");
    }

    @Test
    void theSameInputGivesTheSamePlacementsWhateverTheOrderOfTheAccounts() {
        PostingRules rules = rules(BERLIN, 45, everyDay("09:00", "12:00"));
        List<AccountSchedule> accounts = List.of(account(1, "tiktok", false, local("2026-12-07T09:10", BERLIN)),
                account(2, "tiktok", true, local("2026-12-07T09:20", BERLIN)));
        List<AimedGroup> groups = List.of(group("2026-12-07T09:00", TargetRequest.of("tiktok")),
                group("2026-12-07T09:00", TargetRequest.of("tiktok")), group("2026-12-07T11:00", on(1, "tiktok")));

        List<Placement> one = planner.placeAtAims(rules, accounts, groups, 30).stream().flatMap(p -> p.placements().stream()).toList();
        List<Placement> other = planner.placeAtAims(rules, List.of(accounts.get(1), accounts.get(0)), groups, 30).stream()
                .flatMap(p -> p.placements().stream()).toList();

        assertThat(other).isEqualTo(one);
    }
}
