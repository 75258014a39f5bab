package dev.syndicast.media.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link MediaStorage} on a local directory (by default {@code <data dir>/media}). */
public class LocalMediaStorage implements MediaStorage {

    private final Path root;

    public LocalMediaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void store(Path staged, String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(staged);
            return;
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Staging on another filesystem: copy next to the target, then rename atomically there.
            Path partial = Files.createTempFile(target.getParent(), ".incoming-", ".part");
            try {
                Files.copy(staged, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(staged);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (FileAlreadyExistsException e) {
            // A concurrent store of the same content won the race; the bytes are identical.
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public SeekableByteChannel open(String key) throws IOException {
        return FileChannel.open(resolve(key), StandardOpenOption.READ);
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(resolve(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    /** The file of a key; keys never leave the root. */
    public Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Storage key escapes the media directory: " + key);
        }
        return path;
    }
}
