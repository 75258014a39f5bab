package dev.syndicast.scheduling.control;

import java.util.UUID;

/** What a handler learns about the task it runs. {@code attempt} starts at 1. */
public record TaskContext(UUID id, String kind, String payload, int attempt, int delivery) {
}
