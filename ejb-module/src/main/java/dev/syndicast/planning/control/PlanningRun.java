package dev.syndicast.planning.control;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.BestTimes;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.TargetRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToIntBiFunction;

/**
 * One planning run's checked input, shared by {@link Planner} and {@link NaiveScanPlanner} so both answer the same
 * question: the minutes in range, the calendar, the accounts in a fixed order (by id, whatever order the caller passed
 * them in), the order in which targets are served (those naming their account first, so a free target never takes
 * the last slot a named one needs; then request order) and each target's stagger within its video. It also writes
 * the failure when a target finds no slot, naming the rule that binds.
 */
final class PlanningRun {

    private final PostingRules rules;
    private final PlanRequest request;
    private final PlanningCalendar calendar;
    private final boolean boundedByNotAfter;
    private final List<AccountSchedule> accounts;
    private final Map<UUID, AccountSchedule> byId = new HashMap<>();
    private final Map<String, List<AccountSchedule>> byPlatform = new HashMap<>();
    private final int[] order;
    private final int[] stagger;

    private PlanningRun(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {
        this.rules = rules;
        this.request = request;
        this.accounts = accounts.stream().sorted(Comparator.comparing(a -> a.id().toString())).toList();
        for (AccountSchedule account : this.accounts) {
            if (byId.put(account.id(), account) != null) {
                throw new InvalidInputException("Account " + account.id() + " is listed twice");
            }
            rules.capOf(account);
            byPlatform.computeIfAbsent(account.platform(), p -> new ArrayList<>()).add(account);
        }
        long first = PlanningCalendar.ceilDiv(request.notBefore().getEpochSecond() + (request.notBefore().getNano() > 0 ? 1 : 0), 60);
        long horizonLast = PlanningCalendar.ceilDiv(request.notBefore().getEpochSecond() + request.horizonDays() * 86_400L, 60) - 1;
        long last = horizonLast;
        if (request.notAfter() != null) {
            last = Math.min(last, Math.floorDiv(request.notAfter().getEpochSecond(), 60));
        }
        boundedByNotAfter = last < horizonLast;
        calendar = new PlanningCalendar(rules.zone(), rules.windows(), first, last);

        List<TargetRequest> targets = request.targets();
        List<Integer> named = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        Map<String, Integer> perVideo = new HashMap<>();
        stagger = new int[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            TargetRequest target = targets.get(i);
            if (!rules.knows(target.platform()) && !byPlatform.containsKey(target.platform())) {
                throw new InvalidInputException("Unknown platform: " + target.platform());
            }
            if (target.accountId() != null) {
                AccountSchedule account = byId.get(target.accountId());
                if (account == null || !account.platform().equals(target.platform())) {
                    throw new InvalidInputException("Account " + target.accountId() + " is not a " + target.platform()
                            + " account of this workspace");
                }
                named.add(i);
            } else {
                free.add(i);
            }
            if (target.video() != null) {
                stagger[i] = perVideo.merge(target.video(), 1, Integer::sum) - 1;
            }
        }
        order = new int[targets.size()];
        int k = 0;
        for (int i : named) {
            order[k++] = i;
        }
        for (int i : free) {
            order[k++] = i;
        }
    }

    static PlanningRun of(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {
        if (rules == null || accounts == null || request == null) {
            throw new InvalidInputException("Planning needs rules, accounts and a request");
        }
        return new PlanningRun(rules, accounts, request);
    }

    PostingRules rules() {
        return rules;
    }

    PlanningCalendar calendar() {
        return calendar;
    }

    int gap() {
        return rules.minGapMinutes();
    }

    List<AccountSchedule> accounts() {
        return accounts;
    }

    List<TargetRequest> targets() {
        return request.targets();
    }

    /** Target indexes in the order they are served. */
    int[] order() {
        return order;
    }

    /** The target's place among the targets of its video (0 for the first or for none). */
    int staggerIndex(int index) {
        return stagger[index];
    }

    BestTimes bestTimes(String platform) {
        BestTimes asked = request.bestTimes().get(platform);
        return asked != null ? asked : DefaultBestTimes.of(platform);
    }

    /**
     * The accounts the target may go to: the one it names, else all of its platform's (by id).
     *
     * @throws NoSlotException when the platform has no account
     */
    List<AccountSchedule> eligible(int index) {
        TargetRequest target = request.targets().get(index);
        if (target.accountId() != null) {
            return List.of(byId.get(target.accountId()));
        }
        List<AccountSchedule> candidates = byPlatform.getOrDefault(target.platform(), List.of());
        if (candidates.isEmpty()) {
            throw new NoSlotException(NoSlotException.Rule.NO_ACCOUNT, target.platform(), index,
                    "No slot for " + target.platform() + ": the workspace has no " + target.platform() + " account");
        }
        return candidates;
    }

    /**
     * The failure for a target none of whose accounts has a slot left, naming the binding rule: for each of those
     * accounts, every day of the range either has no window time, has used its cap, or has window time left that the
     * gap around other posts fills.
     */
    NoSlotException noSlot(int index, List<AccountSchedule> eligible, ToIntBiFunction<AccountSchedule, Integer> postsOnDay) {
        TargetRequest target = request.targets().get(index);
        int windowDays = 0;
        int capDays = 0;
        int gapDays = 0;
        TreeMap<Integer, Integer> caps = new TreeMap<>();
        for (AccountSchedule account : eligible) {
            int cap = rules.capOf(account);
            for (int day = 0; day < calendar.days(); day++) {
                if (!calendar.hasWindowTime(day)) {
                    continue;
                }
                windowDays++;
                if (postsOnDay.applyAsInt(account, day) >= cap) {
                    capDays++;
                    caps.merge(cap, 1, Integer::sum);
                } else {
                    gapDays++;
                }
            }
        }
        String what = "No slot for " + target.platform() + (target.accountId() == null ? "" : " account " + target.accountId())
                + (boundedByNotAfter ? " between not_before and not_after" : " within " + request.horizonDays() + " days");
        String capText = caps.size() == 1 ? "cap of " + caps.firstKey() : "cap (" + joinCaps(caps) + ")";
        String gapText = "the " + gap() + "-minute gap";
        if (windowDays == 0) {
            return new NoSlotException(NoSlotException.Rule.NO_WINDOW, target.platform(), index, what + ": no posting window lies "
                    + (boundedByNotAfter ? "between not_before and not_after" : "within the " + request.horizonDays() + "-day horizon"));
        }
        if (gapDays == 0) {
            return new NoSlotException(NoSlotException.Rule.DAILY_CAP, target.platform(), index, what + ": every day's " + capText + " is used");
        }
        if (capDays == 0) {
            return new NoSlotException(NoSlotException.Rule.GAP, target.platform(), index, what
                    + ": the posting windows are full, every free minute is within " + gapText + " of another post");
        }
        String days = (eligible.size() == 1 ? " day" : " account-day") + (capDays == 1 ? "" : "s");
        return new NoSlotException(NoSlotException.Rule.CAP_AND_GAP, target.platform(), index, what + ": every day is full ("
                + "the daily " + capText + " is used on " + capDays + days + ", " + gapText + " fills the windows on " + gapDays + ")");
    }

    private static String joinCaps(TreeMap<Integer, Integer> caps) {
        return String.join(", ", caps.keySet().stream().map(String::valueOf).toList());
    }
}
