package dev.syndicast.system.boundary;

import dev.syndicast.core.control.DataDirectory;
import dev.syndicast.core.control.Messaging;
import dev.syndicast.system.control.ComponentCheck;
import dev.syndicast.system.control.HealthStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Checks the components Syndicast needs. The database is essential (unhealthy without it); the broker
 * and the data directory degrade the service (requests are accepted, background work waits).
 * Every check is bounded by a timeout so a hung dependency cannot hang the health endpoint.
 */
@ApplicationScoped
public class SystemHealth {

    static final long CHECK_TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:app/jdbc/syndicast")
    DataSource dataSource;

    @Inject
    Messaging messaging;

    @Inject
    DataDirectory dataDirectory;

    @Resource
    ManagedExecutorService executor;

    public List<ComponentCheck> checkAll() {
        return List.of(database(), broker(), dataDirectory());
    }

    public static HealthStatus overall(List<ComponentCheck> checks) {
        return checks.stream().map(ComponentCheck::status).reduce(HealthStatus.HEALTHY, HealthStatus::worst);
    }

    public ComponentCheck database() {
        return bounded("database", HealthStatus.UNHEALTHY, () -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid((int) CHECK_TIMEOUT_SECONDS) ? "reachable" : null;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    public ComponentCheck broker() {
        return bounded("broker", HealthStatus.DEGRADED, () -> {
            messaging.ping();
            return "reachable";
        });
    }

    public ComponentCheck dataDirectory() {
        return bounded("data_directory", HealthStatus.DEGRADED, () -> {
            Path root = dataDirectory.root();
            return Files.isDirectory(root) && Files.isWritable(root) ? "writable" : null;
        });
    }

    private ComponentCheck bounded(String component, HealthStatus impact, Supplier<String> probe) {
        try {
            String message = CompletableFuture.supplyAsync(probe, executor).get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return message != null
                    ? new ComponentCheck(component, true, message, impact)
                    : new ComponentCheck(component, false, "check failed", impact);
        } catch (TimeoutException e) {
            return new ComponentCheck(component, false, "no answer within " + CHECK_TIMEOUT_SECONDS + " s", impact);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new ComponentCheck(component, false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), impact);
        }
    }
}
