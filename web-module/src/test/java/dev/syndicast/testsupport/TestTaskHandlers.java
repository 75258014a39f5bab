package dev.syndicast.testsupport;

import dev.syndicast.scheduling.control.TaskContext;
import dev.syndicast.scheduling.control.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Task kinds that exist only in test deployments, to drive the JMS paths a healthy handler never takes. They
 * throw unchecked exceptions on purpose: that rolls the MDB's transaction back, which is what makes the broker
 * redeliver and, in the end, dead-letter a message.
 */
public final class TestTaskHandlers {

    private TestTaskHandlers() {
    }

    /** Crashes on the first delivery of a message and succeeds on the redelivery. */
    @ApplicationScoped
    public static class Flaky implements TaskHandler {
        public static final String KIND = "test-flaky";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String handle(TaskContext task) {
            if (task.delivery() < 2) {
                throw new IllegalStateException("simulated crash on delivery " + task.delivery());
            }
            return "survived after " + task.delivery() + " deliveries";
        }
    }

    /** Crashes on every delivery, so the broker gives up and dead-letters the message. */
    @ApplicationScoped
    public static class Crashing implements TaskHandler {
        public static final String KIND = "test-crash";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String handle(TaskContext task) {
            throw new IllegalStateException("simulated crash on delivery " + task.delivery());
        }
    }
}
