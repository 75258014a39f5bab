package dev.syndicast.publishing.control;

import dev.syndicast.publishing.control.BlueskyFacets.Facet;
import dev.syndicast.publishing.control.BlueskyFacets.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyFacetsTest {

    @Test
    void rangesAreUtf8BytesAfterAnEmoji() {
        String text = "Hi \uD83D\uDE00 https://example.com/a?b=c #tag @bob.test";

        assertThat(BlueskyFacets.detect(text)).containsExactly(
                new Facet(8, 33, Kind.LINK, "https://example.com/a?b=c"),
                new Facet(34, 38, Kind.TAG, "tag"),
                new Facet(39, 48, Kind.MENTION, "bob.test"));
        assertThat(slice(text, 8, 33)).isEqualTo("https://example.com/a?b=c");
        assertThat(slice(text, 39, 48)).isEqualTo("@bob.test");
    }

    @Test
    void nonAsciiTagsLoseTrailingPunctuation() {
        String text = "Grüße #café! und #日本語。";

        assertThat(BlueskyFacets.detect(text)).containsExactly(
                new Facet(8, 14, Kind.TAG, "café"),
                new Facet(20, 30, Kind.TAG, "日本語"));
        assertThat(slice(text, 8, 14)).isEqualTo("#café");
        assertThat(slice(text, 20, 30)).isEqualTo("#日本語");
    }

    @Test
    void notTagsOrMentions() {
        assertThat(BlueskyFacets.detect("#123 a#b mail me@example.com # alone #" + "x".repeat(65))).isEmpty();
    }

    @Test
    void aLinkWinsOverWhatItContains() {
        String text = "see https://example.com/@bob.test#part.";

        assertThat(BlueskyFacets.detect(text)).containsExactly(
                new Facet(4, 38, Kind.LINK, "https://example.com/@bob.test#part"));
    }

    @Test
    void mentionsAfterPunctuationAndAtTheStart() {
        String text = "@alice.bsky.social (cc @bob.test)";

        assertThat(BlueskyFacets.detect(text)).extracting(Facet::value).containsExactly("alice.bsky.social", "bob.test");
        assertThat(BlueskyFacets.detect(text).get(1).byteStart()).isEqualTo(23);
    }

    @Test
    void emptyText() {
        assertThat(BlueskyFacets.detect("")).isEmpty();
        assertThat(BlueskyFacets.detect(null)).isEmpty();
    }

    private static String slice(String text, int start, int end) {
        return new String(Arrays.copyOfRange(text.getBytes(StandardCharsets.UTF_8), start, end), StandardCharsets.UTF_8);
    }
}
