package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rules some new posts on one account would break, given what is already scheduled on it: a post outside every
 * posting window, a local day over the account's daily cap, two posts closer than the minimum gap. Only breaches that
 * involve a new post are named (what is already scheduled is taken as it is). For explicit schedules, which are
 * honoured as asked, these are the warnings; the planner's tests use it as their independent judge (it converts each
 * instant to local time, nothing more clever).
 */
public final class ScheduleCheck {

    private ScheduleCheck() {
    }

    /** One sentence per breach, empty when the new posts keep every rule. */
    public static List<String> violations(PostingRules rules, AccountSchedule account, List<Instant> added) {
        List<String> found = new ArrayList<>();
        for (Instant at : added) {
            if (!inWindow(rules, at.atZone(rules.zone()))) {
                found.add(at.atZone(rules.zone()).toLocalDateTime() + " is outside every posting window");
            }
        }
        int cap = rules.capOf(account);
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        Map<LocalDate, Boolean> touched = new TreeMap<>();
        for (Instant at : account.occupied()) {
            perDay.merge(at.atZone(rules.zone()).toLocalDate(), 1, Integer::sum);
        }
        for (Instant at : added) {
            LocalDate day = at.atZone(rules.zone()).toLocalDate();
            perDay.merge(day, 1, Integer::sum);
            touched.put(day, true);
        }
        touched.keySet().forEach(day -> {
            if (perDay.get(day) > cap) {
                found.add(day + " has " + perDay.get(day) + " posts, over the daily cap of " + cap);
            }
        });
        Duration gap = Duration.ofMinutes(rules.minGapMinutes());
        for (int i = 0; i < added.size(); i++) {
            Instant at = added.get(i);
            List<Instant> others = new ArrayList<>(account.occupied());
            others.addAll(added.subList(i + 1, added.size()));
            for (Instant other : others) {
                Duration apart = Duration.between(at, other).abs();
                if (apart.compareTo(gap) < 0) {
                    found.add(at + " and " + other + " are " + apart.toMinutes() + " minutes apart, under the "
                            + rules.minGapMinutes() + "-minute gap");
                }
            }
        }
        return found;
    }

    static boolean inWindow(PostingRules rules, ZonedDateTime local) {
        if (rules.windows().isEmpty()) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        for (Window window : rules.windows()) {
            if (window.day() == local.getDayOfWeek() && !time.isBefore(window.start()) && time.isBefore(window.end())) {
                return true;
            }
        }
        return false;
    }
}
