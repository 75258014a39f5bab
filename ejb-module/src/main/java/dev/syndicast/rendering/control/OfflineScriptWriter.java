package dev.syndicast.rendering.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * A script writer that needs no model: the video is cut into scenes of the style's pace, an opening, the
 * outline's points in order and a closing, and each narration is sized to the words its scene can hold.
 */
@ApplicationScoped
public class OfflineScriptWriter implements ScriptWriter {

    /** FreeTTS' kevin16 speaks about three words a second; two leave room for pauses between scenes. */
    static final double WORDS_PER_SECOND = 2.0;

    @Override
    public Script write(Outline outline, RenderRequest request) {
        int sceneCount = sceneCount(request.durationSeconds(), request.style().secondsPerScene());
        long[] durations = split(request.durationSeconds() * 1000L, sceneCount);
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < sceneCount; i++) {
            int words = Math.max(3, (int) Math.floor(durations[i] / 1000.0 * WORDS_PER_SECOND));
            String heading;
            String narration;
            if (i == 0) {
                heading = outline.title();
                narration = "Welcome. This is " + outline.title() + ". " + firstOr(outline.points(), outline.title());
            } else if (i == sceneCount - 1 && sceneCount > 2) {
                heading = "Key takeaways";
                narration = "To sum up: " + String.join(", ", outline.keywords().subList(0, Math.min(3, outline.keywords().size())))
                        + ". Thanks for watching.";
            } else {
                String point = outline.points().isEmpty() ? outline.title() : outline.points().get((i - 1) % outline.points().size());
                heading = headline(point);
                narration = point + ".";
            }
            scenes.add(new Scene(i, heading, fit(narration, words), durations[i]));
        }
        return new Script(outline.title(), scenes);
    }

    /** At least two scenes (an opening and a point), else one per style pace. */
    static int sceneCount(int durationSeconds, int secondsPerScene) {
        return Math.max(2, Math.round((float) durationSeconds / secondsPerScene));
    }

    /** Splits a total into parts that differ by at most a millisecond and add up exactly. */
    static long[] split(long totalMs, int parts) {
        long[] result = new long[parts];
        long base = totalMs / parts;
        long rest = totalMs % parts;
        for (int i = 0; i < parts; i++) {
            result[i] = base + (i < rest ? 1 : 0);
        }
        return result;
    }

    /** Cuts the narration to the words that fit; a cut sentence ends with a full stop, not mid-air. */
    static String fit(String narration, int maxWords) {
        String[] words = narration.strip().split("\\s+");
        if (words.length <= maxWords) {
            return narration.strip();
        }
        String cut = String.join(" ", java.util.Arrays.copyOf(words, maxWords)).replaceAll("[,;:]+$", "");
        return cut.endsWith(".") ? cut : cut + ".";
    }

    static String headline(String point) {
        String[] words = point.split("\\s+");
        String head = String.join(" ", java.util.Arrays.copyOf(words, Math.min(6, words.length)));
        return Character.toUpperCase(head.charAt(0)) + head.substring(1);
    }

    private static String firstOr(List<String> points, String fallback) {
        return points.isEmpty() ? fallback : points.get(0) + ".";
    }
}
