package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Incoming bytes on their way into the library, written to a temporary file in the staging directory while
 * their size is capped, their SHA-256 computed and their type sniffed from the first bytes. Nothing is held
 * in memory beyond the caller's buffer. Until {@link #release()} hands the file on, {@link #close()} deletes
 * it, so a failure anywhere leaves no partial file behind.
 */
public class StagedFile implements AutoCloseable {

    private static final int COPY_BUFFER = 256 * 1024;
    /** Written bytes after which the disk is asked to catch up in the background. */
    static final long WRITEBACK_STEP = 128L * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long maxBytes;
    private final Set<String> allowedTypes;
    private final Checksum checksum;
    private final Executor writebackExecutor;
    private Writeback writeback = Writeback.NONE;
    private long unflushed;
    private final byte[] head = new byte[MimeSniffer.HEAD_LENGTH];
    private int headLength;
    private String mimeType;
    private long size;
    private volatile long lastWriteNanos = System.nanoTime();
    private boolean released;
    private boolean finished;

    /** Computes the checksum in the writing thread. */
    public StagedFile(Path stagingDir, long maxBytes, Set<String> allowedTypes) {
        this(stagingDir, maxBytes, allowedTypes, null);
    }

    /** Computes the checksum on {@code checksumExecutor} (null: in the writing thread), overlapping the transfer. */
    public StagedFile(Path stagingDir, long maxBytes, Set<String> allowedTypes, Executor checksumExecutor) {
        this.maxBytes = maxBytes;
        this.allowedTypes = allowedTypes;
        try {
            Files.createDirectories(stagingDir);
            this.path = Files.createTempFile(stagingDir, "incoming-", ".part");
            this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a staging file in " + stagingDir, e);
        }
        this.checksum = checksumExecutor == null ? Checksum.inline() : Checksum.on(checksumExecutor);
        this.writebackExecutor = checksumExecutor;
    }

    /** Copies a stream to its end. */
    public void writeAll(InputStream in) throws IOException {
        writeAll(in, COPY_BUFFER, () -> { });
    }

    /**
     * Copies a stream to its end, read straight into the checksum's buffers of {@code chunkBytes}: each full chunk
     * is written to the file and then digested (on the checksum's thread, while the next one is read) without being
     * copied. The size cap and the type are checked as every read arrives; {@code afterChunk} runs after each chunk
     * (a download checks its deadline there).
     */
    public void writeAll(InputStream in, int chunkBytes, Runnable afterChunk) throws IOException {
        int n = 0;
        while (n != -1) {
            byte[] chunk = checksum.buffer(chunkBytes);
            int filled = 0;
            while (filled < chunk.length && (n = in.read(chunk, filled, chunk.length - filled)) != -1) {
                arrived(ByteBuffer.wrap(chunk, filled, n));
                filled += n;
            }
            if (filled > 0) {
                store(ByteBuffer.wrap(chunk, 0, filled));
                checksum.digest(chunk, filled);
                afterChunk.run();
            }
        }
    }

    /** Counts bytes against the cap and sniffs the type from the first of them. */
    private void arrived(ByteBuffer bytes) {
        account(bytes.remaining());
        if (headLength < head.length) {
            int n = Math.min(head.length - headLength, bytes.remaining());
            bytes.get(head, headLength, n);
            headLength += n;
            checkTypeOnceHeadIsFull();
        }
        lastWriteNanos = System.nanoTime();
    }

    private void store(ByteBuffer bytes) throws IOException {
        int length = bytes.remaining();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        unflushed += length;
        if (unflushed >= WRITEBACK_STEP && writebackExecutor != null && writeback.isOver()) {
            startWriteback();
        }
    }

    /**
     * Lets the disk write what has arrived so far while more arrives: the final {@link #finish() force} then waits
     * only for the tail, not for the whole file (for 256 MiB here: 30 ms at the end instead of 65). Not more often:
     * with a step of 32 MiB the fsyncs' journal commits stalled the writes, 0.44-0.71 s instead of 0.29-0.36 s.
     */
    private void startWriteback() {
        unflushed = 0;
        writeback = new Writeback(channel);
        writebackExecutor.execute(writeback::run);
    }

    /** One background fsync; one the executor has not started yet is skipped when the file is finished first. */
    private static final class Writeback {

        static final Writeback NONE = new Writeback(null);

        private final FileChannel channel;
        private final AtomicBoolean claimed;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Writeback(FileChannel channel) {
            this.channel = channel;
            this.claimed = new AtomicBoolean(channel == null);
            if (channel == null) {
                done.complete(null);
            }
        }

        void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                // Only saves time: the final force in finish() reports a failing disk.
            } finally {
                done.complete(null);
            }
        }

        boolean isOver() {
            return done.isDone();
        }

        /** Waits for a running fsync; one that has not started will not. */
        void settle() {
            if (!claimed.compareAndSet(false, true)) {
                done.join();
            }
        }
    }

    /**
     * All bytes are in: checks the type of short files and returns what was received, its checksum complete. The
     * final fsync starts here and runs (on the checksum's executor, when there is one) while the caller looks for a
     * duplicate and probes the file: call {@link Received#awaitDurable()} before the file is published anywhere.
     */
    public Received finish() throws IOException {
        if (size == 0) {
            throw new MediaRejectedException(Reason.UNSUPPORTED_TYPE, "The file is empty");
        }
        if (mimeType == null) {
            mimeType = requireAllowed(MimeSniffer.sniff(head, headLength));
        }
        String digest = checksum.finish();
        finished = true;
        CompletableFuture<Void> durable = new CompletableFuture<>();
        Writeback last = writeback;
        Runnable sync = () -> {
            // A background fsync still running (one often starts with the last chunk) is waited for here, off the
            // caller's thread; one not started yet is skipped, this one covers it.
            last.settle();
            try (FileChannel file = channel) {
                file.force(false);
                durable.complete(null);
            } catch (IOException | RuntimeException e) {
                durable.completeExceptionally(e);
            }
        };
        if (writebackExecutor == null) {
            sync.run();
        } else {
            writebackExecutor.execute(sync);
        }
        return new Received(path, size, digest, mimeType, durable);
    }

    /** The caller now owns the file (it moved or deleted it); {@link #close()} leaves it alone. */
    public void release() {
        released = true;
    }

    public long size() {
        return size;
    }

    /** Restarts the stall clock (a new request is about to be sent). */
    public void touch() {
        lastWriteNanos = System.nanoTime();
    }

    /** Nanoseconds since the last byte arrived (for stall detection). */
    public long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!finished) {
            checksum.abort();
        }
        try {
            channel.close();
            if (!released) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete staging file " + path, e);
        }
    }

    private void account(int length) {
        size += length;
        if (size > maxBytes) {
            throw new MediaRejectedException(Reason.TOO_LARGE,
                    "The file is larger than the limit of " + maxBytes + " bytes");
        }
    }

    private void checkTypeOnceHeadIsFull() {
        if (headLength == head.length && mimeType == null) {
            mimeType = requireAllowed(MimeSniffer.sniff(head, headLength));
        }
    }

    private String requireAllowed(String sniffed) {
        if (!allowedTypes.contains(sniffed)) {
            throw new MediaRejectedException(Reason.UNSUPPORTED_TYPE,
                    "The content is " + sniffed + ", which is not an allowed type " + allowedTypes.stream().sorted().toList());
        }
        return sniffed;
    }

    /** A completely received file, still in staging; on disk for good once {@link #awaitDurable()} has returned. */
    public record Received(Path path, long size, String sha256, String mimeType, CompletableFuture<Void> durable) {

        /** Waits for the file's final fsync; a failed one (a full or failing disk) is this call's exception. */
        public void awaitDurable() throws IOException {
            try {
                durable.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the disk");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException("Cannot sync the staged file", e.getCause());
            }
        }
    }
}
