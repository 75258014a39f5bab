package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small builders for planner tests, and the judge every plan must satisfy. */
final class PlanningFixtures {

    static final Map<String, Integer> CAPS = Map.of("tiktok", 8, "instagram", 5, "youtube", 6, "sandbox", 0);

    private PlanningFixtures() {
    }

    static UUID id(int n) {
        return new UUID(0, n);
    }

    static Window window(DayOfWeek day, String start, String end) {
        return new Window(day, LocalTime.parse(start), LocalTime.parse(end));
    }

    static List<Window> everyDay(String start, String end) {
        return Arrays.stream(DayOfWeek.values()).map(d -> window(d, start, end)).toList();
    }

    static PostingRules rules(ZoneId zone, int gapMinutes, List<Window> windows) {
        return new PostingRules(zone, windows, gapMinutes, CAPS);
    }

    static AccountSchedule account(int n, String platform, boolean isDefault, Instant... occupied) {
        return new AccountSchedule(id(n), platform, isDefault, null, List.of(occupied));
    }

    static AccountSchedule account(int n, String platform, boolean isDefault, Integer cap, List<Instant> occupied) {
        return new AccountSchedule(id(n), platform, isDefault, cap, occupied);
    }

    static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    /** The instant as local wall time, {@code 2026-12-07T13:00}. */
    static String wall(Instant at, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(at.atZone(zone));
    }

    static List<String> walls(Plan plan, ZoneId zone) {
        return plan.placements().stream().map(p -> wall(p.at(), zone)).toList();
    }

    /** Every platform neutral, so tests about cadence are not moved by the default best times. */
    static PlanRequest neutral(PlanRequest request) {
        Map<String, BestTimes> none = new HashMap<>();
        CAPS.keySet().forEach(p -> none.put(p, BestTimes.neutral()));
        none.putAll(request.bestTimes());
        return request.withBestTimes(none);
    }

    /**
     * Every way the plan could break the request or a rule, as sentences (empty when it keeps them all): one placement
     * per target, on an account of the target's platform (the named one if any), within [not_before, not_after] and the
     * horizon, on a whole minute, and, per account, {@link ScheduleCheck} (windows, cap, gap) finding nothing.
     */
    static List<String> breaches(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request, Plan plan) {
        List<String> found = new ArrayList<>();
        if (plan.placements().size() != request.targets().size()) {
            found.add("placed " + plan.placements().size() + " of " + request.targets().size());
            return found;
        }
        Map<UUID, AccountSchedule> byId = new HashMap<>();
        accounts.forEach(a -> byId.put(a.id(), a));
        Instant horizonEnd = request.notBefore().plusSeconds(request.horizonDays() * 86_400L);
        Map<UUID, List<Instant>> added = new HashMap<>();
        for (int i = 0; i < plan.placements().size(); i++) {
            Placement p = plan.get(i);
            var target = request.targets().get(i);
            AccountSchedule account = byId.get(p.accountId());
            if (p.index() != i || !p.target().equals(target)) {
                found.add("placement " + i + " is for another target");
            }
            if (account == null || !account.platform().equals(target.platform())) {
                found.add("target " + i + " is on an account of another platform");
            }
            if (target.accountId() != null && !target.accountId().equals(p.accountId())) {
                found.add("target " + i + " is not on the account it named");
            }
            if (p.at().isBefore(request.notBefore()) || !p.at().isBefore(horizonEnd)
                    || (request.notAfter() != null && p.at().isAfter(request.notAfter()))) {
                found.add("target " + i + " at " + p.at() + " is outside not_before/not_after/horizon");
            }
            if (p.at().getEpochSecond() % 60 != 0 || p.at().getNano() != 0) {
                found.add("target " + i + " is not on a whole minute");
            }
            if (p.reason() == null || p.reason().isBlank()) {
                found.add("target " + i + " has no reason");
            }
            added.computeIfAbsent(p.accountId(), k -> new ArrayList<>()).add(p.at());
        }
        added.forEach((account, instants) -> {
            if (byId.containsKey(account)) {
                found.addAll(ScheduleCheck.violations(rules, byId.get(account), instants));
            }
        });
        return found;
    }
}
