package dev.syndicast.planning.control;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.syndicast.planning.control.PlanningFixtures.account;
import static dev.syndicast.planning.control.PlanningFixtures.breaches;
import static dev.syndicast.planning.control.PlanningFixtures.everyDay;
import static dev.syndicast.planning.control.PlanningFixtures.id;
import static dev.syndicast.planning.control.PlanningFixtures.local;
import static dev.syndicast.planning.control.PlanningFixtures.neutral;
import static dev.syndicast.planning.control.PlanningFixtures.rules;
import static dev.syndicast.planning.control.PlanningFixtures.wall;
import static dev.syndicast.planning.control.PlanningFixtures.walls;
import static dev.syndicast.planning.control.PlanningFixtures.window;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner's rules one at a time, each on a small week (Monday 2026-12-07 unless a test says otherwise). */
class PlannerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final Instant MONDAY_MIDNIGHT = local("2026-12-07T00:00", BERLIN);

    final Planner planner = new Planner();

    static List<TargetRequest> targets(String platform, int count) {
        return Collections.nCopies(count, TargetRequest.of(platform));
    }

    Plan plan(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {
        Plan plan = planner.plan(rules, accounts, request);
        assertThat(breaches(rules, accounts, request, plan)).as("rules the plan breaks").isEmpty();
        return plan;
    }

    @Nested
    class Cadence {

        @Test
        void aSinglePostGoesToTheMiddleOfTheDaysWindowTime() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 1), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T13:00");
            assertThat(plan.get(0).reason()).contains("window Mon 09:00-17:00").contains("middle of the day's free window time");
        }

        @Test
        void postsOfOneDayAreEvenlySpacedRatherThanBunchedAtTheWindowStart() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true)),
                    neutral(PlanRequest.of(targets("tiktok", 4), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN))
                    .containsExactly("2026-12-07T10:00", "2026-12-07T12:00", "2026-12-07T14:00", "2026-12-07T16:00");
            assertThat(plan.get(1).reason()).contains("evenly spaced, 2 of 4 posts on this account that day");
        }

        @Test
        void theSpacingRunsAcrossAllOfTheDaysWindows() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "12:00"), window(MONDAY, "14:00", "17:00")));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true)),
                    neutral(PlanRequest.of(targets("tiktok", 2), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T10:30", "2026-12-07T15:30");
            assertThat(plan.get(0).reason()).contains("window Mon 09:00-12:00");
            assertThat(plan.get(1).reason()).contains("window Mon 14:00-17:00");
        }

        @Test
        void withoutWindowsAnyTimeOfDayIsAllowed() {
            PostingRules rules = rules(BERLIN, 60, List.of());
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 2), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T06:00", "2026-12-07T18:00");
            assertThat(plan.get(0).reason()).contains("any time (no posting windows)");
        }

        @Test
        void postsGoOnlyInsideWindowsEvenWhenNotBeforeFallsOutsideThem() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00"), window(TUESDAY, "09:00", "10:00")));
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 1), local("2026-12-07T11:00", BERLIN))));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-08T09:30");
            assertThat(plan.get(0).reason()).contains("window Tue 09:00-10:00");
        }
    }

    @Nested
    class Gap {

        @Test
        void neverTwoPostsOnOneAccountCloserThanTheGap() {
            PostingRules rules = rules(BERLIN, 30, List.of(window(MONDAY, "09:00", "10:00"), window(TUESDAY, "09:00", "10:00")));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true)),
                    neutral(PlanRequest.of(targets("tiktok", 3), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T09:15", "2026-12-07T09:45", "2026-12-08T09:30");
            assertThat(plan.get(2).reason()).contains("next free day: no free minute left in the windows of Mon 2026-12-07");
        }

        @Test
        void theGapAlsoKeepsNewPostsAwayFromEverythingAlreadyScheduled() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
            Instant manual = local("2026-12-07T13:00", BERLIN);
            Plan plan = plan(rules, List.of(account(1, "youtube", true, manual)),
                    neutral(PlanRequest.of(targets("youtube", 1), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T12:00");
            assertThat(plan.get(0).reason()).contains("right before the 60-minute gap to a post at 13:00");
        }

        @Test
        void occupiedInstantsOfTheDayBeforeCountAcrossMidnight() {
            PostingRules rules = rules(BERLIN, 120, List.of());
            Instant lateSunday = local("2026-12-06T23:30", BERLIN);
            Plan plan = plan(rules, List.of(account(1, "youtube", true, lateSunday)),
                    neutral(PlanRequest.of(targets("youtube", 1), MONDAY_MIDNIGHT).withNotAfter(local("2026-12-07T02:00", BERLIN))));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T01:45");
        }
    }

    @Nested
    class DailyCap {

        @Test
        void whenTheCapIsUsedTheRestGoesToTheNextDayAndSaysWhy() {
            PostingRules rules = rules(BERLIN, 30, everyDay("09:00", "17:00"));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true)),
                    neutral(PlanRequest.of(targets("tiktok", 10), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).filteredOn(t -> t.startsWith("2026-12-07")).hasSize(8);
            assertThat(walls(plan, BERLIN).subList(8, 10)).containsExactly("2026-12-08T11:00", "2026-12-08T15:00");
            assertThat(plan.get(8).reason()).contains("next free day: the daily cap of 8 on Mon 2026-12-07 is used");
        }

        @Test
        void theCapCountsCalendarDaysInTheWorkspacesTimeZoneNotUtc() {
            // 23:30 in Los Angeles on Monday is 07:30 UTC on Tuesday: it still fills Monday's cap of 2.
            PostingRules rules = rules(LOS_ANGELES, 60, List.of());
            List<Instant> monday = List.of(local("2026-12-07T10:00", LOS_ANGELES), local("2026-12-07T23:30", LOS_ANGELES));
            List<AccountSchedule> accounts = List.of(account(1, "youtube", true, 2, monday));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(targets("youtube", 1), local("2026-12-07T00:00", LOS_ANGELES))));

            assertThat(wall(plan.get(0).at(), LOS_ANGELES)).startsWith("2026-12-08");
            assertThat(plan.get(0).reason()).contains("next free day: the daily cap of 2 on Mon 2026-12-07 is used");
        }

        @Test
        void anAccountsOwnCapOverridesItsPlatformsCap() {
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true, 1, List.of())),
                    neutral(PlanRequest.of(targets("tiktok", 2), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T13:00", "2026-12-08T13:00");
        }

        @Test
        void aCapOfZeroMeansNoCap() {
            PostingRules rules = rules(BERLIN, 1, List.of(window(MONDAY, "09:00", "10:00")));
            Plan plan = plan(rules, List.of(account(1, "sandbox", true)),
                    neutral(PlanRequest.of(targets("sandbox", 30), MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).allMatch(t -> t.startsWith("2026-12-07T09"));
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void aWindowAtNineStaysAtNineLocalAcrossSpringForwardInBerlin() {
            Plan plan = dailyAtNine(BERLIN, "2026-03-28");

            assertThat(walls(plan, BERLIN)).containsExactly("2026-03-28T09:00", "2026-03-29T09:00", "2026-03-30T09:00");
            assertThat(plan.placements()).extracting(p -> p.at().toString())
                    .containsExactly("2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z");
        }

        @Test
        void aWindowAtNineStaysAtNineLocalAcrossFallBackInBerlin() {
            Plan plan = dailyAtNine(BERLIN, "2026-10-24");

            assertThat(plan.placements()).extracting(p -> p.at().toString())
                    .containsExactly("2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z");
        }

        @Test
        void aWindowAtNineStaysAtNineLocalAcrossBothSwitchesInNewYork() {
            assertThat(dailyAtNine(NEW_YORK, "2026-03-07").placements()).extracting(p -> p.at().toString())
                    .containsExactly("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z");
            assertThat(dailyAtNine(NEW_YORK, "2026-10-31").placements()).extracting(p -> p.at().toString())
                    .containsExactly("2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z");
        }

        private Plan dailyAtNine(ZoneId zone, String saturday) {
            PostingRules rules = rules(zone, 60, everyDay("09:00", "09:01"));
            return plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 3), local(saturday + "T00:00", zone))));
        }

        @Test
        void aWindowWhollyInsideTheSkippedHourHasNoTimeThatDay() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(SUNDAY, "02:00", "03:00"), window(MONDAY, "02:00", "03:00")));
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 1), local("2026-03-29T00:00", BERLIN))));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-03-30T02:30");
            assertThat(plan.get(0).reason()).contains("next free day: no posting window on Sun 2026-03-29");
        }

        @Test
        void aWindowAcrossTheSkippedHourKeepsOnlyItsRealTime() {
            // 01:30-03:30 on the spring-forward Sunday is one real hour (02:00-03:00 does not exist): four posts 15 minutes apart.
            PostingRules rules = rules(BERLIN, 15, List.of(window(SUNDAY, "01:30", "03:30")));
            PlanRequest four = neutral(PlanRequest.of(targets("sandbox", 4), local("2026-03-29T00:00", BERLIN)).withHorizonDays(1));
            Plan plan = plan(rules, List.of(account(1, "sandbox", true)), four);

            assertThat(walls(plan, BERLIN)).noneMatch(t -> t.contains("T02:"));
            assertThat(gapsInMinutes(plan)).allMatch(minutes -> minutes >= 15);
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "sandbox", true)),
                    neutral(PlanRequest.of(targets("sandbox", 5), local("2026-03-29T00:00", BERLIN)).withHorizonDays(1))))
                    .isInstanceOf(NoSlotException.class).hasMessageContaining("15-minute gap");
        }

        @Test
        void theRepeatedHourIsTwoRealHoursAndTheGapCountsRealMinutes() {
            // 01:00-02:00 in New York on 2026-11-01 happens twice (EDT, then EST): room for two posts an hour apart, not three.
            PostingRules rules = rules(NEW_YORK, 60, List.of(window(SUNDAY, "01:00", "02:00")));
            Instant sunday = local("2026-11-01T00:00", NEW_YORK);
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 2), sunday).withHorizonDays(1)));

            assertThat(walls(plan, NEW_YORK)).allMatch(t -> t.startsWith("2026-11-01T01:"));
            assertThat(gapsInMinutes(plan)).allMatch(minutes -> minutes >= 60);
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 3), sunday).withHorizonDays(1))))
                    .isInstanceOf(NoSlotException.class);
        }

        @Test
        void theRepeatedHourInBerlinMakesItsWindowLongerInRealTime() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(SUNDAY, "02:00", "03:00")));
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    neutral(PlanRequest.of(targets("youtube", 2), local("2026-10-25T00:00", BERLIN)).withHorizonDays(1)));

            assertThat(plan.placements()).extracting(p -> p.at().toString())
                    .containsExactly("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z");
        }

        private List<Long> gapsInMinutes(Plan plan) {
            List<Instant> sorted = plan.placements().stream().map(Placement::at).sorted().toList();
            return IntStream.range(1, sorted.size()).mapToObj(i -> Duration.between(sorted.get(i - 1), sorted.get(i)).toMinutes()).toList();
        }
    }

    @Nested
    class Spreading {

        @Test
        void equallyLoadedAccountsTakeTurnsStartingWithTheDefault() {
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            List<AccountSchedule> accounts = List.of(account(2, "tiktok", false), account(1, "tiktok", true));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(targets("tiktok", 4), MONDAY_MIDNIGHT)));

            assertThat(plan.placements()).extracting(Placement::accountId).containsExactly(id(1), id(2), id(1), id(2));
            assertThat(plan.get(0).reason()).contains("default tiktok account, as loaded as the others");
            assertThat(plan.get(1).reason()).contains("least loaded of 2 tiktok accounts (0 posts that day)");
            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T11:00", "2026-12-07T11:00", "2026-12-07T15:00",
                    "2026-12-07T15:00");
        }

        @Test
        void theLeastLoadedAccountComesFirst() {
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            List<AccountSchedule> accounts = List.of(
                    account(1, "tiktok", true, local("2026-12-07T09:00", BERLIN), local("2026-12-07T16:00", BERLIN)),
                    account(2, "tiktok", false, local("2026-12-07T12:00", BERLIN)));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT)));

            assertThat(plan.get(0).accountId()).isEqualTo(id(2));
            assertThat(plan.get(0).reason()).contains("least loaded of 2 tiktok accounts (1 post that day)");
        }

        @Test
        void anAccountWithRoomTodayBeatsOneThatIsFull() {
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            List<AccountSchedule> accounts = List.of(account(1, "tiktok", true, 1, List.of(local("2026-12-07T09:00", BERLIN))),
                    account(2, "tiktok", false, 8, List.of(local("2026-12-07T10:00", BERLIN), local("2026-12-07T12:00", BERLIN))));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT)));

            assertThat(plan.get(0).accountId()).isEqualTo(id(2));
            assertThat(plan.get(0).reason()).contains("the only one of 2 tiktok accounts with room on Mon 2026-12-07");
        }

        @Test
        void targetsNamingTheirAccountAreServedBeforeFreeOnes() {
            // The free target comes first in the request; served first, it would take the default account's only slot.
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            List<AccountSchedule> accounts = List.of(account(1, "tiktok", true, 1, List.of()), account(2, "tiktok", false, 1, List.of()));
            List<TargetRequest> targets = List.of(TargetRequest.of("tiktok"), new TargetRequest("tiktok", id(1), null));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(targets, MONDAY_MIDNIGHT).withHorizonDays(1)));

            assertThat(plan.placements()).extracting(Placement::accountId).containsExactly(id(2), id(1));
        }

        @Test
        void thePlatformsOfOneVideoAreStaggeredByFiveMinutes() {
            PostingRules rules = rules(BERLIN, 60, everyDay("09:00", "17:00"));
            List<AccountSchedule> accounts = List.of(account(1, "tiktok", true), account(2, "instagram", true), account(3, "youtube", true));
            List<TargetRequest> video = List.of(new TargetRequest("tiktok", null, "v1"), new TargetRequest("instagram", null, "v1"),
                    new TargetRequest("youtube", null, "v1"));
            Plan plan = plan(rules, accounts, neutral(PlanRequest.of(video, MONDAY_MIDNIGHT)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T13:00", "2026-12-07T13:05", "2026-12-07T13:10");
            assertThat(plan.get(2).reason()).contains("staggered 10 minutes after the video's first platform");
        }
    }

    @Nested
    class BestTimesPreference {

        @Test
        void aPlatformsDefaultBestHoursArePreferredInsideTheWindow() {
            // TikTok's default table favours Tuesday 14:00-18:00 (DefaultBestTimes).
            PostingRules rules = rules(BERLIN, 60, List.of(window(TUESDAY, "09:00", "17:00")));
            Plan plan = plan(rules, List.of(account(1, "tiktok", true)),
                    PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-08T14:00");
            assertThat(plan.get(0).reason()).contains("best time Tue 14:00-15:00");
        }

        @Test
        void bestTimesOutsideTheWindowsChangeNothing() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "17:00")));
            BestTimes evenings = BestTimes.neutral().with(1, 20, 22, MONDAY);
            Plan plan = plan(rules, List.of(account(1, "youtube", true)),
                    PlanRequest.of(targets("youtube", 1), MONDAY_MIDNIGHT).withBestTimes(Map.of("youtube", evenings)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T13:00");
        }

        @Test
        void bestTimesNeverBreakTheCapOrTheGap() {
            PostingRules rules = rules(BERLIN, 120, everyDay("09:00", "17:00"));
            BestTimes tenOClock = BestTimes.neutral().with(1, 10, 11, MONDAY);
            List<AccountSchedule> accounts = List.of(account(1, "youtube", true, 2, List.of()));
            Plan plan = plan(rules, accounts, PlanRequest.of(targets("youtube", 3), MONDAY_MIDNIGHT)
                    .withBestTimes(Map.of("youtube", tenOClock)));

            assertThat(walls(plan, BERLIN)).containsExactly("2026-12-07T10:00", "2026-12-07T15:00", "2026-12-08T13:00");
        }
    }

    @Nested
    class Failures {

        @Test
        void whenEveryDaysCapIsUsedTheFailureSaysSo() {
            PostingRules rules = rules(BERLIN, 60, List.of());
            List<Instant> full = new ArrayList<>();
            for (int day = 0; day < 32; day++) {
                for (int hour = 0; hour < 8; hour++) {
                    full.add(MONDAY_MIDNIGHT.atZone(BERLIN).plusDays(day).plusHours(hour).toInstant());
                }
            }
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "tiktok", true, null, full)),
                    PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT)))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> {
                        assertThat(e.rule()).isEqualTo(NoSlotException.Rule.DAILY_CAP);
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
                    })
                    .hasMessage("No slot for tiktok within 30 days: every day's cap of 8 is used");
        }

        @Test
        void moreTargetsThanTheCapAllowsBeforeNotAfterFail() {
            PostingRules rules = rules(BERLIN, 10, List.of());
            PlanRequest nine = PlanRequest.of(targets("tiktok", 9), MONDAY_MIDNIGHT).withNotAfter(local("2026-12-07T23:59", BERLIN));
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "tiktok", true)), nine))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> assertThat(e.targetIndex()).isEqualTo(8))
                    .hasMessage("No slot for tiktok between not_before and not_after: every day's cap of 8 is used");
        }

        @Test
        void noWindowBetweenNotBeforeAndNotAfterIsNamed() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(SUNDAY, "09:00", "17:00")));
            PlanRequest weekdays = PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT).withNotAfter(local("2026-12-11T23:00", BERLIN));
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "tiktok", true)), weekdays))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> assertThat(e.rule()).isEqualTo(NoSlotException.Rule.NO_WINDOW))
                    .hasMessage("No slot for tiktok between not_before and not_after: no posting window lies between not_before"
                            + " and not_after");
        }

        @Test
        void windowsFilledByTheGapAreNamed() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00")));
            Instant existing = local("2026-12-07T09:30", BERLIN);
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "tiktok", true, existing)),
                    PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT).withHorizonDays(7)))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> assertThat(e.rule()).isEqualTo(NoSlotException.Rule.GAP))
                    .hasMessage("No slot for tiktok within 7 days: the posting windows are full, every free minute is within"
                            + " the 60-minute gap of another post");
        }

        @Test
        void daysFullForDifferentReasonsNameBoth() {
            PostingRules rules = rules(BERLIN, 60, List.of(window(MONDAY, "09:00", "10:00"), window(TUESDAY, "09:00", "17:00")));
            // Monday: one post at 09:30 leaves its window no minute outside the gap; Tuesday: two posts use the cap of 2.
            List<AccountSchedule> accounts = List.of(account(1, "tiktok", true, 2, List.of(local("2026-12-08T12:00", BERLIN),
                    local("2026-12-08T14:00", BERLIN), local("2026-12-07T09:30", BERLIN))));
            assertThatThrownBy(() -> planner.plan(rules, accounts, PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT).withHorizonDays(2)))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> assertThat(e.rule()).isEqualTo(NoSlotException.Rule.CAP_AND_GAP))
                    .hasMessage("No slot for tiktok within 2 days: every day is full (the daily cap of 2 is used on 1 day,"
                            + " the 60-minute gap fills the windows on 1)");
        }

        @Test
        void aPlatformWithoutAccountsIsNamed() {
            assertThatThrownBy(() -> planner.plan(rules(BERLIN, 60, List.of()), List.of(account(1, "tiktok", true)),
                    PlanRequest.of(targets("youtube", 1), MONDAY_MIDNIGHT)))
                    .isInstanceOfSatisfying(NoSlotException.class, e -> assertThat(e.rule()).isEqualTo(NoSlotException.Rule.NO_ACCOUNT))
                    .hasMessage("No slot for youtube: the workspace has no youtube account");
        }

        @Test
        void badInputIsRejectedBeforePlanning() {
            PostingRules rules = rules(BERLIN, 60, List.of());
            List<AccountSchedule> accounts = List.of(account(1, "tiktok", true));
            assertThatThrownBy(() -> PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT).withNotAfter(MONDAY_MIDNIGHT.minusSeconds(60)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("not_after must not be before not_before");
            assertThatThrownBy(() -> planner.plan(rules, accounts, PlanRequest.of(targets("myspace", 1), MONDAY_MIDNIGHT)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("Unknown platform: myspace");
            assertThatThrownBy(() -> planner.plan(rules, accounts,
                    PlanRequest.of(List.of(new TargetRequest("youtube", id(1), null)), MONDAY_MIDNIGHT)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a youtube account of this workspace");
            assertThatThrownBy(() -> planner.plan(rules, List.of(account(1, "tiktok", true), account(1, "tiktok", false)),
                    PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("listed twice");
            assertThatThrownBy(() -> PlanRequest.of(targets("tiktok", 1), MONDAY_MIDNIGHT).withHorizonDays(0))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void theSameInputInAnyOrderGivesTheSamePlan() {
        PostingRules rules = rules(BERLIN, 45, everyDay("08:00", "20:00"));
        List<Instant> busy = List.of(local("2026-12-07T10:00", BERLIN), local("2026-12-07T15:00", BERLIN), local("2026-12-08T09:00", BERLIN));
        List<AccountSchedule> accounts = List.of(account(1, "tiktok", true, null, busy), account(2, "tiktok", false),
                account(3, "instagram", true));
        List<AccountSchedule> reordered = List.of(account(3, "instagram", true), account(2, "tiktok", false),
                account(1, "tiktok", true, null, List.of(busy.get(2), busy.get(0), busy.get(1))));
        List<TargetRequest> targets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            targets.add(new TargetRequest(i % 3 == 0 ? "instagram" : "tiktok", null, "video-" + (i / 3)));
        }
        PlanRequest request = PlanRequest.of(targets, MONDAY_MIDNIGHT);

        assertThat(planner.plan(rules, reordered, request)).isEqualTo(plan(rules, accounts, request));
    }
}
