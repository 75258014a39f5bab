package dev.syndicast.publishing.control;

import java.net.URI;
import java.util.UUID;

/** Brings a video named by URL into the workspace's media library (the external scheduling API's "download video_url"). */
public interface MediaIntake {

    /**
     * @return the library item that holds (or will hold) the video
     * @throws dev.syndicast.core.entity.InvalidInputException "Failed to download video: ..." when it cannot be fetched
     */
    MediaRef register(UUID workspaceId, URI url);

    /**
     * Takes back what {@link #register} added for a request that failed after it (its post was refused): an item it made
     * leaves the library (an unfinished background import is stopped first); an item the library had already, or one
     * another post uses by now, stays.
     */
    void withdraw(UUID workspaceId, MediaRef media);

    /**
     * A media library item as a post refers to it; {@code ready} is false while a background import runs, {@code fresh}
     * is true when this registration made the item (false: the library had these bytes already).
     */
    record MediaRef(UUID mediaId, String url, String mimeType, boolean ready, boolean fresh) {
    }
}
