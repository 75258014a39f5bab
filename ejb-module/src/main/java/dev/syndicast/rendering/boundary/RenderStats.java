package dev.syndicast.rendering.boundary;

import dev.syndicast.system.control.HealthStatus;

import java.util.Map;

/** The video generation API's system statistics for one workspace. */
public record RenderStats(long totalSessions, long activeSessions, Map<String, Long> statusDistribution,
                          Map<String, Long> stageDistribution, double averageProgress, HealthStatus health,
                          String healthMessage) {
}
