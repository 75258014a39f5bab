package dev.syndicast.rendering.entity;

/** What to do with a delivered stage message; see {@link RenderSession#decide(Stage)}. */
public enum StageDecision {
    RUN, ALREADY_DONE, DROP
}
