package dev.syndicast.planning.entity;

import java.time.Instant;
import java.util.UUID;

/** Where one target of a request goes: its position in the request, the account, the moment and why. */
public record Placement(int index, TargetRequest target, UUID accountId, Instant at, String reason) {
}
