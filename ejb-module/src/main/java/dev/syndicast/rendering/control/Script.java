package dev.syndicast.rendering.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The scripting stage's result: the title and the scenes, whose durations add up to the requested length. */
public record Script(String title, List<Scene> scenes) {

    public long totalMs() {
        return scenes.stream().mapToLong(Scene::durationMs).sum();
    }

    /** Start of a scene in milliseconds from the beginning of the video. */
    public long startMs(int index) {
        long start = 0;
        for (int i = 0; i < index; i++) {
            start += scenes.get(i).durationMs();
        }
        return start;
    }

    public void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(Outline.Tsv.clean(title));
        for (Scene scene : scenes) {
            lines.add(scene.durationMs() + "\t" + Outline.Tsv.clean(scene.heading()) + "\t" + Outline.Tsv.clean(scene.narration()));
        }
        Outline.Tsv.write(file, lines);
    }

    public static Script read(Path file) {
        List<String> lines = Outline.Tsv.read(file);
        List<Scene> scenes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t", 3);
            scenes.add(new Scene(i - 1, parts[1], parts[2], Long.parseLong(parts[0])));
        }
        return new Script(lines.get(0), scenes);
    }
}
