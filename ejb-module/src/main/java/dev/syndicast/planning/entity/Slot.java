package dev.syndicast.planning.entity;

import java.time.Instant;
import java.util.UUID;

/** A moment at which a new post could go out on the account, and why it is that moment. */
public record Slot(UUID accountId, Instant at, String reason) {
}
