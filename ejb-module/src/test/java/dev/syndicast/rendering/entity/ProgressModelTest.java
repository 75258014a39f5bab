package dev.syndicast.rendering.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressModelTest {

    private static final Instant T0 = Instant.parse("2026-01-19T10:30:00Z");

    @Test
    void weightsAddUpToOne() {
        assertThat(Stage.WORKING.stream().mapToDouble(Stage::weight).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Stage.RESEARCHING.weight()).isEqualTo(0.15);
        assertThat(Stage.SCRIPTING.weight()).isEqualTo(0.20);
        assertThat(Stage.ASSET_SOURCING.weight()).isEqualTo(0.25);
    }

    @Test
    void etaIsTheRestOfTheRunningStagePlusTheEstimatesOfTheOthers() {
        RenderSession s = RenderSessionTest.session();
        s.start(T0);
        s.beginStage(Stage.RESEARCHING, T0);
        s.finishStage(Stage.RESEARCHING, T0.plusSeconds(2));
        s.beginStage(Stage.SCRIPTING, T0.plusSeconds(2));
        // Scripting has not reported progress: the rest of its 10 s estimate (8 s) plus four stages of 10 s.
        assertThat(new ProgressModel(s.getStages()).secondsLeft(T0.plusSeconds(4))).isEqualTo(48.0);
        // At 50 % after 4 s its own pace says 4 s more.
        s.stageProgress(Stage.SCRIPTING, 0.5, T0.plusSeconds(6));
        assertThat(new ProgressModel(s.getStages()).secondsLeft(T0.plusSeconds(6))).isEqualTo(44.0);
        assertThat(s.getEstimatedCompletion()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void aRunningStageNeverPromisesLessThanASecondBeforeItReportsProgress() {
        assertThat(ProgressModel.remainingOfRunning(5, 30, 0)).isEqualTo(1.0);
        assertThat(ProgressModel.remainingOfRunning(5, 2, 0.05)).isEqualTo(3.0);
        assertThat(ProgressModel.remainingOfRunning(5, 10, 0.25)).isEqualTo(30.0);
    }

    @Test
    void queuedSessionsAreEstimatedFromTheirStageEstimates() {
        RenderSession s = new RenderSession(UUID.randomUUID(), null, "A prompt long enough", 30, VideoStyle.CASUAL, null,
                Quality.LOW, RenderSessionTest.estimates(), T0);
        assertThat(new ProgressModel(s.getStages()).overallProgress()).isZero();
        assertThat(s.getEstimatedCompletion()).isEqualTo(T0.plusSeconds(60));
    }
}
