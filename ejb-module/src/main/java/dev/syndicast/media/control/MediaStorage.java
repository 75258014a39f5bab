package dev.syndicast.media.control;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Where item bytes live, addressed by a relative key such as {@code library/<workspace>/<sha256>.mp4}
 * (the {@code storage_path} clients use as {@code media_url}). The local filesystem is the default; an object
 * store can implement the same contract.
 */
public interface MediaStorage {

    /**
     * Takes a complete staged file and makes it available under {@code key} in one step: readers see the
     * whole file or none. Keys are content-addressed, so if the key exists its bytes are the same and the
     * staged file is simply dropped.
     */
    void store(Path staged, String key) throws IOException;

    /** Opens the bytes for reading at any position (range requests). */
    SeekableByteChannel open(String key) throws IOException;

    long size(String key) throws IOException;

    boolean exists(String key);

    /** Removes the bytes; a missing key is not an error. */
    void delete(String key) throws IOException;
}
