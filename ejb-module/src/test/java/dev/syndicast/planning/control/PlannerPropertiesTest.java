package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import dev.syndicast.planning.entity.TargetRequest;
import dev.syndicast.planning.entity.Window;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.syndicast.planning.control.PlanningFixtures.breaches;
import static dev.syndicast.planning.control.PlanningFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's rules over random workspaces: time zones with every kind of daylight-saving switch (half-hour ones
 * included) and weeks around those switches, random posting windows (often in the small hours, where the switches
 * are), gaps, caps (0: none), per-account caps, accounts and what is already on them, not_after, videos and best
 * times. Whatever the input, no plan breaks a rule, the same input gives the same plan, and the efficient planner finds
 * a plan exactly when the naive slot-by-slot scan does.
 */
class PlannerPropertiesTest {

    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "America/Santiago", "Africa/Casablanca", "Asia/Tokyo");
    /** Days of daylight-saving switches in 2026 (the US, the EU, Lord Howe, Chile, Morocco's Ramadan change). */
    static final List<String> SWITCH_DAYS = List.of("2026-03-08", "2026-03-29", "2026-04-05", "2026-09-06", "2026-10-04",
            "2026-10-25", "2026-11-01", "2026-02-15", "2026-03-22", "2026-07-15");

    final Planner planner = new Planner();
    final NaiveScanPlanner naive = new NaiveScanPlanner();

    /** One random workspace and request. */
    record Scenario(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request, long seed) {

        @Override
        public String toString() {
            return "zone=" + rules.zone() + " gap=" + rules.minGapMinutes() + " caps=" + rules.dailyCaps() + " windows="
                    + rules.windows() + " accounts=" + accounts + " notBefore=" + request.notBefore() + " notAfter="
                    + request.notAfter() + " horizon=" + request.horizonDays() + " targets=" + request.targets();
        }
    }

    @Property(tries = 200)
    void noPlanBreaksARule(@ForAll("scenarios") Scenario s) {
        Outcome outcome = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
        Statistics.label("outcome").collect(outcome.plan() != null ? "plan" : "no slot")
                .coverage(c -> c.check("plan").percentage(p -> p >= 30));
        if (outcome.plan() != null) {
            assertThat(breaches(s.rules(), s.accounts(), s.request(), outcome.plan())).isEmpty();
        } else {
            assertThat(outcome.failure()).startsWith("No slot for ");
        }
    }

    @Property(tries = 200)
    void crowdedDaysStillKeepEveryRule(@ForAll("crowdedDays") Scenario s) {
        Outcome outcome = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
        if (outcome.plan() != null) {
            assertThat(breaches(s.rules(), s.accounts(), s.request(), outcome.plan())).isEmpty();
        }
        assertThat(outcome.plan() != null).isEqualTo(Outcome.of(() -> naive.plan(s.rules(), s.accounts(), s.request())).plan() != null);
    }

    @Property(tries = 200)
    void theSameInputInAnyOrderGivesTheSamePlan(@ForAll("scenarios") Scenario s) {
        Random random = new Random(s.seed() + 1);
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
    }

    @Property(tries = 150)
    void thePlannerFindsAPlanExactlyWhenTheNaiveScanDoesAndBothKeepTheRules(@ForAll("scenarios") Scenario s) {
        Outcome efficient = Outcome.of(() -> planner.plan(s.rules(), s.accounts(), s.request()));
        Outcome baseline = Outcome.of(() -> naive.plan(s.rules(), s.accounts(), s.request()));

        assertThat(efficient.plan() != null).as("planner feasible (naive: %s)", baseline).isEqualTo(baseline.plan() != null);
        assertThat(efficient.failure()).isEqualTo(baseline.failure());
        if (baseline.plan() != null) {
            assertThat(breaches(s.rules(), s.accounts(), s.request(), baseline.plan())).isEmpty();
            assertThat(breaches(s.rules(), s.accounts(), s.request(), efficient.plan())).isEmpty();
        }
    }

    @Property(tries = 150)
    void availableSlotsKeepTheRulesAndTheFirstIsTheEarliestFreeMinute(@ForAll("scenarios") Scenario s) {
        Random random = new Random(s.seed() + 2);
        List<AccountSchedule> alpha = s.accounts().stream().filter(a -> a.platform().equals("alpha")).toList();
        UUID named = random.nextInt(3) == 0 ? alpha.get(random.nextInt(alpha.size())).id() : null;
        SlotQuery query = new SlotQuery("alpha", named, s.request().notBefore(), 1 + random.nextInt(4), s.request().horizonDays());
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
                assertThat(ScheduleCheck.violations(s.rules(), account, perAccount.getOrDefault(account.id(), List.of()))).isEmpty();
            }
        }
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

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Instant> starts = Combinators.combine(Arbitraries.of(SWITCH_DAYS), Arbitraries.integers().between(-36 * 60, 24 * 60),
                        Arbitraries.integers().between(0, 59).edgeCases(e -> e.add(0)))
                .as((day, minutes, seconds) -> Instant.parse(day + "T00:00:00Z").plusSeconds(minutes * 60L + (minutes % 3 == 0 ? seconds : 0)));
        Arbitrary<List<Window>> windows = windows();
        Arbitrary<Integer> gaps = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(6, Arbitraries.integers().between(1, 120)),
                Tuple.of(2, Arbitraries.integers().between(121, 600)));
        Arbitrary<Integer> horizons = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> seeds = Arbitraries.longs().withoutEdgeCases();
        return Combinators.combine(zones, starts, windows, gaps, horizons, seeds).as(PlannerPropertiesTest::scenario);
    }

    /**
     * One account with no cap, short windows on every day, and many targets of different videos (so the stagger pushes
     * their aims together): days packed to the limit of the gap.
     */
    @Provide
    Arbitrary<Scenario> crowdedDays() {
        Arbitrary<Integer> starts = Arbitraries.integers().between(0, 1300);
        Arbitrary<Integer> lengths = Arbitraries.integers().between(10, 180);
        Arbitrary<Integer> gaps = Arbitraries.integers().between(1, 45);
        Arbitrary<Integer> counts = Arbitraries.integers().between(3, 16);
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Long> seeds = Arbitraries.longs().withoutEdgeCases();
        return Combinators.combine(zones, starts, lengths, gaps, counts, seeds).as((zone, start, length, gap, count, seed) -> {
            Random random = new Random(seed);
            LocalTime from = LocalTime.ofSecondOfDay(start * 60L);
            LocalTime to = LocalTime.ofSecondOfDay(Math.min(start + length, 1439) * 60L);
            List<Window> windows = java.util.Arrays.stream(DayOfWeek.values()).map(d -> new Window(d, from, to)).toList();
            Instant notBefore = Instant.parse(SWITCH_DAYS.get(random.nextInt(SWITCH_DAYS.size())) + "T00:00:00Z");
            List<Instant> occupied = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                occupied.add(notBefore.plusSeconds(60L * random.nextInt(2 * 1440)));
            }
            List<TargetRequest> targets = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                targets.add(new TargetRequest("alpha", null, "v" + random.nextInt(3)));
            }
            PostingRules rules = new PostingRules(zone, windows, gap, Map.of("alpha", 0));
            List<AccountSchedule> accounts = List.of(new AccountSchedule(id(1), "alpha", true, null, occupied));
            return new Scenario(rules, accounts, new PlanRequest(targets, notBefore, null, 2, Map.of()), seed);
        });
    }

    private static Arbitrary<List<Window>> windows() {
        Arbitrary<Integer> startMinute = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(0, 4 * 60)),
                Tuple.of(1, Arbitraries.integers().between(0, 1438)));
        Arbitrary<Window> window = Combinators.combine(Arbitraries.of(DayOfWeek.class), startMinute,
                Arbitraries.integers().between(1, 12 * 60)).as((day, start, length) -> new Window(day,
                LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(Math.min(start + length, 1439) * 60L)));
        return window.list().ofMaxSize(6).map(PlannerPropertiesTest::withoutOverlaps);
    }

    private static List<Window> withoutOverlaps(List<Window> windows) {
        List<Window> kept = new ArrayList<>();
        for (Window w : windows) {
            if (kept.stream().noneMatch(w::overlaps)) {
                kept.add(w);
            }
        }
        return kept;
    }

    /** Accounts of two platforms (alpha always has one), what is on them, the request: all from the seed. */
    private static Scenario scenario(ZoneId zone, Instant start, List<Window> windows, int gap, int horizon, long seed) {
        Random random = new Random(seed);
        PostingRules rules = new PostingRules(zone, windows, gap, Map.of("alpha", random.nextInt(5), "beta", 1 + random.nextInt(3)));
        List<AccountSchedule> accounts = new ArrayList<>();
        int n = 0;
        for (String platform : List.of("alpha", "beta")) {
            int count = platform.equals("alpha") ? 1 + random.nextInt(3) : random.nextInt(3);
            int defaultIndex = random.nextInt(count + 1);
            for (int i = 0; i < count; i++) {
                List<Instant> occupied = new ArrayList<>();
                int busy = random.nextInt(7);
                long spanSeconds = (horizon + 2) * 86_400L;
                for (int k = 0; k < busy; k++) {
                    long offset = (long) (random.nextDouble() * spanSeconds) - 86_400L;
                    occupied.add(start.plusSeconds(random.nextBoolean() ? offset - Math.floorMod(offset, 60) : offset));
                }
                Integer cap = random.nextInt(5) == 0 ? random.nextInt(4) : null;
                accounts.add(new AccountSchedule(id(++n), platform, i == defaultIndex, cap, occupied));
            }
        }
        List<TargetRequest> targets = new ArrayList<>();
        int targetCount = random.nextInt(9);
        for (int i = 0; i < targetCount; i++) {
            String platform = random.nextInt(10) < 7 ? "alpha" : "beta";
            List<AccountSchedule> ofPlatform = accounts.stream().filter(a -> a.platform().equals(platform)).toList();
            UUID named = !ofPlatform.isEmpty() && random.nextInt(4) == 0 ? ofPlatform.get(random.nextInt(ofPlatform.size())).id() : null;
            String video = random.nextInt(5) < 2 ? "v" + random.nextInt(3) : null;
            targets.add(new TargetRequest(platform, named, video));
        }
        Instant notAfter = random.nextInt(10) < 3 ? start.plusSeconds(60L * random.nextInt(horizon * 1440)) : null;
        Map<String, BestTimes> bestTimes = new HashMap<>();
        if (random.nextBoolean()) {
            double[] scores = new double[7 * 24];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = random.nextInt(4);
            }
            bestTimes.put("alpha", BestTimes.of(scores));
        }
        return new Scenario(rules, accounts, new PlanRequest(targets, start, notAfter, horizon, bestTimes), seed);
    }
}
