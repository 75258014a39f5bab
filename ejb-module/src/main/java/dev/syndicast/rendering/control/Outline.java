package dev.syndicast.rendering.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The researching stage's result: a title, the prompt's keywords and the points the video should make. */
public record Outline(String title, List<String> keywords, List<String> points) {

    public void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(Tsv.clean(title));
        lines.add(String.join("\t", keywords.stream().map(Tsv::clean).toList()));
        points.forEach(p -> lines.add(Tsv.clean(p)));
        Tsv.write(file, lines);
    }

    public static Outline read(Path file) {
        List<String> lines = Tsv.read(file);
        List<String> keywords = lines.get(1).isEmpty() ? List.of() : Arrays.asList(lines.get(1).split("\t"));
        return new Outline(lines.get(0), keywords, lines.subList(2, lines.size()));
    }

    /** Line-based files for the stage results: a restarted stage reads what the finished ones left behind. */
    static final class Tsv {

        private Tsv() {
        }

        static String clean(String text) {
            return text.replaceAll("[\\t\\r\\n]+", " ").strip();
        }

        static void write(Path file, List<String> lines) {
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        }

        static List<String> read(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }
}
