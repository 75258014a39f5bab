package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.media.control.FormUpload;
import dev.syndicast.media.control.IngestMode;
import dev.syndicast.media.control.MediaFetcher;
import dev.syndicast.media.control.MediaIngest;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.control.MediaRecords;
import dev.syndicast.media.control.MediaSettings;
import dev.syndicast.media.control.StagedFile;
import dev.syndicast.media.control.UrlGuard;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import dev.syndicast.media.entity.MediaStatus;
import dev.syndicast.scheduling.control.TaskFailedException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The ways media comes into a workspace's library: imported from a URL (in the request, or by a background task
 * when it is large), uploaded as a form, or taken from a file another capability made on this server. Each says
 * only how its bytes arrive; {@link MediaIngest} stages, de-duplicates, probes and stores them the same way for
 * all. Every method runs outside any transaction ({@link MediaRecords} commits each step), so a long transfer
 * holds no connection and a failure still leaves the item marked FAILED.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaImports {

    private static final Logger LOG = Logger.getLogger(MediaImports.class.getName());
    /** Room for boundaries, part headers and small fields around the file in a multipart body. */
    static final long MULTIPART_OVERHEAD = 256 * 1024;

    @Inject
    Clock clock;

    @Inject
    MediaSettings settings;

    @Inject
    MediaRecords records;

    @Inject
    MediaIngest ingest;

    @Inject
    UrlGuard guard;

    @Inject
    MediaFetcher fetcher;

    /** What to import and how to file it; {@code background} forces a background import whatever the size. */
    public record ImportRequest(String sourceUrl, MediaItem.Metadata metadata, boolean background) {
    }

    /**
     * Imports {@code source_url}. Small files are fetched in this call; a file declaring more than the
     * synchronous limit, or a request asking for it, continues in a background task and the item is
     * returned for polling. A failure leaves the item FAILED with the reason and no file behind.
     */
    public MediaOutcome importFromUrl(UUID workspaceId, ImportRequest request) {
        URI url = parseUrl(request.sourceUrl());
        // Refuse forbidden targets before recording anything; redirects are checked again while fetching.
        guard.check(url);
        MediaItem item = records.create(MediaItem.importing(workspaceId, url.toString(), request.metadata(), clock.instant()));
        if (request.background()) {
            return new MediaOutcome(records.continueInBackground(item.getId()), MediaOutcome.Disposition.ACCEPTED);
        }
        return ingest.ingest(workspaceId, item.getId(), settings.maxBytes(), IngestMode.IN_REQUEST, staging -> {
            StagedFile staged = staging.file();
            long started = System.nanoTime();
            MediaFetcher.Result result = fetcher.fetch(url, staged, settings.syncMaxBytes(), settings.maxBytes());
            LOG.fine(() -> "event=media_fetched item=" + item.getId() + " bytes=" + staged.size() + " ms=" + MediaIngest.millisSince(started));
            return !result.deferred();
        });
    }

    /**
     * The background half of an import (task {@code media.import}). Expected failures become
     * {@link TaskFailedException}s: retried while the cause may pass (timeouts, 5xx) and attempts remain,
     * otherwise the item is marked FAILED.
     *
     * @return a line for the task's result
     */
    public String runBackgroundImport(UUID itemId, boolean lastAttempt) throws TaskFailedException {
        Optional<MediaItem> found = records.find(itemId);
        if (found.isEmpty()) {
            return "item " + itemId + " was deleted before its import ran";
        }
        MediaItem item = found.get();
        if (item.getStatus() != MediaStatus.UPLOADING) {
            return "item " + itemId + " is already " + item.getStatus();
        }
        URI url = URI.create(item.getSourceUrl());
        MediaOutcome outcome = ingest.ingest(item.getWorkspaceId(), itemId, settings.maxBytes(), IngestMode.background(lastAttempt),
                staging -> {
                    fetcher.fetch(url, staging.file(), Long.MAX_VALUE, settings.maxBytes());
                    return true;
                });
        return "item " + itemId + " ready" + (outcome.item().getDuplicateOf() != null
                ? " as a duplicate of " + outcome.item().getDuplicateOf() : "");
    }

    /**
     * Takes a file another capability made on this server (a rendered video) into the library, like an upload:
     * copied into staging, sniffed, checksummed, de-duplicated, probed and stored. The source file stays where it
     * is; its owner decides when to delete it.
     */
    public MediaOutcome registerLocalFile(UUID workspaceId, Path file, String filename, MediaItem.Metadata metadata) {
        MediaItem item = records.create(MediaItem.uploading(workspaceId, filename, metadata, clock.instant()));
        return ingest.ingest(workspaceId, item.getId(), settings.maxBytes(), IngestMode.IN_REQUEST, staging -> {
            StagedFile staged = staging.file();
            try (InputStream content = Files.newInputStream(file)) {
                staged.writeAll(content);
            }
            return true;
        });
    }

    /**
     * A {@code multipart/form-data} upload (see {@link FormUpload} for its parts). The file streams to the staging
     * directory as it arrives; its item exists from the moment the file part begins.
     */
    public MediaOutcome upload(UUID workspaceId, String contentType, long declaredLength, InputStream body) {
        if (declaredLength > settings.maxBytes() + MULTIPART_OVERHEAD) {
            throw new MediaRejectedException(Reason.TOO_LARGE, "The body declares " + declaredLength
                    + " bytes; files of at most " + settings.maxBytes() + " bytes are accepted");
        }
        return ingest.ingest(workspaceId, null, settings.maxBytes(), IngestMode.FORM_UPLOAD, staging -> {
            MediaItem.Metadata fields = FormUpload.read(contentType, body, (fileName, fieldsSoFar, content) -> {
                staging.create(MediaItem.uploading(workspaceId, fileName, fieldsSoFar, clock.instant()));
                staging.file().writeAll(content);
            });
            staging.describe(fields);
            return true;
        });
    }

    private static URI parseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("source_url is required");
        }
        try {
            URI url = new URI(raw.strip());
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new InvalidInputException("source_url must be an absolute http(s) URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("source_url is not a valid URL: " + e.getReason());
        }
    }
}
