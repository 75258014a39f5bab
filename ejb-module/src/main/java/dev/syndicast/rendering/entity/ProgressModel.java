package dev.syndicast.rendering.entity;

import java.time.Instant;
import java.util.Collection;

/**
 * Overall progress and estimated completion from the stage rows: progress is the weighted sum of the stages'
 * progress; the time left is what remains of the running stage (its estimate, or its measured pace once it has
 * moved) plus the estimates of the stages not started.
 */
public class ProgressModel {

    private final Collection<StageRun> stages;

    public ProgressModel(Collection<StageRun> stages) {
        this.stages = stages;
    }

    public double overallProgress() {
        double sum = 0;
        for (StageRun run : stages) {
            sum += run.getStage().weight() * run.getProgress();
        }
        return Math.round(Math.min(1, sum) * 10_000) / 10_000.0;
    }

    /** Seconds of work left after {@code now}. */
    public double secondsLeft(Instant now) {
        double left = 0;
        for (StageRun run : stages) {
            if (run.isFinished()) {
                continue;
            }
            if (!run.isStarted()) {
                left += run.getEstimatedSeconds();
                continue;
            }
            double elapsed = Math.max(0, (now.toEpochMilli() - run.getStartTime().toEpochMilli()) / 1000.0);
            left += remainingOfRunning(run.getEstimatedSeconds(), elapsed, run.getProgress());
        }
        return left;
    }

    public Instant estimatedCompletion(Instant now) {
        return now.plusMillis(Math.round(secondsLeft(now) * 1000));
    }

    /**
     * Remaining seconds of a running stage: once it reports real progress its own pace wins over the estimate;
     * before that, what is left of the estimate (never less than a second while it runs).
     */
    static double remainingOfRunning(double estimate, double elapsed, double progress) {
        if (progress >= 0.1 && elapsed > 0) {
            return elapsed / progress * (1 - progress);
        }
        return Math.max(1, estimate - elapsed);
    }
}
