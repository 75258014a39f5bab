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

    /** A media library item as a post refers to it; {@code ready} is false while a background import runs. */
    record MediaRef(UUID mediaId, String url, String mimeType, boolean ready) {
    }
}
