package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.control.RenderRequest;
import dev.syndicast.rendering.entity.StageDecision;

/** The ledger's answer to "may I run this stage?", with what the stage needs to know. */
public record StageStart(StageDecision decision, RenderRequest request, boolean keepFiles) {
}
