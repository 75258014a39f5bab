package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.MediaContent;

/**
 * One media item of a post as an uploading connector needs it: the library item's id, type, size and alt text, and a
 * way to open its bytes, which a connector streams to the platform and never holds in memory whole.
 * {@code opener} is null for media named only by a URL outside the library. {@code durationSeconds} is the library's
 * probed length of a video (null when unknown), for platforms whose limit depends on the account (TikTok).
 * {@code thumbnail} opens the JPEG the library cut from a video's first frame (null for images and media outside the
 * library), for platforms that want a poster image with a video.
 */
public record PublishMedia(String reference, String mimeType, long size, String fileName, String altText,
                           MediaContent.Opener opener, Double durationSeconds, MediaContent.Opener thumbnail) {

    /** An item whose duration is not known and that has no thumbnail (an image, or media named only by a URL). */
    public PublishMedia(String reference, String mimeType, long size, String fileName, String altText,
                        MediaContent.Opener opener) {
        this(reference, mimeType, size, fileName, altText, opener, null, null);
    }

    /** A video of a known duration without a thumbnail. */
    public PublishMedia(String reference, String mimeType, long size, String fileName, String altText,
                        MediaContent.Opener opener, Double durationSeconds) {
        this(reference, mimeType, size, fileName, altText, opener, durationSeconds, null);
    }

    /** A video of an unknown duration with its thumbnail. */
    public PublishMedia(String reference, String mimeType, long size, String fileName, String altText,
                        MediaContent.Opener opener, MediaContent.Opener thumbnail) {
        this(reference, mimeType, size, fileName, altText, opener, null, thumbnail);
    }

    @Override
    public String toString() {
        return "PublishMedia[" + reference + ", " + mimeType + ", " + size + " bytes]";
    }
}
