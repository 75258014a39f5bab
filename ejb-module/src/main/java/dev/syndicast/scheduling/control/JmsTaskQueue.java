package dev.syndicast.scheduling.control;

import dev.syndicast.core.control.Messaging;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Queue;

import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class JmsTaskQueue implements TaskQueue {

    @Inject
    Messaging messaging;

    @Resource(lookup = Messaging.TASK_QUEUE)
    Queue queue;

    @Override
    public void enqueue(UUID taskId) {
        messaging.send(queue, taskId.toString(), Map.of());
    }
}
