package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;
import dev.syndicast.planning.entity.Window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static dev.syndicast.planning.control.PlanningFixtures.id;

/**
 * Random workspaces and requests for {@link PlannerPropertiesTest}, each built from a seed alone so that a failing case
 * runs again as it failed: the seeds 1 to N, plus named edge cases (gap 0, a start at minute 0, no windows, ...) that
 * take one seed's scenario and pin one part of it. {@code -Dplanner.seed=S} runs only seed S and every edge case on S.
 *
 * <p>A general scenario draws a zone with any kind of daylight-saving switch (half-hour ones included), a start around
 * one of 2026's switch days, up to six posting windows (half of them starting in the small hours, where the switches
 * are), a gap (0 two times in ten, 1-120 minutes six times, 121-600 two times), a horizon of 1-3 days, then from the
 * same seed the caps, accounts and what is already on them, targets, not_after and best times. A crowded scenario packs
 * many targets of different videos into one short window a day, so days fill up to the limit of the gap.
 */
final class PlannerScenarios {

    /** The system property that runs a single seed. */
    static final String SEED_PROPERTY = "planner.seed";

    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
            "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "America/Santiago", "Africa/Casablanca", "Asia/Tokyo");
    /** Days of daylight-saving switches in 2026 (the US, the EU, Lord Howe, Chile, Morocco's Ramadan change). */
    static final List<String> SWITCH_DAYS = List.of("2026-03-08", "2026-03-29", "2026-04-05", "2026-09-06", "2026-10-04",
            "2026-10-25", "2026-11-01", "2026-02-15", "2026-03-22", "2026-07-15");

    private static final int LAST_MINUTE = 1439;

    private PlannerScenarios() {
    }

    /** One workspace and request, the seed it came from and the edge case pinned on it (null: none). */
    record Scenario(long seed, String edge, PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {

        /** {@code seed 17}, or {@code seed 3, gap 0} for an edge case. */
        String name() {
            return edge == null ? "seed " + seed : "seed " + seed + ", " + edge;
        }

        /** More randomness for the property itself (an order to shuffle, a query), from the seed and a purpose. */
        SplittableRandom random(int purpose) {
            return new SplittableRandom(seed * 31 + purpose);
        }

        /** Runs the property's checks; a failure names the seed, how to run it alone, and the whole scenario. */
        void check(Runnable property) {
            try {
                property.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Failed for " + name() + " (run it alone: mvn -o test -pl ejb-module "
                        + "-Dtest=PlannerPropertiesTest -D" + SEED_PROPERTY + "=" + seed + ")\n  scenario: " + this
                        + "\n  " + e, e);
            }
        }

        @Override
        public String toString() {
            return "zone=" + rules.zone() + " gap=" + rules.minGapMinutes() + " caps=" + rules.dailyCaps() + " windows="
                    + rules.windows() + " accounts=" + accounts + " notBefore=" + request.notBefore() + " notAfter="
                    + request.notAfter() + " horizon=" + request.horizonDays() + " targets=" + request.targets()
                    + " bestTimes=" + request.bestTimes().keySet();
        }
    }

    /** The parts of a general scenario that edge cases pin (the start lies around the switch day). */
    record Shape(ZoneId zone, Instant switchDay, Instant start, List<Window> windows, int gap, int horizon) {

        /** Starts this many seconds after midnight UTC of the switch day (before it when negative). */
        Shape withStart(long secondsIntoSwitchDay) {
            return new Shape(zone, switchDay, switchDay.plusSeconds(secondsIntoSwitchDay), windows, gap, horizon);
        }

        Shape withWindows(Window... only) {
            return new Shape(zone, switchDay, start, List.of(only), gap, horizon);
        }

        Shape withGap(int minutes) {
            return new Shape(zone, switchDay, start, windows, minutes, horizon);
        }

        Shape withHorizon(int days) {
            return new Shape(zone, switchDay, start, windows, gap, days);
        }
    }

    /** The parts of a crowded scenario: one window a day from the start minute, for its length. */
    record Crowd(ZoneId zone, int startMinute, int lengthMinutes, int gap, int targets) {

        Crowd with(int start, int length, int minutes, int count) {
            return new Crowd(zone, start, length, minutes, count);
        }
    }

    /** A named change to the drawn parts of one seed's scenario. */
    record Edge<T>(String name, UnaryOperator<T> pin) {
    }

    /** The ends of every range the general scenarios draw from, one at a time. */
    static final List<Edge<Shape>> GENERAL_EDGES = List.of(
            new Edge<>("gap 0", s -> s.withGap(0)),
            new Edge<>("gap 1", s -> s.withGap(1)),
            new Edge<>("gap 120", s -> s.withGap(120)),
            new Edge<>("gap 121", s -> s.withGap(121)),
            new Edge<>("gap 600", s -> s.withGap(600)),
            new Edge<>("start at minute 0 of the switch day", s -> s.withStart(0)),
            new Edge<>("start at second 59 of the switch day", s -> s.withStart(59)),
            new Edge<>("start 36 hours before the switch day", s -> s.withStart(-36 * 3600L)),
            new Edge<>("start 24 hours after the switch day", s -> s.withStart(24 * 3600L)),
            new Edge<>("horizon 1", s -> s.withHorizon(1)),
            new Edge<>("horizon 3", s -> s.withHorizon(3)),
            new Edge<>("no windows", s -> s.withWindows()),
            new Edge<>("one window of one minute at midnight", s -> s.withWindows(window(DayOfWeek.MONDAY, 0, 1))),
            new Edge<>("one window of 12 hours from midnight", s -> s.withWindows(window(DayOfWeek.MONDAY, 0, 12 * 60))),
            new Edge<>("one window from 04:00", s -> s.withWindows(window(DayOfWeek.SUNDAY, 4 * 60, 1))),
            new Edge<>("one window ending at 23:59", s -> s.withWindows(window(DayOfWeek.SUNDAY, 1438, 12 * 60))));

    /** The ends of every range the crowded scenarios draw from. */
    static final List<Edge<Crowd>> CROWDED_EDGES = List.of(
            new Edge<>("window from midnight", c -> c.with(0, c.lengthMinutes(), c.gap(), c.targets())),
            new Edge<>("window from 21:40", c -> c.with(1300, c.lengthMinutes(), c.gap(), c.targets())),
            new Edge<>("window of 10 minutes", c -> c.with(c.startMinute(), 10, c.gap(), c.targets())),
            new Edge<>("window of 180 minutes", c -> c.with(c.startMinute(), 180, c.gap(), c.targets())),
            new Edge<>("gap 1", c -> c.with(c.startMinute(), c.lengthMinutes(), 1, c.targets())),
            new Edge<>("gap 45", c -> c.with(c.startMinute(), c.lengthMinutes(), 45, c.targets())),
            new Edge<>("3 targets", c -> c.with(c.startMinute(), c.lengthMinutes(), c.gap(), 3)),
            new Edge<>("16 targets", c -> c.with(c.startMinute(), c.lengthMinutes(), c.gap(), 16)),
            new Edge<>("16 targets, gap 45, 10 minutes from midnight", c -> c.with(0, 10, 45, 16)));

    /** Seeds 1 to {@code tries} and every edge case (or, with {@code -Dplanner.seed}, that seed alone). */
    static Stream<Scenario> general(int tries) {
        return cases(tries, GENERAL_EDGES, PlannerScenarios::general);
    }

    static Stream<Scenario> crowded(int tries) {
        return cases(tries, CROWDED_EDGES, PlannerScenarios::crowded);
    }

    /** The general scenario of the seed, with the edge case pinned on it (null: none). */
    static Scenario general(long seed, Edge<Shape> edge) {
        SplittableRandom random = new SplittableRandom(seed);
        ZoneId zone = pick(random, ZONES.stream().map(ZoneId::of).toList());
        Instant switchDay = Instant.parse(pick(random, SWITCH_DAYS) + "T00:00:00Z");
        Shape shape = new Shape(zone, switchDay, start(switchDay, random), windows(random), gap(random),
                between(random, 1, 3));
        return workspace(seed, edge == null ? null : edge.name(), edge == null ? shape : edge.pin().apply(shape), random);
    }

    /**
     * One account with no cap, the same short window on every day, and many targets of different videos (so the
     * stagger pushes their aims together): days packed to the limit of the gap.
     */
    static Scenario crowded(long seed, Edge<Crowd> edge) {
        SplittableRandom random = new SplittableRandom(seed);
        Crowd crowd = new Crowd(pick(random, ZONES.stream().map(ZoneId::of).toList()), between(random, 0, 1300),
                between(random, 10, 180), between(random, 1, 45), between(random, 3, 16));
        Crowd c = edge == null ? crowd : edge.pin().apply(crowd);
        LocalTime from = minute(c.startMinute());
        LocalTime to = minute(Math.min(c.startMinute() + c.lengthMinutes(), LAST_MINUTE));
        List<Window> windows = Arrays.stream(DayOfWeek.values()).map(d -> new Window(d, from, to)).toList();
        Instant notBefore = Instant.parse(pick(random, SWITCH_DAYS) + "T00:00:00Z");
        List<Instant> occupied = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
            occupied.add(notBefore.plusSeconds(60L * random.nextInt(2 * 1440)));
        }
        List<TargetRequest> targets = new ArrayList<>();
        for (int i = 0; i < c.targets(); i++) {
            targets.add(new TargetRequest("alpha", null, "v" + random.nextInt(3)));
        }
        PostingRules rules = new PostingRules(c.zone(), windows, c.gap(), Map.of("alpha", 0));
        List<AccountSchedule> accounts = List.of(new AccountSchedule(id(1), "alpha", true, null, occupied));
        return new Scenario(seed, edge == null ? null : edge.name(), rules, accounts,
                new PlanRequest(targets, notBefore, null, 2, Map.of()));
    }

    private static <T> Stream<Scenario> cases(int tries, List<Edge<T>> edges, Builder<T> build) {
        Long only = Long.getLong(SEED_PROPERTY);
        if (only != null) {
            return Stream.concat(Stream.of(build.scenario(only, null)), edges.stream().map(e -> build.scenario(only, e)));
        }
        Stream<Scenario> pinned = IntStream.range(0, edges.size()).mapToObj(i -> build.scenario(i + 1L, edges.get(i)));
        return Stream.concat(LongStream.rangeClosed(1, tries).mapToObj(seed -> build.scenario(seed, null)), pinned);
    }

    @FunctionalInterface
    private interface Builder<T> {
        Scenario scenario(long seed, Edge<T> edge);
    }

    /** Around a switch day: from 36 hours before to 24 hours after, on a whole minute or (a third of them) not. */
    private static Instant start(Instant switchDay, SplittableRandom random) {
        int minutes = between(random, -36 * 60, 24 * 60);
        int seconds = between(random, 0, 59);
        return switchDay.plusSeconds(minutes * 60L + (minutes % 3 == 0 ? seconds : 0));
    }

    /** Up to six windows of 1 minute to 12 hours, half of them starting before 04:00; overlapping ones dropped. */
    private static List<Window> windows(SplittableRandom random) {
        List<Window> kept = new ArrayList<>();
        for (int k = random.nextInt(7); k > 0; k--) {
            DayOfWeek day = pick(random, List.of(DayOfWeek.values()));
            int start = random.nextBoolean() ? between(random, 0, 4 * 60) : between(random, 0, 1438);
            Window w = window(day, start, between(random, 1, 12 * 60));
            if (kept.stream().noneMatch(w::overlaps)) {
                kept.add(w);
            }
        }
        return kept;
    }

    /** 0 two times in ten, 1-120 minutes six times, 121-600 minutes two times. */
    private static int gap(SplittableRandom random) {
        int weight = random.nextInt(10);
        return weight < 2 ? 0 : weight < 8 ? between(random, 1, 120) : between(random, 121, 600);
    }

    /** Accounts of two platforms (alpha always has one), what is on them, the request: all from the seed. */
    private static Scenario workspace(long seed, String edge, Shape shape, SplittableRandom random) {
        Instant start = shape.start();
        int horizon = shape.horizon();
        PostingRules rules = new PostingRules(shape.zone(), shape.windows(), shape.gap(),
                Map.of("alpha", random.nextInt(5), "beta", 1 + random.nextInt(3)));
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
            UUID named = !ofPlatform.isEmpty() && random.nextInt(4) == 0 ? pick(random, ofPlatform).id() : null;
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
        return new Scenario(seed, edge, rules, accounts, new PlanRequest(targets, start, notAfter, horizon, bestTimes));
    }

    /** From the start minute for the length, cut at 23:59. */
    private static Window window(DayOfWeek day, int startMinute, int lengthMinutes) {
        return new Window(day, minute(startMinute), minute(Math.min(startMinute + lengthMinutes, LAST_MINUTE)));
    }

    private static LocalTime minute(int ofDay) {
        return LocalTime.ofSecondOfDay(ofDay * 60L);
    }

    private static int between(SplittableRandom random, int min, int max) {
        return random.nextInt(min, max + 1);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
