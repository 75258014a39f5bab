package dev.syndicast.media.entity;

/**
 * What probing learned about a file. Every fact may be missing: images have no duration, audio-less videos
 * no audio codec, and a file ffmpeg cannot read has none at all.
 */
public record ProbeFacts(Double durationSeconds, Integer width, Integer height, Double frameRate,
                         String videoCodec, String audioCodec, Long bitrate) {

    public static final ProbeFacts NONE = new ProbeFacts(null, null, null, null, null, null, null);

    public boolean hasVideo() {
        return videoCodec != null;
    }
}
