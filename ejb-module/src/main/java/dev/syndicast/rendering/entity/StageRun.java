package dev.syndicast.rendering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One working stage of one session: when it started and ended, how far it got, how long it should take. */
@Entity
@Table(name = "render_stages")
public class StageRun {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "session_id")
    private RenderSession session;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Stage stage;

    @Column(nullable = false)
    private double progress;

    @Column(name = "start_time")
    private Instant startTime;

    @Column(name = "end_time")
    private Instant endTime;

    @Column(name = "estimated_seconds", nullable = false)
    private double estimatedSeconds;

    protected StageRun() {
        // JPA
    }

    StageRun(RenderSession session, Stage stage, double estimatedSeconds) {
        this.id = UUID.randomUUID();
        this.session = session;
        this.stage = stage;
        this.estimatedSeconds = estimatedSeconds;
    }

    /** A stage restarted after a crash starts over from nothing but keeps its first start time. */
    void start(Instant now) {
        if (startTime == null) {
            startTime = now;
        }
        endTime = null;
        progress = 0;
    }

    void progress(double fraction) {
        progress = Math.max(0, Math.min(1, fraction));
    }

    void finish(Instant now) {
        progress = 1;
        endTime = now;
    }

    void estimate(double seconds) {
        estimatedSeconds = seconds;
    }

    public boolean isFinished() {
        return endTime != null;
    }

    public boolean isStarted() {
        return startTime != null;
    }

    /** Measured seconds of a finished stage. */
    public double measuredSeconds() {
        return isFinished() ? Duration.between(startTime, endTime).toMillis() / 1000.0 : 0;
    }

    public UUID getId() { return id; }
    public Stage getStage() { return stage; }
    public double getProgress() { return progress; }
    public Instant getStartTime() { return startTime; }
    public Instant getEndTime() { return endTime; }
    public double getEstimatedSeconds() { return estimatedSeconds; }
}
