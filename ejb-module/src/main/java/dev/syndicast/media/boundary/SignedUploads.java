package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.InvalidInputException;
import dev.syndicast.media.control.IngestMode;
import dev.syndicast.media.control.MediaIngest;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.control.MediaRecords;
import dev.syndicast.media.control.MediaSettings;
import dev.syndicast.media.control.UploadSigner;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import dev.syndicast.media.entity.UploadGrant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Signed upload URLs: a key holder asks for a URL that accepts one PUT of one file; whoever holds the URL may send
 * the file before it expires, without a key. The bytes then go into the library like any other upload.
 */
@Stateless
public class SignedUploads {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MediaSettings settings;

    @Inject
    MediaRecords records;

    @Inject
    MediaIngest ingest;

    @Inject
    UploadSigner signer;

    /** What a signed upload URL will accept. */
    public record UploadUrlRequest(String filename, Long sizeBytes, Long expiresInSeconds, MediaItem.Metadata metadata) {
    }

    /** Issues an upload URL for one PUT of one file, of the size and lifetime asked for within the configured limits. */
    public SignedUpload createUploadUrl(UUID workspaceId, UploadUrlRequest request) {
        long maxBytes = settings.maxBytes();
        if (request.sizeBytes() != null) {
            if (request.sizeBytes() < 1 || request.sizeBytes() > maxBytes) {
                throw new MediaRejectedException(Reason.TOO_LARGE, "size must be between 1 and " + maxBytes + " bytes");
            }
            maxBytes = request.sizeBytes();
        }
        Duration ttl = settings.uploadUrlTtl();
        if (request.expiresInSeconds() != null) {
            if (request.expiresInSeconds() < 1 || request.expiresInSeconds() > ttl.toSeconds()) {
                throw new InvalidInputException("expires_in must be between 1 and " + ttl.toSeconds() + " seconds");
            }
            ttl = Duration.ofSeconds(request.expiresInSeconds());
        }
        Instant now = clock.instant();
        // Whole seconds: the expiry travels in the URL as epoch seconds and is signed as such.
        Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        UploadGrant grant = new UploadGrant(workspaceId, expiresAt, maxBytes, request.filename(), request.metadata(), now);
        em.persist(grant);
        long expires = expiresAt.getEpochSecond();
        String path = "api/external/v1/uploads/" + grant.getId() + "?expires=" + expires
                + "&signature=" + signer.sign(grant.getId(), expires);
        return new SignedUpload(grant.getId(), path, expiresAt, maxBytes);
    }

    /**
     * The PUT of a signed upload URL. The signature proves the URL was issued here and its expiry untouched;
     * the grant row makes it single-use. A used grant stays used even if the upload then fails. Runs outside any
     * transaction, like every ingest.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MediaOutcome receiveSignedUpload(UUID grantId, long expires, String signature, long declaredLength, InputStream body) {
        if (!signer.verify(grantId, expires, signature)) {
            throw new MediaRejectedException(Reason.BAD_SIGNATURE, "The upload URL's signature is not valid");
        }
        if (!Instant.ofEpochSecond(expires).isAfter(clock.instant())) {
            throw new MediaRejectedException(Reason.EXPIRED,
                    "This upload URL expired at " + Instant.ofEpochSecond(expires) + "; request a new one");
        }
        // A declared size over the limit is refused before the grant is spent, so the right file can still be sent.
        records.findGrant(grantId).filter(g -> declaredLength > Math.min(g.getMaxBytes(), settings.maxBytes())).ifPresent(g -> {
            throw new MediaRejectedException(Reason.TOO_LARGE, "The body declares " + declaredLength
                    + " bytes; this upload URL accepts at most " + Math.min(g.getMaxBytes(), settings.maxBytes()));
        });
        UploadGrant grant = records.claimGrant(grantId);
        MediaItem item = records.create(MediaItem.uploading(grant.getWorkspaceId(), grant.getFilename(), grant.metadata(), clock.instant()));
        MediaOutcome outcome = ingest.ingest(grant.getWorkspaceId(), item.getId(), Math.min(grant.getMaxBytes(), settings.maxBytes()),
                IngestMode.IN_REQUEST, staging -> {
                    try {
                        staging.file().writeAll(body);
                    } catch (IOException e) {
                        throw new MediaRejectedException(Reason.BAD_UPLOAD, "The upload was interrupted: " + e.getMessage());
                    }
                    return true;
                });
        records.grantUsedFor(grantId, outcome.item().getId());
        return outcome;
    }
}
