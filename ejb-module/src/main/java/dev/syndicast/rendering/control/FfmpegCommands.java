package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ffmpeg command lines of the pipeline, built as argument lists (no shell, so no quoting bugs). */
public final class FfmpegCommands {

    private FfmpegCommands() {
    }

    /** Encoder settings that do not change per session. */
    public record Encoder(String preset, int fps, int threads) {
    }

    /**
     * Slides (an ffconcat list with per-slide durations) plus the narration into H.264/AAC MP4, the subtitles as a
     * mov_text track. {@code -t} fixes the length: {@code -shortest} overshoots with still images. Progress goes to
     * a file the runner polls.
     */
    public static List<String> encode(Path ffmpeg, Path slides, Path narration, Path subtitles, Path output,
                                      Path progressFile, Quality quality, double seconds, Encoder encoder) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error",
                "-f", "concat", "-safe", "0", "-i", slides.toString(),
                "-i", narration.toString()));
        if (subtitles != null) {
            cmd.addAll(List.of("-i", subtitles.toString()));
        }
        cmd.addAll(List.of("-map", "0:v", "-map", "1:a"));
        if (subtitles != null) {
            cmd.addAll(List.of("-map", "2:s", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng"));
        }
        cmd.addAll(List.of(
                "-vf", "scale=" + quality.width() + ":" + quality.height() + ",format=yuv420p",
                "-r", Integer.toString(encoder.fps()),
                "-c:v", "libx264", "-preset", encoder.preset(), "-tune", "stillimage", "-crf", Integer.toString(quality.crf()),
                "-c:a", "aac", "-b:a", quality.audioBitrate(), "-ar", "44100",
                "-t", String.format(Locale.ROOT, "%.3f", seconds),
                "-movflags", "+faststart"));
        if (encoder.threads() > 0) {
            cmd.addAll(List.of("-threads", Integer.toString(encoder.threads())));
        }
        cmd.addAll(List.of("-progress", progressFile.toString(), "-f", "mp4", output.toString()));
        return cmd;
    }

    /** ffmpeg with an input and no output prints the input's streams and exits 1: the probe without ffprobe. */
    public static List<String> probe(Path ffmpeg, Path file) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-i", file.toString());
    }

    /** Mean and peak volume of the audio track, for checking that the narration is audible. */
    public static List<String> volume(Path ffmpeg, Path file) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-i", file.toString(),
                "-vn", "-sn", "-af", "volumedetect", "-f", "null", "-");
    }

    /** The ffconcat list: each slide with its duration; the last repeated, because concat drops the last duration. */
    public static String concatList(List<Path> slides, List<Long> durationsMs) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < slides.size(); i++) {
            list.append("file '").append(slides.get(i).getFileName()).append("'\n")
                    .append(String.format(Locale.ROOT, "duration %.3f%n", durationsMs.get(i) / 1000.0));
        }
        list.append("file '").append(slides.get(slides.size() - 1).getFileName()).append("'\n");
        return list.toString();
    }

    /** SubRip text of the narration, one cue per scene, timed to when it is spoken. */
    public static String srt(List<String> texts, List<Long> startsMs, List<Long> endsMs) {
        StringBuilder srt = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            srt.append(i + 1).append('\n')
                    .append(timestamp(startsMs.get(i))).append(" --> ").append(timestamp(endsMs.get(i))).append('\n')
                    .append(texts.get(i)).append("\n\n");
        }
        return srt.toString();
    }

    static String timestamp(long ms) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
