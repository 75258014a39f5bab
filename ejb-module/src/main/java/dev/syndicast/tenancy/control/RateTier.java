package dev.syndicast.tenancy.control;

/**
 * Seed 002's rate-limit classes (standard, AI and bulk routes), each counted separately; and login attempts per
 * e-mail address, which slow down password guessing.
 */
public enum RateTier {
    STANDARD, AI, BULK, LOGIN;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
