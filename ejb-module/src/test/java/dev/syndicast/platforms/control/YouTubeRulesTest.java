package dev.syndicast.platforms.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YouTubeRulesTest {

    @Test
    void theTitleIsThePostsTitleElseTheFirstLineOfItsText() {
        assertThat(YouTubeRules.title("  Own title ", "First line\nSecond")).isEqualTo("Own title");
        assertThat(YouTubeRules.title(null, "\n  First line  \nSecond")).isEqualTo("First line");
        assertThat(YouTubeRules.title(" ", "Only line")).isEqualTo("Only line");
        assertThat(YouTubeRules.title(null, null)).isEmpty();
    }

    @Test
    void tagsCountCommasAndQuotesAroundTagsWithSpacesAsYouTubeDoes() {
        // videos#snippet.tags[]: "Foo-Baz" is seven characters, "Foo Baz" nine; commas between tags count.
        assertThat(YouTubeRules.tagsLength(List.of("Foo-Baz"))).isEqualTo(7);
        assertThat(YouTubeRules.tagsLength(List.of("Foo Baz"))).isEqualTo(9);
        assertThat(YouTubeRules.tagsLength(List.of("Foo-Baz", "Foo Baz"))).isEqualTo(17);
        assertThat(YouTubeRules.tagsLength(List.of())).isZero();
    }

    @Test
    void aPostWithinTheRulesHasNoProblems() {
        JsonObject options = Json.createObjectBuilder().add("tags", Json.createArrayBuilder().add("a").add("b c")).build();
        assertThat(YouTubeRules.problems("Title", "Description with é and emoji \uD83D\uDE80", options)).isEmpty();
        assertThat(YouTubeRules.problems(null, "x".repeat(100) + "\nmore", null)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamedWithItsField() {
        assertThat(YouTubeRules.problems(null, "x".repeat(101), null)).extracting(YouTubeRules.Problem::field, YouTubeRules.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text",
                        "the video's title (the text's first line, as the post has no title) has 101 characters; the limit is 100"));
        assertThat(YouTubeRules.problems("A <b>bold</b> title", "fine", null)).extracting(YouTubeRules.Problem::field)
                .containsExactly("title");
        assertThat(YouTubeRules.problems(null, "", null)).extracting(YouTubeRules.Problem::message)
                .containsExactly("a video needs a title: give the post a title, or text whose first line becomes the title");
        // 2,501 two-byte characters: within 5000 characters, over 5000 bytes.
        assertThat(YouTubeRules.problems("T", "é".repeat(2501), null)).extracting(YouTubeRules.Problem::message)
                .containsExactly("the video's description (the post's text) has 5002 bytes in UTF-8; the limit is 5000 bytes");
        assertThat(YouTubeRules.problems("T", "a -> b", null)).extracting(YouTubeRules.Problem::message)
                .containsExactly("the video's description (the post's text) may not contain < or >");
        JsonObject tags = Json.createObjectBuilder().add("tags", Json.createArrayBuilder()
                .add("x".repeat(100)).add("x".repeat(100)).add("x".repeat(100)).add("x".repeat(100)).add("x".repeat(97))).build();
        assertThat(YouTubeRules.problems("T", "d", tags)).extracting(YouTubeRules.Problem::field, YouTubeRules.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("options", "options.tags add up to 501 characters as YouTube"
                        + " counts them (commas between tags, quotes around a tag with spaces); the limit is 500"));
    }
}
