package dev.syndicast.rendering.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One video generation: the request, where the pipeline is, and what came out. The status and stage change only
 * through the methods below, which refuse what a session's life cycle does not allow
 * (queued → processing → completed | failed; queued or processing → cancelled).
 */
@Entity
@Table(name = "render_sessions")
@NamedQuery(name = RenderSession.LIST_FOR_WORKSPACE, query = """
        select s from RenderSession s where s.workspaceId = :workspace
           and (:userId is null or s.userId = :userId) and (:status is null or s.status = :status)
         order by s.createdAt desc, s.id""")
@NamedQuery(name = RenderSession.COUNT_FOR_WORKSPACE, query = """
        select count(s) from RenderSession s where s.workspaceId = :workspace
           and (:userId is null or s.userId = :userId) and (:status is null or s.status = :status)""")
@NamedQuery(name = RenderSession.COUNT_BY_STATUS, query = """
        select s.status, count(s), avg(s.progress) from RenderSession s where s.workspaceId = :workspace group by s.status""")
@NamedQuery(name = RenderSession.COUNT_ACTIVE_BY_STAGE, query = """
        select s.stage, count(s) from RenderSession s where s.workspaceId = :workspace and s.status in :statuses group by s.stage""")
@NamedQuery(name = RenderSession.FIND_EXPIRED, query = """
        select s from RenderSession s where s.status in :finalStatuses and s.finishedAt < :cutoff order by s.finishedAt""")
@NamedQuery(name = RenderSession.FIND_EXPIRED_IN_WORKSPACE, query = """
        select s from RenderSession s where s.workspaceId = :workspace and s.status in :finalStatuses and s.finishedAt < :cutoff
        order by s.finishedAt""")
@NamedQuery(name = RenderSession.FIND_STALLED, query = """
        select s.id from RenderSession s where s.status = dev.syndicast.rendering.entity.RenderStatus.PROCESSING
           and s.updatedAt < :cutoff order by s.updatedAt""")
@NamedQuery(name = RenderSession.COUNT_PROCESSING, query = """
        select count(s) from RenderSession s where s.status = dev.syndicast.rendering.entity.RenderStatus.PROCESSING""")
public class RenderSession {

    public static final String LIST_FOR_WORKSPACE = "RenderSession.listForWorkspace";
    public static final String COUNT_FOR_WORKSPACE = "RenderSession.countForWorkspace";
    public static final String COUNT_BY_STATUS = "RenderSession.countByStatus";
    public static final String COUNT_ACTIVE_BY_STAGE = "RenderSession.countActiveByStage";
    public static final String FIND_EXPIRED = "RenderSession.findExpired";
    public static final String FIND_EXPIRED_IN_WORKSPACE = "RenderSession.findExpiredInWorkspace";
    public static final String COUNT_PROCESSING = "RenderSession.countProcessing";
    public static final String FIND_STALLED = "RenderSession.findStalled";
    static final int MAX_ERROR_LENGTH = 2000;

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false)
    private UUID workspaceId;

    @Column(name = "user_id", length = 200)
    private String userId;

    @Column(nullable = false, columnDefinition = "text")
    private String prompt;

    @Column(name = "duration_preference", nullable = false)
    private int durationPreference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private VideoStyle style;

    @Column(name = "voice_preference", nullable = false, length = 100)
    private String voicePreference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Quality quality;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RenderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Stage stage;

    @Column(nullable = false)
    private double progress;

    @Column(name = "error_message", columnDefinition = "text")
    private String errorMessage;

    @Column(name = "estimated_completion")
    private Instant estimatedCompletion;

    @Column(name = "keep_files", nullable = false)
    private boolean keepFiles;

    @Column(name = "output_path", columnDefinition = "text")
    private String outputPath;

    @Column(name = "media_ref", length = 200)
    private String mediaRef;

    @Column(name = "video_width")
    private Integer videoWidth;

    @Column(name = "video_height")
    private Integer videoHeight;

    @Column(name = "video_duration_ms")
    private Long videoDurationMs;

    @Column(name = "file_size")
    private Long fileSize;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    private List<StageRun> stages = new ArrayList<>();

    @Version
    private long version;

    protected RenderSession() {
        // JPA
    }

    public RenderSession(UUID workspaceId, String userId, String prompt, int durationPreference, VideoStyle style,
                         String voicePreference, Quality quality, Map<Stage, Double> estimatedSeconds, Instant now) {
        if (prompt == null || prompt.strip().length() < 10 || prompt.length() > 2000) {
            throw new InvalidInputException("Prompt must be between 10 and 2000 characters");
        }
        if (durationPreference < 10 || durationPreference > 600) {
            throw new InvalidInputException("Duration must be between 10 and 600 seconds");
        }
        this.id = UUID.randomUUID();
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.userId = userId;
        this.prompt = prompt;
        this.durationPreference = durationPreference;
        this.style = Objects.requireNonNull(style, "style");
        this.voicePreference = voicePreference == null ? "neutral" : voicePreference;
        this.quality = Objects.requireNonNull(quality, "quality");
        this.status = RenderStatus.QUEUED;
        this.stage = Stage.INITIALIZING;
        this.createdAt = now;
        this.updatedAt = now;
        for (Stage working : Stage.WORKING) {
            stages.add(new StageRun(this, working, estimatedSeconds.getOrDefault(working, 1.0)));
        }
        this.estimatedCompletion = new ProgressModel(stages).estimatedCompletion(now);
    }

    /** Admitted under the concurrency limit: the pipeline starts with its first working stage. */
    public void start(Instant now) {
        require(status == RenderStatus.QUEUED, "start");
        status = RenderStatus.PROCESSING;
        startedAt = now;
        updatedAt = now;
    }

    /**
     * Decides what a delivered stage message means: run it, skip it (already done: the message came again after
     * the next one was sent) or drop it (the session is over or elsewhere).
     */
    public StageDecision decide(Stage requested) {
        if (status != RenderStatus.PROCESSING) {
            return StageDecision.DROP;
        }
        StageRun run = run(requested);
        if (run.isFinished()) {
            // Finished but the next stage never started: the delivery that finished it did not commit its message.
            Stage next = requested.next();
            return next != null && !run(next).isStarted() ? StageDecision.ALREADY_DONE : StageDecision.DROP;
        }
        Stage expected = firstUnfinished();
        return expected == requested ? StageDecision.RUN : StageDecision.DROP;
    }

    public void beginStage(Stage working, Instant now) {
        require(status == RenderStatus.PROCESSING, "begin " + working.wire());
        if (firstUnfinished() != working) {
            throw new IllegalTransitionException("Render session", stage.wire(), "begin " + working.wire()
                    + " before the stages ahead of it finished");
        }
        stage = working;
        run(working).start(now);
        recompute(now);
    }

    public void stageProgress(Stage working, double fraction, Instant now) {
        if (status != RenderStatus.PROCESSING || stage != working) {
            return;
        }
        run(working).progress(fraction);
        recompute(now);
    }

    /**
     * The stage is done. After {@link Stage#FINALIZING} the session is complete.
     *
     * @return the next stage to run, or empty when the session is complete
     */
    public Optional<Stage> finishStage(Stage working, Instant now) {
        require(status == RenderStatus.PROCESSING && stage == working, "finish " + working.wire());
        run(working).finish(now);
        Stage next = working.next();
        if (next == null) {
            if (outputPath == null) {
                throw new IllegalTransitionException("Render session", stage.wire(), "complete without a video");
            }
            status = RenderStatus.COMPLETED;
            finishedAt = now;
            progress = 1;
            estimatedCompletion = null;
            updatedAt = now;
            return Optional.empty();
        }
        recompute(now);
        return Optional.of(next);
    }

    /** Finalizing probed the file and handed it to the media library. */
    public void recordVideo(String path, String mediaRef, int width, int height, long durationMs, long size, Instant now) {
        require(status == RenderStatus.PROCESSING && stage == Stage.FINALIZING, "record its video");
        this.outputPath = path;
        this.mediaRef = mediaRef;
        this.videoWidth = width;
        this.videoHeight = height;
        this.videoDurationMs = durationMs;
        this.fileSize = size;
        this.updatedAt = now;
    }

    public void fail(String message, Instant now) {
        require(status.isActive(), "fail");
        status = RenderStatus.FAILED;
        errorMessage = message == null ? "Unknown failure"
                : message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
        finishedAt = now;
        estimatedCompletion = null;
        updatedAt = now;
    }

    /**
     * Cancels a session that has not finished. Cancelling twice is harmless (the CLI may retry); a completed or
     * failed session cannot be cancelled.
     *
     * @return false if it was already cancelled
     */
    public boolean cancel(boolean keepFiles, Instant now) {
        if (status == RenderStatus.CANCELLED) {
            return false;
        }
        require(status.isActive(), "be cancelled");
        status = RenderStatus.CANCELLED;
        this.keepFiles = keepFiles;
        finishedAt = now;
        estimatedCompletion = null;
        updatedAt = now;
        return true;
    }

    /**
     * The stage to send again for a processing session nobody has touched for a long time (its message was lost,
     * e.g. with a wiped broker journal): the first unfinished one. Marks the session touched so the next watchdog
     * round does not send it again at once.
     */
    public Stage resume(Instant now) {
        require(status == RenderStatus.PROCESSING, "resume");
        updatedAt = now;
        return firstUnfinished();
    }

    /** Sets the ETA while queued (the pipeline has not measured anything of this session yet). */
    public void estimateCompletion(Instant eta) {
        this.estimatedCompletion = eta;
    }

    /** Replaces the stage estimates with figures measured on this installation. */
    public void reestimate(Map<Stage, Double> estimatedSeconds, Instant now) {
        for (StageRun run : stages) {
            if (!run.isFinished() && estimatedSeconds.containsKey(run.getStage())) {
                run.estimate(estimatedSeconds.get(run.getStage()));
            }
        }
        recompute(now);
    }

    private void recompute(Instant now) {
        ProgressModel model = new ProgressModel(stages);
        progress = model.overallProgress();
        estimatedCompletion = model.estimatedCompletion(now);
        updatedAt = now;
    }

    private Stage firstUnfinished() {
        return stages.stream().filter(r -> !r.isFinished()).map(StageRun::getStage)
                .min(Enum::compareTo).orElse(null);
    }

    private StageRun run(Stage working) {
        return stages.stream().filter(r -> r.getStage() == working).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a working stage: " + working));
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalTransitionException("Render session", status.wire(), action);
        }
    }

    /** What the API shows as the stage: existing clients read a completed session's stage as "completed". */
    public String stageWire() {
        return status == RenderStatus.COMPLETED ? "completed" : stage.wire();
    }

    public UUID getId() { return id; }
    public UUID getWorkspaceId() { return workspaceId; }
    public String getUserId() { return userId; }
    public String getPrompt() { return prompt; }
    public int getDurationPreference() { return durationPreference; }
    public VideoStyle getStyle() { return style; }
    public String getVoicePreference() { return voicePreference; }
    public Quality getQuality() { return quality; }
    public RenderStatus getStatus() { return status; }
    public Stage getStage() { return stage; }
    public double getProgress() { return progress; }
    public String getErrorMessage() { return errorMessage; }
    public Instant getEstimatedCompletion() { return estimatedCompletion; }
    public boolean isKeepFiles() { return keepFiles; }
    public String getOutputPath() { return outputPath; }
    public String getMediaRef() { return mediaRef; }
    public Integer getVideoWidth() { return videoWidth; }
    public Integer getVideoHeight() { return videoHeight; }
    public Long getVideoDurationMs() { return videoDurationMs; }
    public Long getFileSize() { return fileSize; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public List<StageRun> getStages() { return Collections.unmodifiableList(stages); }
}
