package dev.syndicast.planning.control;

import dev.syndicast.planning.control.PlannerScenarios.Scenario;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import dev.syndicast.planning.entity.TargetRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static dev.syndicast.planning.control.PlanningFixtures.breaches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's rules over random workspaces ({@link PlannerScenarios}): time zones with every kind of daylight-saving
 * switch (half-hour ones included) and weeks around those switches, random posting windows (often in the small hours,
 * where the switches are), gaps, caps (0: none), per-account caps, accounts and what is already on them, not_after,
 * videos and best times. Whatever the input, no plan breaks a rule, the same input gives the same plan, and the
 * efficient planner finds a plan exactly when the naive slot-by-slot scan does.
 *
 * <p>Every case comes from a seed (1 to 200, or 150 for the properties that also run the naive scan) or is a named
 * edge case on one, so a run is the same every time; a failure names its seed and prints the scenario, and
 * {@code -Dplanner.seed=S} runs seed S alone (with every edge case on it).
 */
class PlannerPropertiesTest {

    final Planner planner = new Planner();
    final NaiveScanPlanner naive = new NaiveScanPlanner();

    static Stream<Arguments> scenarios() {
        return named(PlannerScenarios.general(200));
    }

    /** Fewer: these properties also run the naive scan. */
    static Stream<Arguments> scenariosForTheNaiveScan() {
        return named(PlannerScenarios.general(150));
    }

    static Stream<Arguments> crowdedDays() {
        return named(PlannerScenarios.crowded(200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noPlanBreaksARule(Scenario s) {
        s.check(() -> {
            Outcome outcome = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
            if (outcome.plan() != null) {
                assertThat(breaches(s.rules(), s.accounts(), s.request(), outcome.plan())).isEmpty();
            } else {
                assertThat(outcome.failure()).startsWith("No slot for ");
            }
        });
    }

    /** Keeps the scenarios worth checking: a generator that mostly builds impossible requests would prove little. */
    @Test
    void atLeastAThirdOfTheRandomScenariosHaveAPlan() {
        long planned = LongStream.rangeClosed(1, 200).mapToObj(seed -> PlannerScenarios.general(seed, null))
                .filter(s -> Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request())).plan() != null)
                .count();

        assertThat(planned).as("scenarios of seeds 1-200 with a plan").isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crowdedDays")
    void crowdedDaysStillKeepEveryRule(Scenario s) {
        s.check(() -> {
            Outcome outcome = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
            if (outcome.plan() != null) {
                assertThat(breaches(s.rules(), s.accounts(), s.request(), outcome.plan())).isEmpty();
            }
            assertThat(outcome.plan() != null)
                    .isEqualTo(Outcome.of(() -> naive.plan(s.rules(), s.accounts(), s.request())).plan() != null);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theSameInputInAnyOrderGivesTheSamePlan(Scenario s) {
        s.check(() -> {
            Random random = new Random(s.random(1).nextLong());
            List<AccountSchedule> shuffled = new ArrayList<>();
            for (AccountSchedule a : s.accounts()) {
                List<Instant> occupied = new ArrayList<>(a.occupied());
                Collections.shuffle(occupied, random);
                shuffled.add(new AccountSchedule(a.id(), a.platform(), a.defaultAccount(), a.dailyCap(), occupied));
            }
            Collections.shuffle(shuffled, random);

            Outcome first = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
            assertThat(Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()))).isEqualTo(first);
            assertThat(Outcome.of(() -> planner.plan(s.rules(), shuffled, s.request()))).isEqualTo(first);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosForTheNaiveScan")
    void thePlannerFindsAPlanExactlyWhenTheNaiveScanDoesAndBothKeepTheRules(Scenario s) {
        s.check(() -> {
            Outcome efficient = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
            Outcome baseline = Outcome.of(() -> naive.plan(s.rules(), s.accounts(), s.request()));

            assertThat(efficient.plan() != null).as("planner feasible (naive: %s)", baseline)
                    .isEqualTo(baseline.plan() != null);
            assertThat(efficient.failure()).isEqualTo(baseline.failure());
            if (baseline.plan() != null) {
                assertThat(breaches(s.rules(), s.accounts(), s.request(), baseline.plan())).isEmpty();
                assertThat(breaches(s.rules(), s.accounts(), s.request(), efficient.plan())).isEmpty();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosForTheNaiveScan")
    void availableSlotsKeepTheRulesAndTheFirstIsTheEarliestFreeMinute(Scenario s) {
        s.check(() -> {
            SplittableRandom random = s.random(2);
            List<AccountSchedule> alpha = s.accounts().stream().filter(a -> a.platform().equals("alpha")).toList();
            UUID named = random.nextInt(3) == 0 ? alpha.get(random.nextInt(alpha.size())).id() : null;
            SlotQuery query = new SlotQuery("alpha", named, s.request().notBefore(), 1 + random.nextInt(4),
                    s.request().horizonDays());
            PlanRequest single = new PlanRequest(List.of(new TargetRequest("alpha", named, null)), query.after(), null,
                    query.horizonDays(), Map.of());

            List<Slot> slots;
            try {
                slots = planner.availableSlots(s.rules(), s.accounts(), query);
            } catch (NoSlotException e) {
                slots = List.of();
            }
            Outcome earliest = Outcome.of(() -> naive.plan(s.rules(), s.accounts(), single));

            assertThat(slots.isEmpty()).isEqualTo(earliest.plan() == null);
            if (!slots.isEmpty()) {
                assertThat(slots.get(0).at()).isEqualTo(earliest.plan().get(0).at());
                assertThat(slots).hasSizeLessThanOrEqualTo(query.count())
                        .allMatch(slot -> named == null || slot.accountId().equals(named))
                        .allMatch(slot -> !slot.at().isBefore(query.after()));
                Map<UUID, List<Instant>> perAccount = new HashMap<>();
                slots.forEach(slot -> perAccount.computeIfAbsent(slot.accountId(), k -> new ArrayList<>()).add(slot.at()));
                for (AccountSchedule account : alpha) {
                    assertThat(ScheduleCheck.violations(s.rules(), account, perAccount.getOrDefault(account.id(), List.of())))
                            .isEmpty();
                }
            }
        });
    }

    /** A plan, or the message of the NoSlotException that stopped it. */
    record Outcome(Plan plan, String failure) {

        static Outcome of(Supplier<Plan> planning) {
            try {
                return new Outcome(planning.get(), null);
            } catch (NoSlotException e) {
                return new Outcome(null, e.getMessage());
            }
        }
    }

    /** Each scenario shown by its seed (and edge case) in the test report. */
    private static Stream<Arguments> named(Stream<Scenario> scenarios) {
        return scenarios.map(s -> Arguments.of(Named.of(s.name(), s)));
    }
}
