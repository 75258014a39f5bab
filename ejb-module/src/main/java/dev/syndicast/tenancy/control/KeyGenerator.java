package dev.syndicast.tenancy.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes API keys. Keys carry 256 random bits, so a fast hash (SHA-256) is enough to store
 * them safely and lets a request find its key by hash in one index lookup.
 */
public final class KeyGenerator {

    /** Recognisable prefix, so leaked keys can be spotted by secret scanners. */
    public static final String PREFIX = "syn_";
    /** Session tokens look different from keys, so neither is ever mistaken for the other. */
    public static final String SESSION_PREFIX = "syns_";
    public static final int DISPLAY_PREFIX_LENGTH = 12;
    static final int MIN_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGenerator() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newSessionToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SESSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeSessionToken(String raw) {
        return raw != null && raw.startsWith(SESSION_PREFIX);
    }

    public static String hash(String rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static String displayPrefix(String rawKey) {
        return rawKey.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, rawKey.length()));
    }

    /** A key an operator chose (the bootstrap key) must look like ours and be long enough to be secret. */
    public static boolean isWellFormed(String rawKey) {
        return rawKey != null && rawKey.startsWith(PREFIX) && rawKey.length() >= MIN_LENGTH
                && rawKey.chars().allMatch(c -> c > 32 && c < 127);
    }
}
