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
import java.util.Locale;
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

    /** The rule a breach breaks, by the name of its setting. */
    public enum Rule {
        /** Outside every weekly posting window ({@code posting_windows}). */
        POSTING_WINDOW,
        /** The local day holds more posts than the account's daily cap ({@code daily_cap}). */
        DAILY_CAP,
        /** Closer than the minimum gap to another post on the account ({@code min_gap_minutes}). */
        MIN_GAP;

        /** As the API names it: {@code posting_window}, {@code daily_cap}, {@code min_gap}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One rule a new post breaks: the post's position in {@code added}, the rule and a sentence saying how. */
    public record Breach(int index, Rule rule, String message) {
    }

    private ScheduleCheck() {
    }

    /** One sentence per breach, empty when the new posts keep every rule (a day over its cap is named once). */
    public static List<String> violations(PostingRules rules, AccountSchedule account, List<Instant> added) {
        return breaches(rules, account, added).stream().map(Breach::message).distinct().toList();
    }

    /**
     * Every breach by the new posts, each naming the new post it concerns: the window for each post outside one, the cap
     * for each new post on a day over it, the gap for each new post closer than the gap to an occupied instant or to a
     * later new post (a pair of new posts is named once, on the earlier of the two in {@code added}). Windows first,
     * then caps by day, then gaps.
     */
    public static List<Breach> breaches(PostingRules rules, AccountSchedule account, List<Instant> added) {
        List<Breach> found = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            ZonedDateTime local = added.get(i).atZone(rules.zone());
            if (!inWindow(rules, local)) {
                found.add(new Breach(i, Rule.POSTING_WINDOW, local.toLocalDateTime() + " is outside every posting window"));
            }
        }
        int cap = rules.capOf(account);
        Map<LocalDate, Integer> perDay = new TreeMap<>();
        Map<LocalDate, List<Integer>> addedOn = new TreeMap<>();
        for (Instant at : account.occupied()) {
            perDay.merge(at.atZone(rules.zone()).toLocalDate(), 1, Integer::sum);
        }
        for (int i = 0; i < added.size(); i++) {
            LocalDate day = added.get(i).atZone(rules.zone()).toLocalDate();
            perDay.merge(day, 1, Integer::sum);
            addedOn.computeIfAbsent(day, d -> new ArrayList<>()).add(i);
        }
        addedOn.forEach((day, indexes) -> {
            if (perDay.get(day) > cap) {
                indexes.forEach(i -> found.add(new Breach(i, Rule.DAILY_CAP,
                        day + " has " + perDay.get(day) + " posts, over the daily cap of " + cap)));
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
                    found.add(new Breach(i, Rule.MIN_GAP, at + " and " + other + " are " + apart.toMinutes()
                            + " minutes apart, under the " + rules.minGapMinutes() + "-minute gap"));
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
