package dev.syndicast.rendering.control;

import dev.syndicast.core.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Where a session's files live: {@code <data>/renders/<session id>/}. */
@ApplicationScoped
public class RenderWorkspace {

    @Inject
    DataDirectory dataDirectory;

    public Path dir(UUID sessionId) {
        try {
            return Files.createDirectories(dataDirectory.resolve("renders").resolve(sessionId.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path existingDir(UUID sessionId) {
        return dataDirectory.resolve("renders").resolve(sessionId.toString());
    }

    public static Path outline(Path dir) { return dir.resolve("research.tsv"); }
    public static Path script(Path dir) { return dir.resolve("script.tsv"); }
    public static Path slides(Path dir) { return dir.resolve("slides"); }
    public static Path concatList(Path dir) { return slides(dir).resolve("slides.ffconcat"); }
    public static Path narration(Path dir) { return dir.resolve("narration.wav"); }
    public static Path subtitles(Path dir) { return dir.resolve("subtitles.srt"); }
    public static Path partialVideo(Path dir, UUID id) { return dir.resolve("video_" + id + ".part.mp4"); }
    public static Path video(Path dir, UUID id) { return dir.resolve("video_" + id + ".mp4"); }
    public static Path progress(Path dir) { return dir.resolve("ffmpeg-progress.txt"); }
    public static Path log(Path dir) { return dir.resolve("ffmpeg.log"); }

    /** Removes the slides, narration and logs once the video exists; keeps the script and the video. */
    public void deleteIntermediate(Path dir) {
        deleteTree(slides(dir));
        for (Path file : new Path[] {narration(dir), progress(dir), log(dir)}) {
            FfmpegRunner.deleteQuietly(file);
        }
    }

    public void deleteAll(UUID sessionId) {
        deleteTree(existingDir(sessionId));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(FfmpegRunner::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
