package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.MediaContent;

/**
 * One media item of a post as an uploading connector needs it: the library item's id, type, size and alt text, and a
 * way to open its bytes, which a connector streams to the platform and never holds in memory whole.
 * {@code opener} is null for media named only by a URL outside the library. {@code durationSeconds} is the library's
 * probed length of a video (null when unknown), for platforms whose limit depends on the account (TikTok).
 */
public record PublishMedia(String reference, String mimeType, long size, String fileName, String altText,
                           MediaContent.Opener opener, Double durationSeconds) {

    /** An item whose duration is not known (an image, or media named only by a URL). */
    public PublishMedia(String reference, String mimeType, long size, String fileName, String altText, MediaContent.Opener opener) {
        this(reference, mimeType, size, fileName, altText, opener, null);
    }

    @Override
    public String toString() {
        return "PublishMedia[" + reference + ", " + mimeType + ", " + size + " bytes]";
    }
}
