package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One connected account as the planner sees it: its platform, whether it is the platform's default account, its own
 * daily cap if it overrides the platform's ({@code null}: the platform's), and every instant already taken on it
 * (targets of other posts, manual schedules, posts still importing media). Occupied instants count towards the daily
 * cap and keep the minimum gap like planned ones.
 */
public record AccountSchedule(UUID id, String platform, boolean defaultAccount, Integer dailyCap, List<Instant> occupied) {

    public AccountSchedule {
        if (id == null || platform == null || platform.isBlank()) {
            throw new InvalidInputException("An account needs an id and a platform");
        }
        if (dailyCap != null && dailyCap < 0) {
            throw new InvalidInputException("The daily cap of account " + id + " must not be negative");
        }
        occupied = List.copyOf(occupied == null ? List.of() : occupied);
    }
}
