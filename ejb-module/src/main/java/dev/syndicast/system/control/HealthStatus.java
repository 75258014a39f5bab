package dev.syndicast.system.control;

/** The system API's three health states, worst last. */
public enum HealthStatus {
    HEALTHY, DEGRADED, UNHEALTHY;

    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
