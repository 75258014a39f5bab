package dev.syndicast.media.control;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of bytes as they stream past. With an executor the digest runs on another thread, overlapping
 * the network and the disk instead of adding to them. The checksum lends its buffers out: the writer fills one
 * from {@link #buffer}, hands it to {@link #digest} and takes the next, while the digesting thread returns each
 * one to a pool of {@value #POOL} when done with it, so no byte is copied and no memory is allocated per chunk (a
 * copy of every byte and a 256 KiB array per chunk cost about a sixth of a 256 MiB transfer on 2 cores). A slow
 * digest slows the writer down rather than filling the heap.
 */
abstract class Checksum {

    /** Buffers lent out at most; the queue holds them all, so handing one over never blocks. */
    static final int POOL = 8;

    static Checksum inline() {
        return new Inline();
    }

    static Checksum on(Executor executor) {
        return new Async(executor);
    }

    /**
     * A buffer of {@code size} bytes to fill and pass to {@link #digest}; it belongs to the checksum again from that
     * call on. Waits while all buffers are being digested.
     */
    abstract byte[] buffer(int size) throws IOException;

    /** Digests the first {@code length} bytes of a buffer from {@link #buffer}, now or on the digesting thread. */
    abstract void digest(byte[] buffer, int length) throws IOException;

    /** The hex digest of everything passed to {@link #digest}. */
    abstract String finish() throws IOException;

    /** Stops computing; the digest is not wanted any more. */
    abstract void abort();

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static final class Inline extends Checksum {

        private final MessageDigest digest = sha256();
        private byte[] buffer = new byte[0];

        @Override
        byte[] buffer(int size) {
            if (buffer.length != size) {
                buffer = new byte[size];
            }
            return buffer;
        }

        @Override
        void digest(byte[] bytes, int length) {
            digest.update(bytes, 0, length);
        }

        @Override
        String finish() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        void abort() {
            digest.reset();
        }
    }

    private static final class Async extends Checksum {

        /** A lent buffer to digest, going back to the pool afterwards. */
        private record Chunk(byte[] bytes, int length) {
        }

        private static final Chunk END = new Chunk(new byte[0], 0);
        private static final long WAIT_MILLIS = 100;

        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(POOL + 1);
        private final BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(POOL);
        private final CompletableFuture<String> result;
        private int lent;
        private volatile boolean aborted;

        Async(Executor executor) {
            result = CompletableFuture.supplyAsync(this::digestUntilEnd, executor);
        }

        private String digestUntilEnd() {
            MessageDigest digest = sha256();
            try {
                for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    if (!aborted) {
                        digest.update(chunk.bytes(), 0, chunk.length());
                    }
                    pool.offer(chunk.bytes());
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Checksum interrupted", e);
            }
        }

        @Override
        byte[] buffer(int size) throws IOException {
            if (lent < POOL) {
                lent++;
                return new byte[size];
            }
            try {
                byte[] buffer;
                while ((buffer = pool.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                    if (result.isDone()) {
                        // The digesting thread ended early (aborted or failed): no buffer will come back.
                        throw new IOException("The checksum stopped before the end of the data");
                    }
                }
                return buffer.length == size ? buffer : new byte[size];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for a buffer");
            }
        }

        @Override
        void digest(byte[] bytes, int length) throws IOException {
            if (!aborted) {
                put(new Chunk(bytes, length));
            }
        }

        @Override
        String finish() throws IOException {
            put(END);
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the checksum");
            } catch (ExecutionException e) {
                throw new IOException("Checksum failed", e.getCause());
            }
        }

        @Override
        void abort() {
            aborted = true;
            queue.clear();
            // The digesting thread waits for END; with the queue just cleared there is room for it.
            queue.offer(END);
        }

        private void put(Chunk chunk) throws IOException {
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while handing bytes to the checksum");
            }
        }
    }
}
