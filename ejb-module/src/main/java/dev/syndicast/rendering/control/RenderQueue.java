package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Stage;

import java.util.UUID;

/** What the pipeline announces: "run this stage of this session". One JMS message per stage. */
public interface RenderQueue {

    /** Sends in the caller's transaction: the message leaves only if the state change that caused it commits. */
    void enqueue(UUID sessionId, Stage stage);
}
