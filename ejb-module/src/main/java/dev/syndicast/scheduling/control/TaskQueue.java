package dev.syndicast.scheduling.control;

import java.util.UUID;

/** What the dispatcher announces: "this task is due, run it". Implemented with JMS; tests may swap it. */
public interface TaskQueue {

    void enqueue(UUID taskId);
}
