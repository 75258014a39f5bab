package dev.syndicast.rendering.entity;

import java.util.Locale;

/** The video generation API's quality settings as vertical (9:16) output sizes and encoder settings. */
public enum Quality {
    LOW(360, 640, 28, "64k"),
    MEDIUM(720, 1280, 25, "96k"),
    HIGH(1080, 1920, 23, "128k"),
    ULTRA(1440, 2560, 20, "192k");

    private final int width;
    private final int height;
    private final int crf;
    private final String audioBitrate;

    Quality(int width, int height, int crf, String audioBitrate) {
        this.width = width;
        this.height = height;
        this.crf = crf;
        this.audioBitrate = audioBitrate;
    }

    public int width() { return width; }
    public int height() { return height; }
    public int crf() { return crf; }
    public String audioBitrate() { return audioBitrate; }

    /** Pixels relative to HIGH: encoding and slide drawing cost scale with it. */
    public double pixelFactor() {
        return (double) width * height / (1080.0 * 1920.0);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Quality fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
