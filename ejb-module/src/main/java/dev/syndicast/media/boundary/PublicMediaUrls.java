package dev.syndicast.media.boundary;

import dev.syndicast.core.entity.NotFoundException;
import dev.syndicast.media.control.PublicBase;
import dev.syndicast.media.control.MediaStorage;
import dev.syndicast.media.control.PublicMediaSigner;
import dev.syndicast.media.entity.MediaItem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed, expiring public URLs of media-library items, for platforms that fetch media by URL instead of taking an
 * upload (Threads; later Instagram, TikTok, YouTube pull). The URL is {@code <syndicast.public-url>/media/public/<token>}
 * and needs no key; see {@link PublicMediaSigner} for the token. Every refusal (malformed, expired, tampered, unknown or
 * unready item, missing file) is the same "not found", so a URL never tells whether an item exists.
 */
@Stateless
public class PublicMediaUrls {

    /** The one answer to every URL that does not serve bytes. */
    public static final String NOT_FOUND = "No media at this URL (it may have expired)";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PublicBase publicBase;

    @Inject
    MediaStorage storage;

    @Inject
    PublicMediaSigner signer;

    /** Whether public URLs can be handed out at all: only with {@code syndicast.public-url} set. */
    public boolean available() {
        return publicBase.url().isPresent();
    }

    /** The public URL of an item, valid for {@code ttl}; empty when {@code syndicast.public-url} is not set. */
    public Optional<String> url(UUID itemId, Duration ttl) {
        return publicBase.url().map(base -> base + "/media/public/" + signer.token(itemId, clock.instant().plus(ttl)));
    }

    /** The bytes a token grants, or {@link NotFoundException} with the same message whatever is wrong. */
    public MediaContent open(String token) {
        UUID itemId = signer.verify(token, clock.instant()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        MediaItem item = em.find(MediaItem.class, itemId);
        if (item == null || !item.isReady() || item.getStoragePath() == null || !storage.exists(item.getStoragePath())) {
            throw new NotFoundException(NOT_FOUND);
        }
        String key = item.getStoragePath();
        long size;
        try {
            size = storage.size(key);
        } catch (IOException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        return new MediaContent(item.getMimeType(), size, MediaLibrary.downloadName(item), item.getChecksumSha256(),
                () -> storage.open(key));
    }
}
