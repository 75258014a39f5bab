package dev.syndicast.media.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds ffmpeg and ffprobe: the configured path, else the binary on PATH, else the static ffmpeg inside the
 * {@code ws.schild:jave-nativebin-linux64} jar, copied out once into the tools directory. That bundled build has no ffprobe, so {@link #ffprobe()} may be empty while ffmpeg exists.
 */
public final class FfmpegTools {

    private static final Logger LOG = Logger.getLogger(FfmpegTools.class.getName());
    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";

    private final Optional<Path> ffmpeg;
    private final Optional<Path> ffprobe;

    private FfmpegTools(Optional<Path> ffmpeg, Optional<Path> ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    public static FfmpegTools locate(Optional<String> ffmpegPath, Optional<String> ffprobePath, Path toolsDir) {
        Optional<Path> ffmpeg = configured(ffmpegPath).or(() -> onPath("ffmpeg")).or(() -> bundled(toolsDir));
        Optional<Path> ffprobe = configured(ffprobePath).or(() -> onPath("ffprobe"));
        LOG.info(() -> "event=ffmpeg_located ffmpeg=" + ffmpeg.map(Path::toString).orElse("none")
                + " ffprobe=" + ffprobe.map(Path::toString).orElse("none"));
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    /** Fixed tools, for tests. */
    static FfmpegTools of(Optional<Path> ffmpeg, Optional<Path> ffprobe) {
        return new FfmpegTools(ffmpeg, ffprobe);
    }

    public Optional<Path> ffmpeg() {
        return ffmpeg;
    }

    public Optional<Path> ffprobe() {
        return ffprobe;
    }

    /** A configured path that is not an executable is a mistake worth a warning, not a reason to run nothing. */
    private static Optional<Path> configured(Optional<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Path candidate = Path.of(path.get());
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return Optional.of(candidate);
        }
        LOG.warning(() -> "event=ffmpeg_path_unusable path=" + candidate + " detail=\"not an executable file; looking elsewhere\"");
        return Optional.empty();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Copies the bundled static ffmpeg out of its jar (once; the copy is reused while its size matches). */
    static Optional<Path> bundled(Path toolsDir) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        ClassLoader loader = FfmpegTools.class.getClassLoader();
        var resource = loader.getResource(BUNDLED_RESOURCE);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(toolsDir);
            Path target = toolsDir.resolve("ffmpeg-jave-amd64");
            long expected = resource.openConnection().getContentLengthLong();
            if (Files.isExecutable(target) && Files.size(target) == expected) {
                return Optional.of(target);
            }
            // Copy beside the target and rename, so a concurrent start never runs a half-written binary.
            Path partial = Files.createTempFile(toolsDir, "ffmpeg-", ".part");
            try (InputStream in = resource.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!partial.toFile().setExecutable(true, false)) {
                Files.deleteIfExists(partial);
                return Optional.empty();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the bundled ffmpeg into " + toolsDir, e);
        }
    }
}
