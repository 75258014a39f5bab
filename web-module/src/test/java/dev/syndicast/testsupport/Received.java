package dev.syndicast.testsupport;

import jakarta.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes a stand-in took in without keeping them: how many, their SHA-256, when the request began (epoch milliseconds)
 * and how long reading it took. The stand-ins count and digest uploads instead of holding them, so a file of any size
 * passes through in constant memory and can still be checked byte for byte against the original.
 */
public record Received(long bytes, String sha256, long startedAt, double millis) {

    private static final int BUFFER = 64 * 1024;

    /** A whole body read to its end: counted, digested and timed from this call (the benchmarks' curl baseline). */
    static Received of(InputStream in) throws IOException {
        long started = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        MessageDigest digest = newDigest();
        long bytes = digest(in, digest);
        return new Received(bytes, hex(digest.digest()), startedAt, (System.nanoTime() - started) / 1_000_000.0);
    }

    /** Reads the stream to its end into the digest; returns the number of bytes. */
    static long digest(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    String toJson() {
        return Json.createObjectBuilder().add("bytes", bytes).add("sha256", sha256).add("started_at", startedAt)
                .add("millis", millis).build().toString();
    }
}
