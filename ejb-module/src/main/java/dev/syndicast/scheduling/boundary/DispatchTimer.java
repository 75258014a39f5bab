package dev.syndicast.scheduling.boundary;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import dev.syndicast.scheduling.control.TaskSettings;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes the dispatcher every second. The timer is not persistent on purpose: on Payara Micro timers live
 * in the data grid, not the database, so the due times are kept in {@code scheduled_tasks} and a missed
 * tick only delays work by a second.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DispatchTimer {

    private static final Logger LOG = Logger.getLogger(DispatchTimer.class.getName());
    /** Bounds one tick's work so a backlog cannot starve the timer thread. */
    private static final int MAX_ROUNDS_PER_TICK = 20;

    @EJB
    Tasks tasks;

    @Inject
    TaskSettings settings;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.dispatcher-enabled", defaultValue = "true")
    boolean enabled;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "task-dispatcher")
    void tick() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            int rounds = 0;
            int claimed;
            do {
                claimed = tasks.dispatchDue();
            } while (claimed == settings.dispatchBatch() && ++rounds < MAX_ROUNDS_PER_TICK);
        } catch (RuntimeException e) {
            // The next tick tries again; the rows are still due in the database.
            LOG.log(Level.WARNING, "event=dispatch_failed reason=" + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
