package dev.syndicast.rendering.entity;

import java.util.Locale;

/**
 * The video generation API's styles. Each one sets the look of the slides (colours) and the pace of the script (seconds
 * per scene): entertainment cuts fast, documentary lingers.
 */
public enum VideoStyle {
    PROFESSIONAL(0x0B1F3A, 0x1F4E79, 0xFFFFFF, 0x7FB3E6, 8),
    CASUAL(0xFF8A3D, 0xFFC46B, 0x1B1B1B, 0x8A2BE2, 6),
    EDUCATIONAL(0x0E5E3A, 0x2E8B57, 0xFFFFFF, 0xFFE082, 8),
    ENTERTAINMENT(0x6A0DAD, 0xE0218A, 0xFFFFFF, 0xFFEB3B, 5),
    DOCUMENTARY(0x1A1A1A, 0x4A3F35, 0xF2E8D5, 0xC9A66B, 10);

    private final int backgroundTop;
    private final int backgroundBottom;
    private final int text;
    private final int accent;
    private final int secondsPerScene;

    VideoStyle(int backgroundTop, int backgroundBottom, int text, int accent, int secondsPerScene) {
        this.backgroundTop = backgroundTop;
        this.backgroundBottom = backgroundBottom;
        this.text = text;
        this.accent = accent;
        this.secondsPerScene = secondsPerScene;
    }

    public int backgroundTop() { return backgroundTop; }
    public int backgroundBottom() { return backgroundBottom; }
    public int text() { return text; }
    public int accent() { return accent; }
    public int secondsPerScene() { return secondsPerScene; }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VideoStyle fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
