package dev.syndicast.media.control;

import dev.syndicast.media.entity.ProbeFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Probes a real MP4 that the test encodes with whatever ffmpeg the locator finds: the one on PATH, or the
 * static binary from the jave-nativebin jar on the test class path (no ffprobe: the {@code ffmpeg -i} route).
 */
class MediaProberTest {

    @TempDir
    static Path dir;

    static FfmpegTools tools;
    static Path clip;

    @BeforeAll
    static void encodeAClip() throws Exception {
        tools = FfmpegTools.locate(Optional.empty(), Optional.empty(), dir.resolve("tools"));
        assumeTrue(tools.ffmpeg().isPresent(), "no ffmpeg on PATH and no bundled binary for this platform");
        clip = dir.resolve("clip.mp4");
        Process encode = new ProcessBuilder(List.of(tools.ffmpeg().get().toString(), "-hide_banner", "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                clip.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("encode.log").toFile())
                .start();
        assertThat(encode.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(encode.exitValue()).as(Files.readString(dir.resolve("encode.log"))).isZero();
    }

    @Test
    void probesTheFactsOfAGeneratedMp4() {
        ProbeFacts facts = new MediaProber(tools, Duration.ofSeconds(30)).probe(clip);
        assertThat(facts.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(facts.width()).isEqualTo(320);
        assertThat(facts.height()).isEqualTo(240);
        assertThat(facts.frameRate()).isCloseTo(25.0, within(0.01));
        assertThat(facts.videoCodec()).isEqualTo("h264");
        assertThat(facts.audioCodec()).isEqualTo("aac");
        assertThat(facts.bitrate()).isPositive();
    }

    @Test
    void cutsAJpegThumbnail() throws Exception {
        Path thumbnail = dir.resolve("thumb.jpg");
        assertThat(new MediaProber(tools, Duration.ofSeconds(30)).thumbnail(clip, 2.0, thumbnail)).isTrue();
        assertThat(MimeSniffer.sniff(Files.readAllBytes(thumbnail))).isEqualTo("image/jpeg");
    }

    @Test
    void prefersFfprobeWhereItExists() throws Exception {
        // A stand-in ffprobe that answers like the real one: proves the JSON route is taken and parsed.
        Path ffprobe = dir.resolve("ffprobe");
        Files.writeString(ffprobe, "#!/bin/sh\ncat <<'JSON'\n{\"streams\":[{\"codec_type\":\"video\",\"codec_name\":\"hevc\","
                + "\"width\":1080,\"height\":1920,\"avg_frame_rate\":\"30000/1001\"}],"
                + "\"format\":{\"duration\":\"12.5\",\"bit_rate\":\"4000000\"}}\nJSON\n");
        assertThat(ffprobe.toFile().setExecutable(true)).isTrue();
        ProbeFacts facts = new MediaProber(FfmpegTools.of(tools.ffmpeg(), Optional.of(ffprobe)), Duration.ofSeconds(30)).probe(clip);
        assertThat(facts.videoCodec()).isEqualTo("hevc");
        assertThat(facts.width()).isEqualTo(1080);
        assertThat(facts.frameRate()).isCloseTo(29.97, within(0.01));
        assertThat(facts.durationSeconds()).isEqualTo(12.5);
        assertThat(facts.bitrate()).isEqualTo(4_000_000L);
    }

    @Test
    void aFileFfmpegCannotReadHasNoFacts() throws Exception {
        Path junk = Files.write(dir.resolve("junk.mp4"), MimeSnifferTest.ftyp("isom"));
        ProbeFacts facts = new MediaProber(tools, Duration.ofSeconds(30)).probe(junk);
        assertThat(facts.durationSeconds()).isNull();
        assertThat(facts.videoCodec()).isNull();
    }

    @Test
    void withoutToolsThereAreNoFactsAndNoThumbnail() throws Exception {
        MediaProber prober = new MediaProber(FfmpegTools.of(Optional.empty(), Optional.empty()), Duration.ofSeconds(5));
        assertThat(prober.probe(clip)).isEqualTo(ProbeFacts.NONE);
        assertThat(prober.thumbnail(clip, 2.0, dir.resolve("none.jpg"))).isFalse();
    }

    @Test
    void anUnusableConfiguredPathFallsBackToTheNextCandidate() {
        FfmpegTools located = FfmpegTools.locate(Optional.of("/nonexistent/ffmpeg"), Optional.empty(), dir.resolve("tools"));
        assertThat(located.ffmpeg()).isEqualTo(tools.ffmpeg());
    }
}
