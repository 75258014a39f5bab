package dev.syndicast.rendering.control;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoProbeTest {

    /** What the bundled ffmpeg 4.4 prints for one of our renders. */
    static final String FFMPEG_I = """
            Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'video.mp4':
              Metadata:
                major_brand     : isom
              Duration: 00:01:00.02, start: 0.000000, bitrate: 151 kb/s
              Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 1080x1920 [SAR 1:1 DAR 9:16], 63 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
                Metadata:
                  handler_name    : VideoHandler
              Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 69 kb/s (default)
              Stream #0:2(eng): Subtitle: mov_text (tx3g / 0x67337874), 0 kb/s (default)
            At least one output file must be specified
            """;

    @Test
    void readsDurationCodecsAndSizeFromFfmpegsBanner() {
        VideoProbe probe = VideoProbe.parse(FFMPEG_I);
        assertThat(probe.durationMs()).isEqualTo(60_020);
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.width()).isEqualTo(1080);
        assertThat(probe.height()).isEqualTo(1920);
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.audioSampleRate()).isEqualTo(44100);
        assertThat(probe.hasSubtitles()).isTrue();
    }

    @Test
    void aFileWithoutADurationIsNotAVideo() {
        assertThatThrownBy(() -> VideoProbe.parse("x.mp4: Invalid data found when processing input"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheMeanVolume() {
        assertThat(VideoProbe.meanVolume("[Parsed_volumedetect_0 @ 0x1] mean_volume: -23.7 dB\n max_volume: -3.1 dB")).isEqualTo(-23.7);
        assertThat(VideoProbe.meanVolume("mean_volume: -inf dB")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void findsFfmpegOnThePathBeforeTheBundledOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
        Path fake = java.nio.file.Files.writeString(bin.resolve("ffmpeg"), "#!/bin/sh\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThat(FfmpegBinary.onPath("/nonexistent:" + bin)).contains(fake);
        assertThat(FfmpegBinary.locate("auto", bin.toString(), dir.resolve("tools"))).isEqualTo(fake);
        assertThat(FfmpegBinary.onPath("/nonexistent")).isEmpty();
    }
}
