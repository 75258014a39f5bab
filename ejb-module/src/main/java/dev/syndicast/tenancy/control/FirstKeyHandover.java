package dev.syndicast.tenancy.control;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands a generated first admin key to the operator, the one time it exists in clear. With a key file configured
 * ({@code syndicast.bootstrap-key-file}; {@code bin/syndicast} sets one in its run directory) the key goes into that
 * file, readable by the server's user only, and the run script shows it once and deletes it: the key never enters
 * a log, which may be kept, shipped or readable by others. Without a file, or when the file cannot be written, it is
 * printed to the console, as a server started some other way has no one to read a file.
 */
public final class FirstKeyHandover {

    private static final Logger LOG = Logger.getLogger(FirstKeyHandover.class.getName());

    private final Optional<Path> keyFile;
    private final PrintStream console;

    public FirstKeyHandover(Optional<Path> keyFile, PrintStream console) {
        this.keyFile = keyFile;
        this.console = console;
    }

    /** Where the key went: the file, or empty when it was printed to the console. */
    public Optional<Path> handOver(String rawKey) {
        if (keyFile.isPresent()) {
            try {
                Path written = write(keyFile.get(), rawKey);
                LOG.info("event=bootstrap_key_generated file=" + written
                        + " (the key is in that file, readable by this user only, until the run script shows it once)");
                return Optional.of(written);
            } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
                LOG.log(Level.WARNING, "event=bootstrap_key_file_failed file=" + keyFile.get()
                        + ": printing the key to the console instead", e);
            }
        }
        // Deliberately printed once, to the console only: this is the operator's only chance to see it.
        console.println("""

                ==================================================================
                 Syndicast generated the first admin API key (shown only once):
                   %s
                 Use it as:  Authorization: Bearer <key>   or   x-api-key: <key>
                 Set SYNDICAST_BOOTSTRAP_KEY to choose the key yourself.
                ==================================================================
                """.formatted(rawKey));
        return Optional.empty();
    }

    /**
     * Written to a new owner-only file beside the target and moved over it, so the key is never readable by others,
     * not even for a moment, and a reader never sees half of it. A file left by an earlier start whose key was never
     * shown is replaced: only the newest key is valid for a database that had no keys.
     */
    private static Path write(Path target, String rawKey) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            throw new UnsupportedOperationException("no POSIX permissions on this file system");
        }
        Path file = target.toAbsolutePath().normalize();
        Path dir = Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(dir, ".bootstrap-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, rawKey + "\n", StandardCharsets.UTF_8);
            return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
