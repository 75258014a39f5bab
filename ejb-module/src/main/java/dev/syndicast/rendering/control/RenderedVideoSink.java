package dev.syndicast.rendering.control;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a finished video goes so it can be scheduled like any other. The default keeps the file where it was
 * rendered; the media library replaces this bean (an {@code @Alternative} with a priority) to import it.
 */
public interface RenderedVideoSink {

    /** A rendered file and what the probe found. */
    record RenderedVideo(UUID sessionId, UUID workspaceId, String title, Path file, VideoProbe probe, long size) {
    }

    /** Where the video lives afterwards, and the media library's reference to it if it has one. */
    record Registration(Path file, String mediaRef) {
    }

    Registration register(RenderedVideo video);
}
