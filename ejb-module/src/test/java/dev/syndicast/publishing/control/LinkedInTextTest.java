package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedInTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"(", ")", "[", "]", "{", "}", "<", ">", "@", "#", "*", "_", "~", "|", "\\"})
    void escapesEveryReservedCharacter(String reserved) {
        assertThat(LinkedInText.escape("a" + reserved + "b")).isEqualTo("a\\" + reserved + "b");
    }

    @Test
    void leavesPlainTextAlone() {
        String plain = "Hello, world! It's 50% off: \"quotes\" & ampersands; a-b=c/d? +1 $5 ^ ` ' é 日本 🎉";
        assertThat(LinkedInText.escape(plain)).isEqualTo(plain);
    }

    @Test
    void escapesMentionsHashtagsAndLinksInBrackets() {
        assertThat(LinkedInText.escape("Thanks @[Eddy](urn:li:person:1234) #launch"))
                .isEqualTo("Thanks \\@\\[Eddy\\]\\(urn:li:person:1234\\) \\#launch");
    }

    @Test
    void escapesABackslashBeforeWhatFollowsIt() {
        // A lone backslash and one that already looks like an escape are both the owner's text.
        assertThat(LinkedInText.escape("C:\\dir")).isEqualTo("C:\\\\dir");
        assertThat(LinkedInText.escape("\\(")).isEqualTo("\\\\\\(");
    }

    @Test
    void escapesRunsAndKeepsLineBreaks() {
        assertThat(LinkedInText.escape("**bold**\n~~x~~|_y_"))
                .isEqualTo("\\*\\*bold\\*\\*\n\\~\\~x\\~\\~\\|\\_y\\_");
    }

    @Test
    void keepsSurrogatePairsWhole() {
        assertThat(LinkedInText.escape("🎉(🎉)")).isEqualTo("🎉\\(🎉\\)");
    }

    @Test
    void nullAndEmpty() {
        assertThat(LinkedInText.escape(null)).isNull();
        assertThat(LinkedInText.escape("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a (b) [c] {d} <e> @f #g *h* _i_ ~j~ |k| \\l", "\\\\(", "end\\", "🎉#🎉"})
    void unescapeUndoesEscape(String text) {
        assertThat(LinkedInText.unescape(LinkedInText.escape(text))).isEqualTo(text);
    }

    @Test
    void unescapeLeavesABackslashBeforeAnOrdinaryCharacter() {
        assertThat(LinkedInText.unescape("a\\nb")).isEqualTo("a\\nb");
    }
}
