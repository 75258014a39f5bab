package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.time.Instant;
import java.util.List;

/**
 * Targets that go out together (the targets of one post), each as soon at or after {@code aim} as the rules allow: a
 * wish such as a campaign's cadence or calendar names the aim, the planner keeps the rules. The group is placed whole
 * or not at all.
 */
public record AimedGroup(Instant aim, List<TargetRequest> targets) {

    public AimedGroup {
        if (aim == null) {
            throw new InvalidInputException("An aimed group needs its aim");
        }
        targets = List.copyOf(targets == null ? List.of() : targets);
    }
}
