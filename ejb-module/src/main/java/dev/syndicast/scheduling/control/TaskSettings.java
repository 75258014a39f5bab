package dev.syndicast.scheduling.control;

import dev.syndicast.scheduling.entity.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Tunables of the task machinery (docs/configuration.md lists them). */
@ApplicationScoped
public class TaskSettings {

    @Inject
    @ConfigProperty(name = "syndicast.tasks.max-attempts", defaultValue = "4")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.backoff-base", defaultValue = "PT1S")
    Duration backoffBase;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.backoff-factor", defaultValue = "4")
    int backoffFactor;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.backoff-cap", defaultValue = "PT1H")
    Duration backoffCap;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.dispatch-batch", defaultValue = "200")
    int dispatchBatch;

    @Inject
    @ConfigProperty(name = "syndicast.tasks.dispatch-lease", defaultValue = "PT1M")
    Duration dispatchLease;

    public int maxAttempts() { return maxAttempts; }
    public Backoff backoff() { return new Backoff(backoffBase, backoffFactor, backoffCap); }
    public int dispatchBatch() { return dispatchBatch; }
    public Duration dispatchLease() { return dispatchLease; }
}
