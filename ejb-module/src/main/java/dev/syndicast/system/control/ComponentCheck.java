package dev.syndicast.system.control;

/** The result of checking one component; {@code impact} is what its failure does to the whole. */
public record ComponentCheck(String component, boolean up, String message, HealthStatus impact) {

    public HealthStatus status() {
        return up ? HealthStatus.HEALTHY : impact;
    }
}
