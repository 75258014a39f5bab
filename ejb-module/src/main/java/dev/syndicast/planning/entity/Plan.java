package dev.syndicast.planning.entity;

import java.util.List;

/** Every target of a request placed, in the request's order. */
public record Plan(List<Placement> placements) {

    public Plan {
        placements = List.copyOf(placements);
    }

    public Placement get(int index) {
        return placements.get(index);
    }
}
