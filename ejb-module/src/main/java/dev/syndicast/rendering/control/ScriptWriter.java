package dev.syndicast.rendering.control;

/**
 * Turns the research outline into scenes. The offline writer is the default; an OpenAI-compatible HTTP provider
 * can implement this interface as an {@code @Alternative} without touching the pipeline. Whatever writes the
 * script must return scenes whose durations add up to {@code request.durationSeconds()}.
 */
public interface ScriptWriter {

    Script write(Outline outline, RenderRequest request);
}
