package dev.syndicast.rendering.control;

import dev.syndicast.core.control.Messaging;
import dev.syndicast.rendering.entity.Stage;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;

import java.util.Map;
import java.util.UUID;

/** {@link RenderQueue} on the JMS render queue (declared with the others on {@link Messaging}). */
@ApplicationScoped
public class JmsRenderQueue implements RenderQueue {

    @Inject
    Messaging messaging;

    @Resource(lookup = Messaging.RENDER_QUEUE)
    Queue queue;

    @Override
    public void enqueue(UUID sessionId, Stage stage) {
        messaging.send(queue, format(sessionId, stage), Map.of());
    }

    public static String format(UUID sessionId, Stage stage) {
        return sessionId + " " + stage.wire();
    }
}
