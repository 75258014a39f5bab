package dev.syndicast.media.control;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The SHA-256 of bytes as they stream past. With an executor the digest runs on another thread, overlapping
 * the network and the disk instead of adding to them; the bytes are copied into a bounded queue
 * ({@value #QUEUE_CHUNKS} chunks), so a slow digest slows the producer down rather than filling the heap.
 */
abstract class Checksum {

    static final int QUEUE_CHUNKS = 16;

    static Checksum inline() {
        return new Inline();
    }

    static Checksum on(Executor executor) {
        return new Async(executor);
    }

    abstract void update(ByteBuffer bytes) throws IOException;

    /** The hex digest of everything passed to {@link #update}. */
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

        @Override
        void update(ByteBuffer bytes) {
            digest.update(bytes.duplicate());
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

        private static final ByteBuffer END = ByteBuffer.allocate(0);

        private final BlockingQueue<ByteBuffer> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
        private final CompletableFuture<String> result;
        private volatile boolean aborted;

        Async(Executor executor) {
            result = CompletableFuture.supplyAsync(this::digestUntilEnd, executor);
        }

        private String digestUntilEnd() {
            MessageDigest digest = sha256();
            try {
                for (ByteBuffer chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    if (!aborted) {
                        digest.update(chunk);
                    }
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Checksum interrupted", e);
            }
        }

        @Override
        void update(ByteBuffer bytes) throws IOException {
            if (aborted) {
                return;
            }
            // A copy: the caller's buffer (the fetch's, or the upload's read buffer) is reused after this call.
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
            copy.put(bytes.duplicate()).flip();
            put(copy);
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

        private void put(ByteBuffer chunk) throws IOException {
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while handing bytes to the checksum");
            }
        }
    }
}
