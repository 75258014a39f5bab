package dev.syndicast.tenancy.control;

/**
 * The external API v1's rate-limit classes (standard, AI and bulk routes), each counted separately; login attempts per
 * e-mail address, which slow down password guessing; and invalid keys or tokens per source address, which slow
 * down key guessing.
 */
public enum RateTier {
    STANDARD, AI, BULK, LOGIN, INVALID_KEY;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
