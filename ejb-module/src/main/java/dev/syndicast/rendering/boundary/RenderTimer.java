package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.control.RenderSettings;
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

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two clocks of the render pipeline: every five seconds, resend the stage of a session that stalled (its message
 * was lost) and admit queued sessions that a finished render on another instance (or a restart) left waiting;
 * once a day, the cleanup with the configured age. Not persistent:
 * the database holds the queue, so a missed tick only delays.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RenderTimer {

    private static final Logger LOG = Logger.getLogger(RenderTimer.class.getName());

    @EJB
    RenderAdmission admission;

    @EJB
    RenderSessions sessions;

    @Inject
    RenderSettings settings;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "render-admission")
    void admit() {
        try {
            admission.resumeStalled(settings.stallAfter());
            admission.admitQueued();
        } catch (RuntimeException e) {
            // The queued rows stay queued; the next tick tries again.
            LOG.log(Level.WARNING, "event=render_admission_failed reason=" + e.getMessage(), e);
        }
    }

    @Schedule(hour = "3", minute = "17", persistent = false, info = "render-cleanup")
    void cleanup() {
        int cleaned = sessions.cleanupAllWorkspaces(settings.cleanupMaxAgeHours());
        LOG.info(() -> "event=render_cleanup cleaned=" + cleaned + " max_age_hours=" + settings.cleanupMaxAgeHours());
    }
}
