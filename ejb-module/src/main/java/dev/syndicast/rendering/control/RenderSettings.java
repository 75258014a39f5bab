package dev.syndicast.rendering.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The rendering settings (docs/configuration.md lists them). */
@ApplicationScoped
public class RenderSettings {

    @Inject
    @ConfigProperty(name = "syndicast.render.max-concurrent", defaultValue = "1")
    int maxConcurrent;

    /**
     * ultrafast: the frames are still slides, so the faster presets lose almost nothing visible; measured on the
     * 2-core machine under load, 60 s at 1080x1920 took 8 s (ultrafast), 20 s (superfast), 32 s (veryfast), for
     * files of 2.9, 1.3 and 1.1 MB.
     */
    @Inject
    @ConfigProperty(name = "syndicast.render.preset", defaultValue = "ultrafast")
    String preset;

    @Inject
    @ConfigProperty(name = "syndicast.render.fps", defaultValue = "25")
    int fps;

    @Inject
    @ConfigProperty(name = "syndicast.render.threads", defaultValue = "0")
    int threads;

    @Inject
    @ConfigProperty(name = "syndicast.render.keep-intermediate", defaultValue = "false")
    boolean keepIntermediate;

    @Inject
    @ConfigProperty(name = "syndicast.render.cleanup-max-age-hours", defaultValue = "24")
    int cleanupMaxAgeHours;

    @Inject
    @ConfigProperty(name = "syndicast.render.stall-after", defaultValue = "PT10M")
    java.time.Duration stallAfter;

    public java.time.Duration stallAfter() { return stallAfter; }
    public int maxConcurrent() { return Math.max(1, maxConcurrent); }
    public FfmpegCommands.Encoder encoder() { return new FfmpegCommands.Encoder(preset, fps, threads); }
    public boolean keepIntermediate() { return keepIntermediate; }
    public int cleanupMaxAgeHours() { return cleanupMaxAgeHours; }
}
