package dev.syndicast.tenancy.control;

/** Seed 002's rate-limit classes: standard routes, AI routes and bulk routes, each counted separately. */
public enum RateTier {
    STANDARD, AI, BULK;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
