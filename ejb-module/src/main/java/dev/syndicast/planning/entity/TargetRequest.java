package dev.syndicast.planning.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.UUID;

/**
 * One target to place: its platform, the account when the caller named one ({@code null}: the planner picks among the
 * platform's accounts) and the video (or post) it belongs to ({@code null}: none), so the platforms of one video are
 * staggered rather than sent in the same minute.
 */
public record TargetRequest(String platform, UUID accountId, String video) {

    public TargetRequest {
        if (platform == null || platform.isBlank()) {
            throw new InvalidInputException("A target needs a platform");
        }
    }

    public static TargetRequest of(String platform) {
        return new TargetRequest(platform, null, null);
    }
}
