package dev.syndicast.rendering.entity;

import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderSessionTest {

    private static final Instant T0 = Instant.parse("2026-01-19T10:30:00Z");

    static Map<Stage, Double> estimates() {
        Map<Stage, Double> estimates = new EnumMap<>(Stage.class);
        Stage.WORKING.forEach(s -> estimates.put(s, 10.0));
        return estimates;
    }

    static RenderSession session() {
        return new RenderSession(UUID.randomUUID(), "u1", "Create a professional video about AI", 60,
                VideoStyle.PROFESSIONAL, "neutral", Quality.HIGH, estimates(), T0);
    }

    @Test
    void aNewSessionIsQueuedInitializingWithSixStagesAndAnEstimate() {
        RenderSession s = session();
        assertThat(s.getStatus()).isEqualTo(RenderStatus.QUEUED);
        assertThat(s.stageWire()).isEqualTo("initializing");
        assertThat(s.getStages()).hasSize(6);
        assertThat(s.getEstimatedCompletion()).isEqualTo(T0.plusSeconds(60));
        assertThat(s.decide(Stage.RESEARCHING)).isEqualTo(StageDecision.DROP);
    }

    @Test
    void theRequestIsCheckedAsTheSeedSays() {
        assertThatThrownBy(() -> new RenderSession(UUID.randomUUID(), null, "short", 60, VideoStyle.CASUAL, null,
                Quality.LOW, estimates(), T0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Prompt must be between 10 and 2000 characters");
        assertThatThrownBy(() -> new RenderSession(UUID.randomUUID(), null, "long enough prompt", 9, VideoStyle.CASUAL, null,
                Quality.LOW, estimates(), T0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new RenderSession(UUID.randomUUID(), null, "long enough prompt", 601, VideoStyle.CASUAL, null,
                Quality.LOW, estimates(), T0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void stagesRunInOrderAndTheLastOneCompletesTheSession() {
        RenderSession s = session();
        s.start(T0);
        assertThat(s.getStatus()).isEqualTo(RenderStatus.PROCESSING);
        assertThat(s.decide(Stage.SCRIPTING)).isEqualTo(StageDecision.DROP);
        assertThatThrownBy(() -> s.beginStage(Stage.SCRIPTING, T0)).isInstanceOf(IllegalTransitionException.class);

        Instant t = T0;
        for (Stage stage : Stage.WORKING) {
            assertThat(s.decide(stage)).isEqualTo(StageDecision.RUN);
            s.beginStage(stage, t);
            s.stageProgress(stage, 0.5, t.plusSeconds(5));
            t = t.plusSeconds(10);
            if (stage == Stage.FINALIZING) {
                assertThatThrownBy(() -> s.finishStage(Stage.FINALIZING, T0)).isInstanceOf(IllegalTransitionException.class);
                s.recordVideo("/tmp/v.mp4", null, 1080, 1920, 60_000, 1234, t);
            }
            var next = s.finishStage(stage, t);
            assertThat(next).isEqualTo(java.util.Optional.ofNullable(stage.next()));
            assertThat(s.decide(stage)).isIn(StageDecision.ALREADY_DONE, StageDecision.DROP);
        }
        assertThat(s.getStatus()).isEqualTo(RenderStatus.COMPLETED);
        assertThat(s.stageWire()).isEqualTo("completed");
        assertThat(s.getProgress()).isEqualTo(1.0);
        assertThat(s.getEstimatedCompletion()).isNull();
    }

    @Test
    void aFinishedStageDeliveredAgainResendsTheNextOnlyIfTheNextNeverStarted() {
        RenderSession s = session();
        s.start(T0);
        s.beginStage(Stage.RESEARCHING, T0);
        s.finishStage(Stage.RESEARCHING, T0);
        assertThat(s.decide(Stage.RESEARCHING)).isEqualTo(StageDecision.ALREADY_DONE);
        s.beginStage(Stage.SCRIPTING, T0);
        assertThat(s.decide(Stage.RESEARCHING)).isEqualTo(StageDecision.DROP);
        assertThat(s.decide(Stage.ASSET_SOURCING)).isEqualTo(StageDecision.DROP);
    }

    @Test
    void aStalledSessionResumesAtItsFirstUnfinishedStage() {
        RenderSession s = session();
        assertThatThrownBy(() -> s.resume(T0)).isInstanceOf(IllegalTransitionException.class);
        s.start(T0);
        assertThat(s.resume(T0)).isEqualTo(Stage.RESEARCHING);
        s.beginStage(Stage.RESEARCHING, T0);
        s.finishStage(Stage.RESEARCHING, T0);
        s.beginStage(Stage.SCRIPTING, T0);
        assertThat(s.resume(T0.plusSeconds(900))).isEqualTo(Stage.SCRIPTING);
        assertThat(s.getUpdatedAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(s.decide(Stage.SCRIPTING)).isEqualTo(StageDecision.RUN);
    }

    @Test
    void aRedeliveredStageStartsOverButKeepsItsFirstStartTime() {
        RenderSession s = session();
        s.start(T0);
        s.beginStage(Stage.RESEARCHING, T0);
        s.stageProgress(Stage.RESEARCHING, 0.7, T0.plusSeconds(1));
        s.beginStage(Stage.RESEARCHING, T0.plusSeconds(30));
        StageRunAssert.of(s, Stage.RESEARCHING, 0.0, T0);
    }

    @Test
    void cancelIsAllowedWhileActiveIdempotentAndRefusedWhenFinished() {
        RenderSession queued = session();
        assertThat(queued.cancel(true, T0)).isTrue();
        assertThat(queued.getStatus()).isEqualTo(RenderStatus.CANCELLED);
        assertThat(queued.isKeepFiles()).isTrue();
        assertThat(queued.cancel(false, T0)).isFalse();
        assertThatThrownBy(() -> queued.start(T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> queued.fail("x", T0)).isInstanceOf(IllegalTransitionException.class);

        RenderSession failed = session();
        failed.start(T0);
        failed.fail("ffmpeg failed", T0);
        assertThat(failed.getErrorMessage()).isEqualTo("ffmpeg failed");
        assertThatThrownBy(() -> failed.cancel(false, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThat(failed.decide(Stage.RESEARCHING)).isEqualTo(StageDecision.DROP);
    }

    @Test
    void progressIsTheWeightedSumOfTheStages() {
        RenderSession s = session();
        s.start(T0);
        s.beginStage(Stage.RESEARCHING, T0);
        s.finishStage(Stage.RESEARCHING, T0.plusSeconds(1));
        s.beginStage(Stage.SCRIPTING, T0.plusSeconds(1));
        s.stageProgress(Stage.SCRIPTING, 0.5, T0.plusSeconds(2));
        assertThat(s.getProgress()).isEqualTo(0.15 + 0.10);
    }

    /** Reads one stage row of a session. */
    static final class StageRunAssert {
        static void of(RenderSession s, Stage stage, double progress, Instant start) {
            StageRun run = s.getStages().stream().filter(r -> r.getStage() == stage).findFirst().orElseThrow();
            assertThat(run.getProgress()).isEqualTo(progress);
            assertThat(run.getStartTime()).isEqualTo(start);
            assertThat(run.getEndTime()).isNull();
        }
    }
}
