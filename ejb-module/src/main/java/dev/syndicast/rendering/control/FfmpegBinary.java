package dev.syndicast.rendering.control;

import dev.syndicast.core.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which ffmpeg to run: the configured path, else {@code ffmpeg} on PATH, else the static
 * ffmpeg 4.4 inside {@code ws.schild:jave-nativebin-linux64}, unpacked once into the data directory. So a
 * machine with nothing but Maven renders videos.
 */
@ApplicationScoped
public class FfmpegBinary {

    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";

    @Inject
    @ConfigProperty(name = "syndicast.render.ffmpeg", defaultValue = "auto")
    String configured;

    @Inject
    DataDirectory dataDirectory;

    private volatile Path resolved;

    public Path path() {
        Path path = resolved;
        if (path == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = locate(configured, System.getenv("PATH"), dataDirectory.resolve("tools"));
                }
                path = resolved;
            }
        }
        return path;
    }

    public static Path locate(String configured, String pathVariable, Path toolsDir) {
        if (configured != null && !configured.isBlank() && !configured.equals("auto")) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("syndicast.render.ffmpeg points at " + configured + ", which is not an executable file");
            }
            return path;
        }
        return onPath(pathVariable).orElseGet(() -> unpackBundled(toolsDir));
    }

    static Optional<Path> onPath(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "ffmpeg");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Unpacks under a temporary name and renames, so a crash mid-copy never leaves a truncated binary in place. */
    static Path unpackBundled(Path toolsDir) {
        Path target = toolsDir.resolve("ffmpeg-jave-4.4");
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = FfmpegBinary.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No ffmpeg configured, none on PATH, and the bundled binary ("
                        + BUNDLED_RESOURCE + ") is not on the classpath");
            }
            Files.createDirectories(toolsDir);
            Path tmp = Files.createTempFile(toolsDir, "ffmpeg", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            if (!tmp.toFile().setExecutable(true)) {
                throw new IllegalStateException("Cannot make " + tmp + " executable");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the bundled ffmpeg into " + toolsDir, e);
        }
    }
}
