package dev.syndicast.rendering.rest;

import dev.syndicast.rendering.boundary.RenderStats;
import dev.syndicast.rendering.entity.ProgressModel;
import dev.syndicast.rendering.entity.RenderSession;
import dev.syndicast.rendering.entity.StageRun;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The video generation API's response bodies, in the wire shape its existing clients read. Nulls are written out
 * ({@code "error_message": null}), as those clients expect.
 */
final class VideoViews {

    private VideoViews() {
    }

    @JsonbNillable
    public record GenerateResponse(String sessionId, String status, String message, Instant createdAt,
                                   Instant estimatedCompletion) {

        /**
         * Always "queued", as existing clients expect: every session enters the queue, even when the admission in the
         * same transaction starts it at once; status tells the rest.
         */
        static GenerateResponse of(RenderSession s) {
            return new GenerateResponse(s.getId().toString(), "queued", "Video generation started successfully",
                    seconds(s.getCreatedAt()), seconds(s.getEstimatedCompletion()));
        }
    }

    @JsonbNillable
    public record RequestDetails(String prompt, int durationPreference, String style, String voicePreference,
                                 String quality) {
    }

    @JsonbNillable
    public record SessionView(String sessionId, String status, String stage, double progress, Instant createdAt,
                              Instant updatedAt, Instant estimatedCompletion, String errorMessage,
                              RequestDetails requestDetails) {

        static SessionView of(RenderSession s) {
            return new SessionView(s.getId().toString(), s.getStatus().wire(), s.stageWire(), s.getProgress(),
                    seconds(s.getCreatedAt()), seconds(s.getUpdatedAt()), seconds(s.getEstimatedCompletion()),
                    s.getErrorMessage(),
                    new RequestDetails(s.getPrompt(), s.getDurationPreference(), s.getStyle().wire(),
                            s.getVoicePreference(), s.getQuality().wire()));
        }
    }

    @JsonbNillable
    public record StageDetail(double progress, double weight, Instant startTime, Instant endTime, long estimatedDuration) {
    }

    @JsonbNillable
    public record ProgressView(String sessionId, double overallProgress, String currentStage, Instant estimatedCompletion,
                               Map<String, StageDetail> stageDetails) {

        /** Stages appear once they have started, in pipeline order, as existing clients expect. */
        static ProgressView of(RenderSession s) {
            Map<String, StageDetail> details = new LinkedHashMap<>();
            s.getStages().stream()
                    .filter(StageRun::isStarted)
                    .sorted(Comparator.comparing(StageRun::getStage))
                    .forEach(r -> details.put(r.getStage().wire(), new StageDetail(r.getProgress(), r.getStage().weight(),
                            seconds(r.getStartTime()), seconds(r.getEndTime()),
                            Math.round(r.isFinished() ? r.measuredSeconds() : r.getEstimatedSeconds()))));
            double overall = s.getStatus() == dev.syndicast.rendering.entity.RenderStatus.COMPLETED ? 1.0
                    : new ProgressModel(s.getStages()).overallProgress();
            return new ProgressView(s.getId().toString(), overall, s.stageWire(), seconds(s.getEstimatedCompletion()), details);
        }
    }

    public record SessionList(List<SessionView> sessions, long totalCount, int page, int pageSize) {
    }

    public record CancelResponse(String message, String sessionId) {
    }

    public record HealthDetails(String message) {
    }

    public record SystemHealthView(String status, HealthDetails details) {
    }

    public record StatsView(long totalSessions, long activeSessions, Map<String, Long> statusDistribution,
                            Map<String, Long> stageDistribution, double averageProgress, SystemHealthView systemHealth) {

        static StatsView of(RenderStats s) {
            return new StatsView(s.totalSessions(), s.activeSessions(), s.statusDistribution(), s.stageDistribution(),
                    s.averageProgress(), new SystemHealthView(s.health().wire(), new HealthDetails(s.healthMessage())));
        }
    }

    public record CleanupView(String message, int cleanedCount, int maxAgeHours) {
    }

    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
