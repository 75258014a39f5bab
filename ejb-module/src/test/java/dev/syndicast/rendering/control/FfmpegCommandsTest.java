package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FfmpegCommandsTest {

    @Test
    void encodeMakesH264AndAacAtTheQualitysSizeForExactlyTheDuration() {
        List<String> cmd = FfmpegCommands.encode(Path.of("/bin/ffmpeg"), Path.of("/w/slides/slides.ffconcat"),
                Path.of("/w/narration.wav"), Path.of("/w/subtitles.srt"), Path.of("/w/video.part.mp4"),
                Path.of("/w/progress.txt"), Quality.HIGH, 60, new FfmpegCommands.Encoder("veryfast", 25, 0));
        String line = String.join(" ", cmd);
        assertThat(cmd.get(0)).isEqualTo("/bin/ffmpeg");
        assertThat(line).contains("-f concat -safe 0 -i /w/slides/slides.ffconcat", "-i /w/narration.wav", "-i /w/subtitles.srt",
                "-map 0:v -map 1:a -map 2:s -c:s mov_text", "scale=1080:1920,format=yuv420p", "-c:v libx264 -preset veryfast",
                "-c:a aac", "-t 60.000", "-progress /w/progress.txt");
        assertThat(cmd).doesNotContain("-threads", "-shortest");
        assertThat(cmd.get(cmd.size() - 1)).isEqualTo("/w/video.part.mp4");

        List<String> low = FfmpegCommands.encode(Path.of("ffmpeg"), Path.of("s"), Path.of("n"), null, Path.of("o"),
                Path.of("p"), Quality.LOW, 10.5, new FfmpegCommands.Encoder("ultrafast", 30, 2));
        assertThat(String.join(" ", low)).contains("scale=360:640", "-r 30", "-preset ultrafast", "-threads 2", "-t 10.500")
                .doesNotContain("mov_text");
    }

    @Test
    void theConcatListRepeatsTheLastSlide() {
        String list = FfmpegCommands.concatList(List.of(Path.of("/w/slide-000.png"), Path.of("/w/slide-001.png")), List.of(5000L, 2500L));
        assertThat(list).isEqualTo("""
                ffconcat version 1.0
                file 'slide-000.png'
                duration 5.000
                file 'slide-001.png'
                duration 2.500
                file 'slide-001.png'
                """);
    }

    @Test
    void subtitlesAreSubRip() {
        assertThat(FfmpegCommands.srt(List.of("Hello there", "Bye"), List.of(0L, 61_500L), List.of(2_000L, 3_723_004L)))
                .isEqualTo("1\n00:00:00,000 --> 00:00:02,000\nHello there\n\n2\n00:01:01,500 --> 01:02:03,004\nBye\n\n");
    }
}
