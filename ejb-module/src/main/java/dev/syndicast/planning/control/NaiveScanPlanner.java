package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * THE BENCHMARK BASELINE, not for production: the same hard rules as {@link Planner}, found by the obvious method.
 * For every target and every account it may use, it walks the range minute by minute from not_before, converts each
 * minute to local time and checks it (window, the day's count against the cap, the gap to every post on the account),
 * and takes the first minute that passes, on the account where that minute is earliest (the default account, then the
 * lower id, on a tie). The one shortcut a naive scan still takes: a local day already at its cap is stepped over whole.
 *
 * <p>It serves targets in the same order as the planner (named accounts first) and places each at its earliest free
 * minute, so it finds a plan exactly when the planner does; it makes no attempt at cadence, best times or staggering.
 * The smart-scheduling benchmark times it against {@link Planner} on the same input, and the property tests check the
 * two agree on what is feasible.
 */
public class NaiveScanPlanner implements SlotPlanner {

    @Override
    public Plan plan(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {
        PlanningRun run = PlanningRun.of(rules, accounts, request);
        PlanningCalendar calendar = run.calendar();
        ZoneId zone = rules.zone();
        long gapSeconds = rules.minGapMinutes() * 60L;
        Map<UUID, TreeSet<Long>> posts = new HashMap<>();
        Map<UUID, Map<LocalDate, Integer>> perDay = new HashMap<>();
        for (AccountSchedule account : run.accounts()) {
            TreeSet<Long> taken = new TreeSet<>();
            Map<LocalDate, Integer> counts = new HashMap<>();
            for (Instant at : account.occupied()) {
                taken.add(at.getEpochSecond());
                counts.merge(at.atZone(zone).toLocalDate(), 1, Integer::sum);
            }
            posts.put(account.id(), taken);
            perDay.put(account.id(), counts);
        }
        Placement[] placements = new Placement[run.targets().size()];
        for (int index : run.order()) {
            TargetRequest target = run.targets().get(index);
            List<AccountSchedule> eligible = run.eligible(index);
            AccountSchedule bestAccount = null;
            long best = Long.MAX_VALUE;
            for (AccountSchedule account : eligible) {
                long minute = firstFreeMinute(run, account, posts.get(account.id()), perDay.get(account.id()), gapSeconds);
                if (minute < best || (minute == best && minute != Long.MAX_VALUE && account.defaultAccount()
                        && !bestAccount.defaultAccount())) {
                    best = minute;
                    bestAccount = account;
                }
            }
            if (bestAccount == null) {
                throw run.noSlot(index, eligible, (account, day) -> perDay.get(account.id()).getOrDefault(calendar.date(day), 0));
            }
            posts.get(bestAccount.id()).add(best * 60);
            perDay.get(bestAccount.id()).merge(Instant.ofEpochSecond(best * 60).atZone(zone).toLocalDate(), 1, Integer::sum);
            placements[index] = new Placement(index, target, bestAccount.id(), Instant.ofEpochSecond(best * 60),
                    "baseline: the earliest free minute (slot-by-slot scan)");
        }
        return new Plan(Arrays.asList(placements));
    }

    private static long firstFreeMinute(PlanningRun run, AccountSchedule account, TreeSet<Long> taken,
                                        Map<LocalDate, Integer> counts, long gapSeconds) {
        PostingRules rules = run.rules();
        ZoneId zone = rules.zone();
        int cap = rules.capOf(account);
        long last = run.calendar().lastMinute();
        for (long minute = run.calendar().firstMinute(); minute <= last; minute++) {
            ZonedDateTime local = Instant.ofEpochSecond(minute * 60).atZone(zone);
            LocalDate date = local.toLocalDate();
            if (counts.getOrDefault(date, 0) >= cap) {
                minute = PlanningCalendar.ceilDiv(date.plusDays(1).atStartOfDay(zone).toEpochSecond(), 60) - 1;
                continue;
            }
            if (!ScheduleCheck.inWindow(rules, local) || conflicts(taken, minute * 60, gapSeconds)) {
                continue;
            }
            return minute;
        }
        return Long.MAX_VALUE;
    }

    private static boolean conflicts(TreeSet<Long> taken, long second, long gapSeconds) {
        Long before = taken.floor(second);
        Long after = taken.ceiling(second);
        return (before != null && second - before < gapSeconds) || (after != null && after - second < gapSeconds);
    }
}
