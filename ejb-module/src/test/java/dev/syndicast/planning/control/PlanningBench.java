package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;
import dev.syndicast.planning.entity.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The in-process half of {@code bench/smart-schedule.sh}, not a test: plans the scenario the script gave the server (the
 * same rules, accounts, taken times and targets, written to a file) with {@link NaiveScanPlanner}, the baseline, and
 * with {@link Planner} for comparison, each {@code runs} times after one warm-up, and prints the median of each.
 *
 * <p>Scenario file, one item per line: {@code zone <id>}, {@code gap <minutes>}, {@code window <day> <HH:mm> <HH:mm>},
 * {@code cap <platform> <n>} (the registry's caps), {@code not_before <instant>}, {@code not_after <instant>},
 * {@code account <uuid> <platform> <default 0|1> <own cap|-> <instant,instant,...|->}, {@code post <platform,...>}.
 *
 * <p>Usage: {@code java -cp <ejb-module classes, test classes, dependencies> dev.syndicast.planning.control.PlanningBench
 * <scenario> [runs]}.
 */
public final class PlanningBench {

    private PlanningBench() {
    }

    public static void main(String[] args) throws IOException {
        Scenario scenario = Scenario.read(Path.of(args[0]));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "scenario: %d targets of %d posts over %d accounts, %d instants already taken%n",
                scenario.request.targets().size(), scenario.posts, scenario.accounts.size(),
                scenario.accounts.stream().mapToInt(a -> a.occupied().size()).sum());
        report("Planner (in process)", new Planner(), scenario, runs);
        report("NaiveScanPlanner (baseline)", new NaiveScanPlanner(), scenario, runs);
    }

    private static void report(String name, SlotPlanner planner, Scenario scenario, int runs) {
        Plan warm = planner.plan(scenario.rules, scenario.accounts, scenario.request);
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            Plan plan = planner.plan(scenario.rules, scenario.accounts, scenario.request);
            millis[i] = (System.nanoTime() - started) / 1e6;
            if (plan.placements().size() != warm.placements().size()) {
                throw new IllegalStateException(name + " placed a different number of targets");
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms of %d runs after a warm-up (runs: %s ms); %d targets placed%n", name,
                sorted[runs / 2], runs, Arrays.toString(Arrays.stream(millis).map(m -> Math.round(m * 10) / 10.0).toArray()),
                warm.placements().size());
    }

    /** The planner's input as the script wrote it. */
    private static final class Scenario {
        PostingRules rules;
        List<AccountSchedule> accounts = new ArrayList<>();
        PlanRequest request;
        int posts;

        static Scenario read(Path file) throws IOException {
            Scenario s = new Scenario();
            ZoneId zone = ZoneId.of("UTC");
            int gap = 0;
            List<Window> windows = new ArrayList<>();
            Map<String, Integer> caps = new HashMap<>();
            Instant notBefore = null;
            Instant notAfter = null;
            List<TargetRequest> targets = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                switch (f[0]) {
                    case "zone" -> zone = ZoneId.of(f[1]);
                    case "gap" -> gap = Integer.parseInt(f[1]);
                    case "window" -> windows.add(new Window(DayOfWeek.valueOf(f[1].toUpperCase(Locale.ROOT)), LocalTime.parse(f[2]),
                            LocalTime.parse(f[3])));
                    case "cap" -> caps.put(f[1], Integer.parseInt(f[2]));
                    case "not_before" -> notBefore = Instant.parse(f[1]);
                    case "not_after" -> notAfter = Instant.parse(f[1]);
                    case "account" -> s.accounts.add(new AccountSchedule(UUID.fromString(f[1]), f[2], f[3].equals("1"),
                            f[4].equals("-") ? null : Integer.valueOf(f[4]),
                            f[5].equals("-") ? List.of() : Arrays.stream(f[5].split(",")).map(Instant::parse).toList()));
                    case "post" -> {
                        String video = "post " + s.posts++;
                        Arrays.stream(f[1].split(",")).forEach(p -> targets.add(new TargetRequest(p, null, video)));
                    }
                    default -> {
                        if (!f[0].isEmpty()) {
                            throw new IllegalArgumentException("Unknown scenario line: " + line);
                        }
                    }
                }
            }
            s.rules = new PostingRules(zone, windows, gap, caps);
            s.request = new PlanRequest(targets, notBefore, notAfter, PlanRequest.DEFAULT_HORIZON_DAYS, Map.of());
            return s;
        }
    }
}
