package dev.syndicast.publishing.control;

import java.util.UUID;

/**
 * The record key of a Bluesky post, chosen by us before the call: an AT Protocol TID (13 characters of base32-sortable:
 * 53 bits of microseconds since the Unix epoch and a 10-bit clock id, top bit zero; atproto.com/specs/tid) derived
 * from the publish job alone. A repository holds one record per key, so a second {@code createRecord} with the same key
 * can never make a second post, and a lookup after an unknown outcome asks for exactly this key.
 *
 * <p>Job ids are UUID version 7, so the time part is the job's creation millisecond; the sub-millisecond digits and the
 * clock id come from the id's random bits, so two jobs of the same millisecond still get different keys. Part
 * {@code n} of a thread is {@code n} microseconds after the first, so the keys sort in thread order.
 */
public final class BlueskyTid {

    static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final long MAX_MICROS = (1L << 53) - 1;

    private BlueskyTid() {
    }

    /** The key of part {@code part} (0 for the post itself or a thread's first post) of the job's post. */
    public static String of(UUID jobId, int part) {
        if (part < 0) {
            throw new IllegalArgumentException("part must not be negative");
        }
        long random = jobId.getLeastSignificantBits();
        long millis = jobId.version() == 7 ? jobId.getMostSignificantBits() >>> 16
                : Math.floorMod(jobId.getMostSignificantBits(), 1L << 41);
        long micros = (millis * 1000 + Math.floorMod(random, 1000L) + part) & MAX_MICROS;
        long clockId = (random >>> 20) & 0x3FF;
        return encode(micros << 10 | clockId);
    }

    static String encode(long tid) {
        char[] out = new char[13];
        long v = tid;
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    /** Whether a string is a syntactically valid TID (the spec's pattern). */
    static boolean isValid(String tid) {
        return tid != null && tid.matches("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$");
    }
}
