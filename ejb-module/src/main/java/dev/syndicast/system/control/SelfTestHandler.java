package dev.syndicast.system.control;

import dev.syndicast.scheduling.control.TaskContext;
import dev.syndicast.scheduling.control.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The self-test task: it only echoes its payload, but reaching it proves the whole path an operator
 * depends on: row in PostgreSQL, timer tick, claim, JMS send on commit, MDB delivery, result written back.
 */
@ApplicationScoped
public class SelfTestHandler implements TaskHandler {

    public static final String KIND = "selftest";

    @Inject
    Clock clock;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String handle(TaskContext task) {
        return "echo " + (task.payload() == null ? "" : task.payload()) + " at " + clock.instant();
    }
}
