package dev.syndicast.rendering.control;

/** One slide of the video: a heading on screen, a narration spoken over it, and how long it lasts. */
public record Scene(int index, String heading, String narration, long durationMs) {
}
