package dev.syndicast.core.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * The last safety net of a stop: when the JVM has been asked to stop (SIGTERM, Ctrl-C) and is still not gone after
 * {@code syndicast.shutdown.deadline}, it is halted. The stop itself is quick (the embedded broker outlives the
 * application, see {@code EmbeddedBroker}); this only bounds what we do not control, such as a platform call that
 * hangs in an MDB the resource adapter waits for. Halting is safe: every piece of work is committed in PostgreSQL
 * or the broker's synced journal, or is picked up again after the next start (leases, idempotency keys).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StopDeadline {

    /** The status a JVM ended by SIGTERM exits with. */
    static final int HALT_STATUS = 143;
    private static final Logger LOG = Logger.getLogger(StopDeadline.class.getName());

    @Inject
    @ConfigProperty(name = "syndicast.shutdown.deadline", defaultValue = "PT9S")
    Duration deadline;

    private Thread hook;

    @PostConstruct
    void arm() {
        if (deadline.isZero() || deadline.isNegative()) {
            return;
        }
        hook = new Thread(this::startWatchdog, "syndicast-stop-deadline");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info(() -> "event=stop_deadline_armed deadline=" + deadline);
    }

    /**
     * The hook returns at once (the JVM waits for its shutdown hooks, not for daemon threads): a daemon thread halts
     * the JVM if the other hooks are still running at the deadline.
     */
    private void startWatchdog() {
        // Built now: by the deadline this application's class loader may be closed (it is undeployed first).
        String message = "syndicast: still stopping after " + deadline.toSeconds() + " s, halting the JVM";
        long millis = deadline.toMillis();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            // Logging is already shut down at this point (the JDK resets it in its own hook): stderr is all there is.
            System.err.println(message);
            Runtime.getRuntime().halt(HALT_STATUS);
        }, "syndicast-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** An undeploy without a JVM stop takes the hook away again, so a redeploy does not add a second one. */
    @PreDestroy
    void disarm() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is stopping: the hook has run and its watchdog is counting.
        }
    }
}
