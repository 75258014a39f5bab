package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostLanguageTest {

    @Test
    void wellFormedTagsPassAndAreWrittenInTheirCanonicalCase() {
        assertThat(PostLanguage.check("en", "language")).isEmpty();
        assertThat(PostLanguage.check("pt-BR", "language")).isEmpty();
        assertThat(PostLanguage.check("zh-Hant-TW", "language")).isEmpty();
        assertThat(PostLanguage.normalized("pt-br")).isEqualTo("pt-BR");
        assertThat(PostLanguage.normalized(" EN ")).isEqualTo("en");
        assertThat(PostLanguage.normalized("zh-hant-tw")).isEqualTo("zh-Hant-TW");
    }

    @Test
    void noneIsNoLanguageAndBlankClearsIt() {
        assertThat(PostLanguage.check(null, "language")).isEmpty();
        assertThat(PostLanguage.normalized(null)).isNull();
        assertThat(PostLanguage.normalized("  ")).isNull();
    }

    @Test
    void aMalformedTagIsRefusedNamingTheFieldAndTheTag() {
        for (String bad : new String[] {"en_US", "e", "12", "pt-BR-", "x-private", "en--us"}) {
            Violation refused = PostLanguage.check(PostLanguage.normalized(bad), "language").orElseThrow(() -> new AssertionError(bad));
            assertThat(refused.field()).isEqualTo("language");
            assertThat(refused.message()).startsWith("language must be a BCP 47 language tag such as en or pt-BR (got '" + bad + "'");
        }
        Violation tooLong = PostLanguage.check("en-" + "a1b2c3d4-".repeat(5) + "x", "language").orElseThrow();
        assertThat(tooLong.message()).contains("at most 35 characters");
    }
}
