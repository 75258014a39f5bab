package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaKind;
import dev.syndicast.media.entity.ProbeFacts;
import dev.syndicast.media.entity.StoredContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The flow every way into the library shares, written once: the bytes are staged (capped, sniffed and checksummed
 * as they arrive), then de-duplicated, probed, stored durably and the item marked ready; whatever fails on the way
 * is recorded on the item, as its {@link IngestMode} says, and told to the caller. Each way in only says how its
 * bytes reach the staged file. Runs in no transaction of its own: {@link MediaRecords} commits each step, so a long
 * transfer holds no connection and a failure still leaves the item marked.
 */
@ApplicationScoped
public class MediaIngest {

    private static final Logger LOG = Logger.getLogger(MediaIngest.class.getName());

    @Inject
    MediaRecords records;

    @Inject
    MediaSettings settings;

    @Inject
    MediaComponents components;

    @Inject
    MediaStorage storage;

    @Inject
    MediaProber prober;

    /** How one way in gets its bytes into the staged file. */
    @FunctionalInterface
    public interface Transfer {

        /**
         * Writes the bytes to {@link Staging#file()}, creating the item first ({@link Staging#create}) if the
         * ingest began without one.
         *
         * @return whether all bytes are staged; {@code false} hands the rest to a background task
         */
        boolean stage(Staging staging) throws IOException;
    }

    /** One ingest under way: the item its bytes are for (once there is one) and the file they are staged in. */
    public final class Staging implements AutoCloseable {

        private final UUID workspaceId;
        private final long maxBytes;
        private UUID itemId;
        private StagedFile file;

        private Staging(UUID workspaceId, UUID itemId, long maxBytes) {
            this.workspaceId = workspaceId;
            this.itemId = itemId;
            this.maxBytes = maxBytes;
        }

        /** Records the item, for a way in that learns what it is only as the bytes begin (a form's file part). */
        public MediaItem create(MediaItem item) {
            MediaItem created = records.create(item);
            itemId = created.getId();
            return created;
        }

        /** Files the item as the caller asked, for details that arrived after the bytes (a form's later fields). */
        public void describe(MediaItem.Metadata metadata) {
            records.describe(itemId, metadata);
        }

        /** The staging file, made on first use, refusing more than this ingest's limit. */
        public StagedFile file() {
            if (file == null) {
                file = new StagedFile(components.stagingDirectory(), maxBytes, settings.allowedTypes(), components.checksumExecutor());
            }
            return file;
        }

        public UUID workspaceId() {
            return workspaceId;
        }

        /** Deletes the staging file unless storage took it. */
        @Override
        public void close() {
            if (file != null) {
                file.close();
            }
        }

        /** Keeps the failure on the item, if there is one yet: failed for good, or in transfer until the retry. */
        private void record(IngestMode.Failure failure) {
            if (itemId == null) {
                return;
            }
            if (failure.retryLater()) {
                records.attemptFailed(itemId, failure.reason());
            } else {
                records.failIfInProgress(itemId, failure.reason());
            }
        }
    }

    /**
     * Runs one ingest to its end.
     *
     * @param itemId   the item the bytes are for, or null when the transfer creates it
     * @param maxBytes the most this ingest accepts
     * @return the ready item, the workspace's existing item with the same bytes, or the item continuing in the
     *         background
     * @throws X as the mode tells failures, after the item recorded them
     */
    public <X extends Exception> MediaOutcome ingest(UUID workspaceId, UUID itemId, long maxBytes, IngestMode<X> mode,
                                                     Transfer transfer) throws X {
        Staging staging = new Staging(workspaceId, itemId, maxBytes);
        try (staging) {
            if (!transfer.stage(staging)) {
                return new MediaOutcome(records.continueInBackground(staging.itemId), MediaOutcome.Disposition.ACCEPTED);
            }
            return complete(staging.itemId, workspaceId, staging.file(), mode.synchronous());
        } catch (RuntimeException e) {
            IngestMode.Failure failure = mode.failure(e);
            staging.record(failure);
            throw mode.raise(failure);
        } catch (IOException e) {
            IngestMode.Failure failure = mode.failure(e);
            staging.record(failure);
            throw mode.raise(failure);
        }
    }

    /**
     * Bytes are fully staged: dedupe, probe, store atomically, mark ready. A synchronous caller gets the
     * existing item for bytes the workspace already has (its placeholder is dropped); a background import has
     * already handed out its item's id, so that item becomes a ready duplicate sharing the original's file.
     */
    private MediaOutcome complete(UUID itemId, UUID workspaceId, StagedFile staged, boolean synchronous) throws IOException {
        long started = System.nanoTime();
        StagedFile.Received received = staged.finish();
        long finished = System.nanoTime();
        Optional<MediaItem> original = records.findReadyByChecksum(workspaceId, received.sha256());
        if (original.isPresent()) {
            if (synchronous) {
                records.discard(itemId);
                return new MediaOutcome(original.get(), MediaOutcome.Disposition.EXISTING);
            }
            return new MediaOutcome(records.readyAsDuplicateOf(itemId, original.get().getId()), MediaOutcome.Disposition.CREATED);
        }
        String key = "library/" + workspaceId + "/" + received.sha256() + MimeSniffer.extension(received.mimeType());
        records.contentStored(itemId, new StoredContent(key, received.size(), received.sha256(), received.mimeType()));
        String thumbnailKey = null;
        Path thumbnail = null;
        try {
            ProbeFacts facts = prober.probe(received.path());
            if (MediaKind.ofMimeType(received.mimeType()) == MediaKind.VIDEO) {
                thumbnail = staged.path().resolveSibling(staged.path().getFileName() + ".thumb.jpg");
                if (prober.thumbnail(received.path(), facts.durationSeconds(), thumbnail)) {
                    thumbnailKey = "library/" + workspaceId + "/" + received.sha256() + ".thumb.jpg";
                    storage.store(thumbnail, thumbnailKey);
                }
            }
            long probed = System.nanoTime();
            received.awaitDurable();
            storage.store(received.path(), key);
            staged.release();
            MediaItem ready = records.ready(itemId, facts, thumbnailKey);
            LOG.info(() -> "event=media_stored item=" + itemId + " bytes=" + received.size() + " type=" + received.mimeType()
                    + " checksum_ms=" + (finished - started) / 1_000_000 + " probe_ms=" + (probed - finished) / 1_000_000
                    + " sync_store_ms=" + millisSince(probed));
            return new MediaOutcome(ready, MediaOutcome.Disposition.CREATED);
        } catch (IOException | RuntimeException e) {
            // The item is marked failed by the caller; a stored thumbnail nobody else shares goes with it.
            if (thumbnailKey != null && !records.pathInUse(workspaceId, thumbnailKey, itemId)) {
                deleteQuietly(thumbnailKey);
            }
            throw e;
        } finally {
            if (thumbnail != null) {
                Files.deleteIfExists(thumbnail);
            }
        }
    }

    /** Milliseconds since a {@link System#nanoTime()} reading, for the transfer's log lines. */
    public static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            // A leftover thumbnail wastes space but breaks nothing.
            LOG.log(Level.WARNING, "event=media_file_not_deleted key=" + key, e);
        }
    }
}
