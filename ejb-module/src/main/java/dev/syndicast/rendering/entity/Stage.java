package dev.syndicast.rendering.entity;

import java.util.List;
import java.util.Locale;

/**
 * The video generation API's stages in pipeline order. {@link #INITIALIZING} is the waiting room (queued, being
 * admitted) and carries no weight; the six working stages' weights add up to 1 and make the overall progress.
 */
public enum Stage {
    INITIALIZING(0.0),
    RESEARCHING(0.15),
    SCRIPTING(0.20),
    ASSET_SOURCING(0.25),
    AUDIO_GENERATION(0.15),
    VIDEO_ASSEMBLY(0.20),
    FINALIZING(0.05);

    /** The stages that run as one JMS message each. */
    public static final List<Stage> WORKING = List.of(RESEARCHING, SCRIPTING, ASSET_SOURCING, AUDIO_GENERATION,
            VIDEO_ASSEMBLY, FINALIZING);

    private final double weight;

    Stage(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the stage after this one, or null after {@link #FINALIZING} */
    public Stage next() {
        return this == FINALIZING ? null : values()[ordinal() + 1];
    }

    public static Stage fromWire(String value) {
        for (Stage stage : values()) {
            if (stage.wire().equals(value)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown stage: " + value);
    }
}
