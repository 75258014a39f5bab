package dev.syndicast.media.control;

import dev.syndicast.media.entity.ProbeFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FfmpegOutputTest {

    @Test
    void readsTheStreamSummaryOfFfmpeg() {
        String stderr = """
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'out.mp4':
                  Metadata:
                    major_brand     : isom
                  Duration: 00:01:02.50, start: 0.000000, bitrate: 1222 kb/s
                  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1080x1920 [SAR 1:1 DAR 9:16], 1138 kb/s, 29.97 fps, 29.97 tbr, 30k tbn, 59.94 tbc (default)
                  Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 74 kb/s (default)
                At least one output file must be specified
                """;
        ProbeFacts facts = FfmpegOutput.parseFfmpegInfo(stderr);
        assertThat(facts.durationSeconds()).isCloseTo(62.5, within(0.001));
        assertThat(facts.width()).isEqualTo(1080);
        assertThat(facts.height()).isEqualTo(1920);
        assertThat(facts.frameRate()).isCloseTo(29.97, within(0.001));
        assertThat(facts.videoCodec()).isEqualTo("h264");
        assertThat(facts.audioCodec()).isEqualTo("aac");
        assertThat(facts.bitrate()).isEqualTo(1_222_000L);
    }

    @Test
    void stillImagesHaveNoDurationOrRate() {
        String stderr = """
                Input #0, png_pipe, from 'a.png':
                  Duration: N/A, bitrate: N/A
                  Stream #0:0: Video: png, rgba(pc), 640x480, 25 fps, 25 tbr, 25 tbn, 25 tbc
                """;
        ProbeFacts facts = FfmpegOutput.parseFfmpegInfo(stderr);
        assertThat(facts.width()).isEqualTo(640);
        assertThat(facts.height()).isEqualTo(480);
        assertThat(facts.durationSeconds()).isNull();
        assertThat(facts.frameRate()).isNull();
        assertThat(facts.audioCodec()).isNull();
    }

    @Test
    void garbageGivesNoFacts() {
        assertThat(FfmpegOutput.parseFfmpegInfo("x.mp4: Invalid data found when processing input")).isEqualTo(ProbeFacts.NONE);
    }

    @Test
    void readsFfprobeJson() {
        String json = """
                {"streams":[
                  {"index":0,"codec_name":"h264","codec_type":"video","width":320,"height":240,"r_frame_rate":"25/1","avg_frame_rate":"25/1"},
                  {"index":1,"codec_name":"aac","codec_type":"audio","sample_rate":"44100"}],
                 "format":{"duration":"2.000000","bit_rate":"222870","format_name":"mov,mp4,m4a,3gp,3g2,mj2"}}
                """;
        ProbeFacts facts = FfmpegOutput.parseFfprobeJson(json);
        assertThat(facts).isEqualTo(new ProbeFacts(2.0, 320, 240, 25.0, "h264", "aac", 222_870L));
    }
}
