package dev.syndicast.accounts.boundary;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Wakes the token refresher every minute; expiry times live in the database, so a missed tick costs nothing. */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenRefreshTimer {

    private static final Logger LOG = Logger.getLogger(TokenRefreshTimer.class.getName());

    @EJB
    TokenRefresher refresher;

    @Inject
    @ConfigProperty(name = "syndicast.accounts.refresh-enabled", defaultValue = "true")
    boolean enabled;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "15", minute = "*", hour = "*", persistent = false, info = "token-refresher")
    void tick() {
        if (!enabled || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.refreshExpiring();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=token_refresh_round_failed reason=" + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }
}
