package dev.syndicast.publishing.control;

import dev.syndicast.scheduling.entity.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Tunables of publishing (see docs/publishing.md). */
@ApplicationScoped
public class PublishSettings {

    @Inject
    @ConfigProperty(name = "syndicast.publishing.max-attempts", defaultValue = "4")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.backoff-base", defaultValue = "PT1S")
    Duration backoffBase;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.backoff-factor", defaultValue = "4")
    int backoffFactor;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.backoff-cap", defaultValue = "PT1H")
    Duration backoffCap;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.max-retry-after", defaultValue = "PT1H")
    Duration maxRetryAfter;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.dispatch-batch", defaultValue = "2000")
    int dispatchBatch;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.jobs-per-message", defaultValue = "100")
    int jobsPerMessage;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.dispatch-ahead", defaultValue = "PT2S")
    Duration dispatchAhead;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.dispatch-lease", defaultValue = "PT2M")
    Duration dispatchLease;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.dispatcher-enabled", defaultValue = "true")
    boolean dispatcherEnabled;

    public int maxAttempts() { return maxAttempts; }
    public Backoff backoff() { return new Backoff(backoffBase, backoffFactor, backoffCap); }
    public RetryPolicy retryPolicy() { return new RetryPolicy(backoff(), maxRetryAfter); }
    public int dispatchBatch() { return dispatchBatch; }
    public int jobsPerMessage() { return Math.max(1, jobsPerMessage); }
    public Duration dispatchAhead() { return dispatchAhead; }
    public Duration dispatchLease() { return dispatchLease; }
    public boolean dispatcherEnabled() { return dispatcherEnabled; }
}
