package dev.syndicast.publishing.boundary;

import dev.syndicast.publishing.control.PublishSettings;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes the publish dispatcher every second. Non-persistent like the task timer: due times live in
 * {@code publish_jobs}; the dispatcher claims a little ahead and the broker delivers at the due time, so the
 * second-granular tick does not add up to a second of lag.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PublishDispatchTimer {

    private static final Logger LOG = Logger.getLogger(PublishDispatchTimer.class.getName());
    /** Bounds one tick's work so a backlog cannot starve the timer thread. */
    private static final int MAX_ROUNDS_PER_TICK = 40;

    @EJB
    PublishJobs jobs;

    @Inject
    PublishSettings settings;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "publish-dispatcher")
    void tick() {
        if (!settings.dispatcherEnabled() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            int rounds = 0;
            int claimed;
            do {
                claimed = jobs.dispatchDue();
            } while (claimed == settings.dispatchBatch() && ++rounds < MAX_ROUNDS_PER_TICK);
        } catch (RuntimeException e) {
            // The next tick tries again; the jobs are still due in the database.
            LOG.log(Level.WARNING, "event=publish_dispatch_failed reason=" + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
