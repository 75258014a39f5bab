package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.VideoStyle;

/** A validated generate request (the generate body with its defaults applied). */
public record GenerateCommand(String prompt, int durationSeconds, VideoStyle style, String voice, Quality quality,
                              String userId) {
}
