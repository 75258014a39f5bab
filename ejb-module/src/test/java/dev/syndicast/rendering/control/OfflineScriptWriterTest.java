package dev.syndicast.rendering.control;

import dev.syndicast.rendering.entity.Quality;
import dev.syndicast.rendering.entity.VideoStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineScriptWriterTest {

    private final OfflineResearcher researcher = new OfflineResearcher();
    private final OfflineScriptWriter writer = new OfflineScriptWriter();

    private Script script(String prompt, int seconds, VideoStyle style) {
        RenderRequest request = new RenderRequest(UUID.randomUUID(), UUID.randomUUID(), prompt, seconds, style, "neutral", Quality.LOW);
        return writer.write(researcher.research(prompt, style), request);
    }

    @Test
    void scenesAreSizedToTheDurationAndTheStylesPace() {
        String prompt = "Create a professional video about artificial intelligence. Explain machine learning. Show real uses.";
        Script professional = script(prompt, 60, VideoStyle.PROFESSIONAL);
        assertThat(professional.scenes()).hasSize(8);
        assertThat(professional.totalMs()).isEqualTo(60_000);
        Script entertainment = script(prompt, 60, VideoStyle.ENTERTAINMENT);
        assertThat(entertainment.scenes()).hasSize(12);
        assertThat(script(prompt, 10, VideoStyle.DOCUMENTARY).scenes()).hasSize(2);
        assertThat(script(prompt, 600, VideoStyle.DOCUMENTARY).totalMs()).isEqualTo(600_000);
    }

    @Test
    void everySceneHasAHeadingAndANarrationThatFitsItsTime() {
        Script s = script("Educational video about climate change: causes, effects and what we can do", 45, VideoStyle.EDUCATIONAL);
        for (Scene scene : s.scenes()) {
            assertThat(scene.heading()).isNotBlank();
            assertThat(scene.narration()).isNotBlank();
            int words = scene.narration().split("\\s+").length;
            assertThat(words).isLessThanOrEqualTo((int) Math.max(3, scene.durationMs() / 1000.0 * OfflineScriptWriter.WORDS_PER_SECOND));
        }
        assertThat(s.scenes().get(0).narration()).startsWith("Welcome.");
        assertThat(s.scenes().get(s.scenes().size() - 1).heading()).isEqualTo("Key takeaways");
    }

    @Test
    void theInstructionIsNotPartOfWhatTheVideoSays() {
        assertThat(OfflineResearcher.withoutInstruction("Create a casual video about brewing great coffee at home"))
                .isEqualTo("Brewing great coffee at home");
        assertThat(OfflineResearcher.withoutInstruction("please make an educational explainer on how vaccines work"))
                .isEqualTo("How vaccines work");
        assertThat(OfflineResearcher.withoutInstruction("Solar panels turn sunlight into power"))
                .isEqualTo("Solar panels turn sunlight into power");
    }

    @Test
    void splitAddsUpExactly() {
        long[] parts = OfflineScriptWriter.split(10_000, 3);
        assertThat(parts).containsExactly(3334, 3333, 3333);
        assertThat(OfflineScriptWriter.fit("one two three four five", 3)).isEqualTo("one two three.");
        assertThat(OfflineScriptWriter.fit("one two.", 3)).isEqualTo("one two.");
    }

    @Test
    void researchFindsTheKeywordsOfThePrompt() {
        Outline outline = researcher.research("Create a video about solar panels. Solar panels turn sunlight into power.", VideoStyle.CASUAL);
        assertThat(outline.keywords()).startsWith("solar", "panels");
        assertThat(outline.title()).isEqualTo("Solar Panels Turn Sunlight");
        assertThat(outline.points()).contains("Solar panels turn sunlight into power");
    }

    @Test
    void scriptsSurviveTheTripThroughTheirFile(@TempDir Path dir) {
        Script s = script("A video about\ttabs and\nnewlines in prompts, to be safe", 20, VideoStyle.CASUAL);
        s.write(dir.resolve("script.tsv"));
        assertThat(Script.read(dir.resolve("script.tsv"))).isEqualTo(s);
        Outline o = researcher.research("A video about bees and flowers in spring", VideoStyle.DOCUMENTARY);
        o.write(dir.resolve("research.tsv"));
        assertThat(Outline.read(dir.resolve("research.tsv"))).isEqualTo(o);
    }
}
