package dev.syndicast.rendering.control;

import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Registers every finished video in the workspace's media library (folder {@code renders}, tag {@code rendered}),
 * so it can be scheduled like any uploaded video: the library copies, checksums, probes and stores it. The
 * render's own file stays in the session's directory for {@code /videos/{id}/download} until cleanup.
 */
@ApplicationScoped
public class LibraryRenderedVideoSink implements RenderedVideoSink {

    static final String FOLDER = "renders";
    static final String TAG = "rendered";

    @Inject
    MediaImports imports;

    @Override
    public Registration register(RenderedVideo video) {
        try {
            MediaOutcome outcome = imports.registerLocalFile(video.workspaceId(), video.file(),
                    "video_" + video.sessionId() + ".mp4", new MediaItem.Metadata(video.title(), List.of(TAG), FOLDER));
            return new Registration(video.file(), outcome.item().getId().toString());
        } catch (DomainException refused) {
            throw new RenderFailedException("The media library refused the rendered video: " + refused.getMessage());
        }
    }
}
