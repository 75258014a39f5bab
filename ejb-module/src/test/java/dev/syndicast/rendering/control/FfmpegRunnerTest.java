package dev.syndicast.rendering.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The process handling of the encoder, with shell commands standing in for ffmpeg. */
class FfmpegRunnerTest {

    private final FfmpegRunner runner = new FfmpegRunner();

    FfmpegRunnerTest() {
        runner.processes = new RenderProcesses();
    }

    @Test
    void aFailingEncoderFailsWithItsExitCodeAndLastWordsAndLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        Path partial = Files.writeString(dir.resolve("video.part.mp4"), "half");
        List<String> command = List.of("sh", "-c", "echo 'Unknown encoder libx265' >&2; exit 3");
        assertThatThrownBy(() -> runner.encode(UUID.randomUUID(), command, dir.resolve("progress.txt"), dir.resolve("ffmpeg.log"),
                10_000, partial, f -> { }, () -> false))
                .isInstanceOf(RenderFailedException.class)
                .hasMessageContaining("exit code 3").hasMessageContaining("Unknown encoder libx265");
        assertThat(partial).doesNotExist();
    }

    @Test
    void aCancelKillsTheProcessAtOnceAndDeletesThePartialFile(@TempDir Path dir) throws Exception {
        Path partial = dir.resolve("video.part.mp4");
        UUID session = UUID.randomUUID();
        List<String> command = List.of("sh", "-c", "echo partial > '" + partial + "'; "
                + "printf 'out_time_ms=2500000\\nprogress=continue\\n' > '" + dir.resolve("progress.txt") + "'; exec sleep 30");
        List<Double> progress = new ArrayList<>();
        Thread canceller = new Thread(() -> {
            // Cancel once the encoder has written something, as a DELETE during video_assembly would.
            while (!Files.exists(partial)) {
                Thread.onSpinWait();
            }
            runner.processes.cancel(session);
        });
        canceller.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.encode(session, command, dir.resolve("progress.txt"), dir.resolve("ffmpeg.log"),
                10_000, partial, progress::add, () -> runner.processes.isCancelled(session)))
                .isInstanceOf(RenderCancelledException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(partial).doesNotExist();
        assertThat(runner.processes.isRunning(session)).isFalse();
        canceller.join();
    }

    @Test
    void progressComesFromFfmpegsProgressFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.txt"), "frame=10\nout_time_ms=1500000\nprogress=continue\nframe=20\nout_time_us=3000000\n");
        assertThat(FfmpegRunner.outTimeMs(file)).contains(3000L);
        assertThat(FfmpegRunner.outTimeMs(dir.resolve("none.txt"))).isEmpty();
    }
}
