package dev.syndicast.media.control;

import dev.syndicast.media.entity.ProbeFacts;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads probe facts from ffprobe's JSON ({@code -print_format json -show_format -show_streams}) or, when only
 * ffmpeg exists, from the stream summary {@code ffmpeg -i} prints on stderr. Only the first video and first
 * audio stream count.
 */
public final class FfmpegOutput {

    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern TOTAL_BITRATE = Pattern.compile("Duration: [^\\n]*?bitrate: (\\d+) kb/s");
    private static final Pattern VIDEO = Pattern.compile("Stream #\\d+:\\d+[^:]*: Video: ([A-Za-z0-9_]+)([^\\n]*)");
    private static final Pattern AUDIO = Pattern.compile("Stream #\\d+:\\d+[^:]*: Audio: ([A-Za-z0-9_]+)");
    private static final Pattern SIZE = Pattern.compile("(?:^|[ ,])(\\d{2,5})x(\\d{2,5})(?=[ ,\\[]|$)");
    private static final Pattern FPS = Pattern.compile("([\\d.]+)(k?) fps");
    private static final Pattern TBR = Pattern.compile("([\\d.]+)(k?) tbr");

    private FfmpegOutput() {
    }

    /** Parses the stderr of {@code ffmpeg -hide_banner -i FILE}. */
    public static ProbeFacts parseFfmpegInfo(String stderr) {
        Double duration = null;
        Matcher d = DURATION.matcher(stderr);
        if (d.find()) {
            duration = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60 + Double.parseDouble(d.group(3));
        }
        Long bitrate = null;
        Matcher b = TOTAL_BITRATE.matcher(stderr);
        if (b.find()) {
            bitrate = Long.parseLong(b.group(1)) * 1000;
        }
        String videoCodec = null;
        Integer width = null;
        Integer height = null;
        Double frameRate = null;
        Matcher v = VIDEO.matcher(stderr);
        if (v.find()) {
            videoCodec = v.group(1);
            String details = v.group(2);
            Matcher size = SIZE.matcher(details);
            if (size.find()) {
                width = Integer.parseInt(size.group(1));
                height = Integer.parseInt(size.group(2));
            }
            Matcher fps = FPS.matcher(details);
            Matcher tbr = TBR.matcher(details);
            if (fps.find()) {
                frameRate = rate(fps.group(1), fps.group(2));
            } else if (tbr.find()) {
                frameRate = rate(tbr.group(1), tbr.group(2));
            }
        }
        String audioCodec = null;
        Matcher a = AUDIO.matcher(stderr);
        if (a.find()) {
            audioCodec = a.group(1);
        }
        // A still image reports a nominal 25 fps and a 0.04 s duration; neither is a fact about the picture.
        if (videoCodec != null && isImageCodec(videoCodec)) {
            duration = null;
            frameRate = null;
            bitrate = null;
        }
        return new ProbeFacts(duration, width, height, frameRate, videoCodec, audioCodec, bitrate);
    }

    /** Parses ffprobe's JSON. */
    public static ProbeFacts parseFfprobeJson(String json) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            root = reader.readObject();
        }
        JsonObject format = root.containsKey("format") ? root.getJsonObject("format") : JsonValue.EMPTY_JSON_OBJECT;
        Double duration = number(format, "duration");
        Double formatBitrate = number(format, "bit_rate");
        Long bitrate = formatBitrate == null ? null : formatBitrate.longValue();
        String videoCodec = null;
        String audioCodec = null;
        Integer width = null;
        Integer height = null;
        Double frameRate = null;
        if (root.containsKey("streams")) {
            for (JsonValue value : root.getJsonArray("streams")) {
                JsonObject stream = value.asJsonObject();
                String type = stream.getString("codec_type", "");
                if (type.equals("video") && videoCodec == null) {
                    videoCodec = stream.getString("codec_name", null);
                    width = stream.containsKey("width") ? stream.getInt("width") : null;
                    height = stream.containsKey("height") ? stream.getInt("height") : null;
                    frameRate = fraction(stream.getString("avg_frame_rate", null));
                    if (frameRate == null) {
                        frameRate = fraction(stream.getString("r_frame_rate", null));
                    }
                } else if (type.equals("audio") && audioCodec == null) {
                    audioCodec = stream.getString("codec_name", null);
                }
            }
        }
        if (videoCodec != null && isImageCodec(videoCodec)) {
            duration = null;
            frameRate = null;
            bitrate = null;
        }
        return new ProbeFacts(duration, width, height, frameRate, videoCodec, audioCodec, bitrate);
    }

    private static boolean isImageCodec(String codec) {
        return switch (codec) {
            case "mjpeg", "png", "webp", "bmp", "tiff", "jpeg2000" -> true;
            default -> false;
        };
    }

    private static Double rate(String number, String kilo) {
        double value = Double.parseDouble(number);
        return kilo.isEmpty() ? value : value * 1000;
    }

    private static Double number(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (value instanceof JsonString s) {
            try {
                return Double.parseDouble(s.getString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double fraction(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 || numerator == 0 ? null : numerator / denominator;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
