package dev.syndicast.media.boundary;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/** Stored bytes ready to be served: their type, length, a name for downloads, a tag for caches, and a way to read them. */
public record MediaContent(String mimeType, long size, String fileName, String etag, Opener opener) {

    @FunctionalInterface
    public interface Opener {
        SeekableByteChannel open() throws IOException;
    }
}
