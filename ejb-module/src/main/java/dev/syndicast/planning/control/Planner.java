package dev.syndicast.planning.control;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.AimedGroup;
import dev.syndicast.planning.entity.GroupPlacement;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Placement;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;
import dev.syndicast.planning.entity.Slot;
import dev.syndicast.planning.entity.SlotQuery;
import dev.syndicast.planning.entity.TargetRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The smart-scheduling planner: places targets into slots under every rule at once and says why each got its slot.
 *
 * <p>Hard rules, never broken: a post goes out only inside a posting window (none: any time), at least the minimum gap
 * (real minutes) away from every other post on its account, occupied instants included, and no account gets more
 * posts on one local calendar day than its daily cap, occupied ones included; all within [not_before, not_after] and
 * the horizon. Preferences, followed as far as the rules allow: a steady cadence (each day's posts evenly spread over
 * its free window time), best times, several accounts of a platform used least loaded first (the default account on
 * ties), the platforms of one video {@value #STAGGER_MINUTES} minutes apart each.
 *
 * <p>How: targets that name their account are served first, then the rest, each in request order. A target takes the
 * account whose earliest free minute falls on the earliest day, then the one with the fewest posts that day, then the
 * fewest over the first {@value #LOAD_DAYS} days, then the default account, then the lowest id; it claims that
 * earliest minute, which fixes its day. Once every target has its day, each account's days are laid out to the cadence
 * (see {@link Lane}). Claiming earliest-first fits as many posts as fit at all, so a plan fails only when no placement
 * exists; the failure names the rule that binds. Work grows with targets times accounts per platform plus the occupied
 * instants and days, not with the minutes of the horizon. Stateless and thread-safe.
 */
public class Planner implements SlotPlanner {

    /** How far apart the platforms of one video aim (minutes). */
    public static final int STAGGER_MINUTES = 5;
    /** The first days of the range over which an account's load is compared when the day's loads are equal. */
    static final int LOAD_DAYS = 7;

    @Override
    public Plan plan(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request) {
        PlanningRun run = PlanningRun.of(rules, accounts, request);
        Map<UUID, Lane> lanes = new HashMap<>();
        Map<String, List<Lane>> lanesOfPlatform = new HashMap<>();
        List<Lane> ordered = new ArrayList<>();
        for (AccountSchedule account : run.accounts()) {
            Lane lane = new Lane(run, account);
            lanes.put(account.id(), lane);
            lanesOfPlatform.computeIfAbsent(account.platform(), p -> new ArrayList<>()).add(lane);
            ordered.add(lane);
        }
        List<TargetRequest> targets = run.targets();
        for (int index : run.order()) {
            List<AccountSchedule> eligible = run.eligible(index);
            UUID named = targets.get(index).accountId();
            List<Lane> candidates = named != null ? List.of(lanes.get(named)) : lanesOfPlatform.get(targets.get(index).platform());
            Lane chosen = null;
            for (Lane lane : candidates) {
                if (lane.next() != null && (chosen == null || lane.compareTo(chosen) < 0)) {
                    chosen = lane;
                }
            }
            if (chosen == null) {
                throw run.noSlot(index, eligible, (account, day) -> lanes.get(account.id()).postsOnDay(day));
            }
            chosen.claim(index, named == null && candidates.size() > 1 ? chosen.reasonOver(candidates) : null);
        }
        Placement[] placements = new Placement[targets.size()];
        for (Lane lane : ordered) {
            lane.layout(placements, run.bestTimes(lane.account().platform()));
        }
        return new Plan(Arrays.asList(placements));
    }

    /**
     * Places groups of targets, in order, each target at the earliest slot at or after its group's aim (the group's
     * {@code n}-th target {@value #STAGGER_MINUTES} minutes later per target before it, as the platforms of one video
     * are staggered): {@link #availableSlots} on the target's account (or its platform's accounts), with every earlier
     * placement of the run taken as occupied, so every rule holds towards existing posts and towards each other. A
     * group is placed whole: when one of its targets finds no slot, the group's other slots are given back and the
     * group carries the refusal. This is how a wish for particular times (a campaign's cadence or calendar) is
     * followed as far as the rules allow. Same input, same placements.
     */
    public List<GroupPlacement> placeAtAims(PostingRules rules, List<AccountSchedule> accounts, List<AimedGroup> groups,
                                            int horizonDays) {
        Map<UUID, AccountSchedule> byId = new HashMap<>();
        Map<String, List<AccountSchedule>> byPlatform = new HashMap<>();
        for (AccountSchedule account : accounts.stream().sorted(Comparator.comparing(a -> a.id().toString())).toList()) {
            if (byId.put(account.id(), account) != null) {
                throw new InvalidInputException("Account " + account.id() + " is listed twice");
            }
            byPlatform.computeIfAbsent(account.platform(), p -> new ArrayList<>()).add(account);
        }
        Map<UUID, List<Instant>> claimed = new HashMap<>();
        List<GroupPlacement> result = new ArrayList<>(groups.size());
        for (AimedGroup group : groups) {
            List<Placement> placements = new ArrayList<>();
            GroupPlacement refused = null;
            for (int i = 0; i < group.targets().size() && refused == null; i++) {
                TargetRequest target = group.targets().get(i);
                List<AccountSchedule> candidates = target.accountId() != null
                        ? (byId.containsKey(target.accountId()) ? List.of(byId.get(target.accountId())) : List.of())
                        : byPlatform.getOrDefault(target.platform(), List.of());
                if (candidates.isEmpty()) {
                    refused = GroupPlacement.refused(i, "No slot for " + target.platform() + ": " + (target.accountId() == null
                            ? "the workspace has no " + target.platform() + " account"
                            : "account " + target.accountId() + " is disconnected"));
                    continue;
                }
                List<AccountSchedule> current = candidates.stream().map(a -> withClaims(a, claimed.get(a.id()))).toList();
                Instant aim = group.aim().plus(Duration.ofMinutes((long) STAGGER_MINUTES * i));
                try {
                    Slot slot = availableSlots(rules, current, new SlotQuery(target.platform(), target.accountId(), aim, 1, horizonDays))
                            .get(0);
                    // The slot's reason speaks of the query's start; here that start is the group's aim.
                    placements.add(new Placement(i, target, slot.accountId(), slot.at(),
                            slot.reason().replace("at or after not_before", "at or after the aim")));
                    claimed.computeIfAbsent(slot.accountId(), id -> new ArrayList<>()).add(slot.at());
                } catch (NoSlotException none) {
                    refused = GroupPlacement.refused(i, none.getMessage());
                }
            }
            if (refused != null) {
                placements.forEach(p -> claimed.get(p.accountId()).remove(p.at()));
                result.add(refused);
            } else {
                result.add(GroupPlacement.placed(placements));
            }
        }
        return result;
    }

    private static AccountSchedule withClaims(AccountSchedule account, List<Instant> claims) {
        if (claims == null || claims.isEmpty()) {
            return account;
        }
        List<Instant> occupied = new ArrayList<>(account.occupied());
        occupied.addAll(claims);
        return new AccountSchedule(account.id(), account.platform(), account.defaultAccount(), account.dailyCap(), occupied);
    }

    /**
     * The next {@code count} moments at or after {@code query.after()} at which a new post could go out (for
     * {@code GET /schedule/available-slot}): on the named account, else on any account of the platform, earliest
     * first (the default account first at equal times). The slots of one account keep the rules among themselves too,
     * so all of them can be taken. Unlike {@link #plan}, which spreads posts over the day, these are the earliest free
     * minutes; fewer than {@code count} come back when the horizon runs out.
     *
     * @throws NoSlotException when there is no slot at all
     */
    public List<Slot> availableSlots(PostingRules rules, List<AccountSchedule> accounts, SlotQuery query) {
        PlanRequest request = new PlanRequest(List.of(new TargetRequest(query.platform(), query.accountId(), null)),
                query.after(), null, query.horizonDays(), Map.of());
        PlanningRun run = PlanningRun.of(rules, accounts, request);
        List<AccountSchedule> eligible = run.eligible(0);
        record Found(Slot slot, boolean defaultAccount) {
        }
        List<Found> found = new ArrayList<>();
        Map<UUID, Lane> lanes = new HashMap<>();
        for (AccountSchedule account : eligible) {
            Lane lane = new Lane(run, account);
            lanes.put(account.id(), lane);
            for (int i = 0; i < query.count() && lane.next() != null; i++) {
                found.add(new Found(lane.slot(), account.defaultAccount()));
                lane.claim(0, null);
            }
        }
        if (found.isEmpty()) {
            throw run.noSlot(0, eligible, (account, day) -> lanes.get(account.id()).postsOnDay(day));
        }
        return found.stream()
                .sorted(Comparator.comparing((Found f) -> f.slot().at()).thenComparing(f -> !f.defaultAccount())
                        .thenComparing(f -> f.slot().accountId().toString()))
                .limit(query.count()).map(Found::slot).toList();
    }
}
