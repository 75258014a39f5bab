package dev.syndicast.planning.entity;

import java.util.List;

/**
 * Where each target of an {@link AimedGroup} went (in the group's order), or why the group found no place:
 * {@code refusedTarget} is the target that found none and {@code refusal} the rule that binds, worded like
 * {@link NoSlotException}'s message; the group's other targets then take no slot either.
 */
public record GroupPlacement(List<Placement> placements, int refusedTarget, String refusal) {

    public GroupPlacement {
        placements = List.copyOf(placements);
    }

    public static GroupPlacement placed(List<Placement> placements) {
        return new GroupPlacement(placements, -1, null);
    }

    public static GroupPlacement refused(int target, String refusal) {
        return new GroupPlacement(List.of(), target, refusal);
    }

    public boolean isPlaced() {
        return refusal == null;
    }
}
