package dev.syndicast.system.boundary;

import dev.syndicast.system.control.ComponentCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.Supplier;

/** MicroProfile Health: ready when the database and the broker answer; live while the JVM serves requests. */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    SystemHealth health;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> response(health::database);
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> response(health::broker);
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        Runtime runtime = Runtime.getRuntime();
        return () -> HealthCheckResponse.named("syndicast")
                .up()
                .withData("heap_used_mb", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024))
                .withData("heap_max_mb", runtime.maxMemory() / (1024 * 1024))
                .build();
    }

    private static HealthCheckResponse response(Supplier<ComponentCheck> check) {
        ComponentCheck result = check.get();
        return HealthCheckResponse.named(result.component())
                .status(result.up())
                .withData("message", result.message())
                .build();
    }
}
