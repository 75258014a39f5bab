package dev.syndicast.rendering.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ffmpeg -i} says about a file, parsed from its banner (the bundled ffmpeg has no ffprobe):
 * duration, video codec and size, audio codec and sample rate.
 */
public record VideoProbe(long durationMs, String videoCodec, int width, int height, String audioCodec,
                         int audioSampleRate, boolean hasSubtitles) {

    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d\\d):(\\d\\d)\\.(\\d\\d)");
    private static final Pattern VIDEO = Pattern.compile("Stream #\\d+:\\d+[^:]*: Video: (\\w+).*?, (\\d{2,5})x(\\d{2,5})");
    private static final Pattern AUDIO = Pattern.compile("Stream #\\d+:\\d+[^:]*: Audio: (\\w+).*?, (\\d+) Hz");
    private static final Pattern SUBTITLE = Pattern.compile("Stream #\\d+:\\d+[^:]*: Subtitle: ");
    private static final Pattern MEAN_VOLUME = Pattern.compile("mean_volume: (-?[\\d.]+|-inf) dB");

    public static VideoProbe parse(String ffmpegOutput) {
        Matcher d = DURATION.matcher(ffmpegOutput);
        if (!d.find()) {
            throw new IllegalArgumentException("No duration in ffmpeg's output: " + tail(ffmpegOutput));
        }
        long durationMs = Long.parseLong(d.group(1)) * 3_600_000 + Long.parseLong(d.group(2)) * 60_000
                + Long.parseLong(d.group(3)) * 1000 + Long.parseLong(d.group(4)) * 10;
        Matcher v = VIDEO.matcher(ffmpegOutput);
        Matcher a = AUDIO.matcher(ffmpegOutput);
        boolean hasVideo = v.find();
        boolean hasAudio = a.find();
        return new VideoProbe(durationMs,
                hasVideo ? v.group(1) : null, hasVideo ? Integer.parseInt(v.group(2)) : 0, hasVideo ? Integer.parseInt(v.group(3)) : 0,
                hasAudio ? a.group(1) : null, hasAudio ? Integer.parseInt(a.group(2)) : 0,
                SUBTITLE.matcher(ffmpegOutput).find());
    }

    /** The mean volume from {@code volumedetect}'s report, or negative infinity for silence. */
    public static double meanVolume(String ffmpegOutput) {
        Matcher m = MEAN_VOLUME.matcher(ffmpegOutput);
        if (!m.find()) {
            throw new IllegalArgumentException("No mean_volume in ffmpeg's output: " + tail(ffmpegOutput));
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static String tail(String text) {
        return text.length() <= 500 ? text : text.substring(text.length() - 500);
    }
}
