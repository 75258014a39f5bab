package dev.syndicast.planning.control;

import dev.syndicast.planning.entity.AccountSchedule;
import dev.syndicast.planning.entity.NoSlotException;
import dev.syndicast.planning.entity.Plan;
import dev.syndicast.planning.entity.PlanRequest;
import dev.syndicast.planning.entity.PostingRules;

import java.util.List;

/**
 * Places a request's targets into slots under the workspace's rules. Implementations are deterministic (the same
 * input, in any order of accounts or occupied instants, gives the same plan) and hold no state between calls.
 */
public interface SlotPlanner {

    /**
     * @param rules    the workspace's time zone, windows, gap and the platforms' daily caps
     * @param accounts the workspace's accounts of the platforms asked for, each with everything already scheduled on it
     * @param request  the targets, not_before, not_after, horizon and best times
     * @return every target placed, in the request's order
     * @throws NoSlotException when a target has no slot within the horizon (422, naming the binding rule)
     * @throws dev.syndicast.core.entity.InvalidInputException for an unknown platform, an account not of the workspace
     *                                                          or of another platform, or an account listed twice
     */
    Plan plan(PostingRules rules, List<AccountSchedule> accounts, PlanRequest request);
}
