package dev.syndicast.rendering.control;

import jakarta.enterprise.context.ApplicationScoped;

/** Until the media library takes rendered videos, they stay in the session's directory and download from there. */
@ApplicationScoped
public class LocalRenderedVideoSink implements RenderedVideoSink {

    @Override
    public Registration register(RenderedVideo video) {
        return new Registration(video.file(), null);
    }
}
