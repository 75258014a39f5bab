package dev.syndicast.posts.control;

import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PostRowParserTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final PostRowParser parser = new PostRowParser(PlatformRegistry.of(key -> Optional.empty()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static PostRow row(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return PostRow.of(fields);
    }

    private Violation refusal(PostRow row) {
        PostRowParser.Parsed parsed = parser.parse(row);
        assertThat(parsed.ok()).as("refused: " + row).isFalse();
        assertThat(parsed.draft()).isNull();
        return parsed.error();
    }

    @Test
    void aFullRowBecomesAScheduledDraftWithATargetPerPlatform() {
        PostRowParser.Parsed parsed = parser.parse(row("content", "  Launch day!\nSee you there ", "platforms", "twitter; linkedin|twitter",
                "scheduled_at", "2027-01-31T16:00:00+01:00", "account_ids", "a1;a2", "category", "news", "hashtags", "ai #automation ai",
                "tags", "a,b;a", "labels", "l1|l2", "title", "Launch", "media_url", "library/x/abc.png", "source_id", "src-1"));

        assertThat(parsed.ok()).isTrue();
        PostDraft draft = parsed.draft();
        assertThat(draft.text()).isEqualTo("Launch day!\nSee you there");
        assertThat(draft.status()).isEqualTo("scheduled");
        assertThat(draft.scheduledAt()).isEqualTo(Instant.parse("2027-01-31T15:00:00Z"));
        assertThat(draft.targets()).extracting(PostDraft.TargetDraft::platform, PostDraft.TargetDraft::accountId)
                .containsExactly(Tuple.tuple("twitter", "a1"), Tuple.tuple("linkedin", "a2"));
        assertThat(draft.targets()).allSatisfy(t -> assertThat(t.scheduledAt()).isEqualTo(draft.scheduledAt()));
        assertThat(draft.hashtags()).containsExactly("#ai", "#automation");
        assertThat(draft.tags()).containsExactly("a", "b");
        assertThat(draft.labels()).containsExactly("l1", "l2");
        assertThat(draft.category()).isEqualTo("news");
        assertThat(draft.title()).isEqualTo("Launch");
        assertThat(draft.media()).extracting(PostMedia::url).containsExactly("library/x/abc.png");
        assertThat(draft.sourceId()).isEqualTo("src-1");
        assertThat(draft.sourceSystem()).isEqualTo(PostRowParser.SOURCE_SYSTEM);
    }

    @Test
    void aRowWithoutATimeIsADraftAndOneAccountServesEveryPlatform() {
        PostDraft draft = parser.parse(row("content", "Draft", "platforms", "x|bluesky", "account_ids", "only", "title", " ")).draft();

        assertThat(draft.status()).isEqualTo("draft");
        assertThat(draft.scheduledAt()).isNull();
        assertThat(draft.title()).isNull();
        assertThat(draft.media()).isEmpty();
        assertThat(draft.targets()).extracting(PostDraft.TargetDraft::accountId).containsExactly("only", "only");
        assertThat(draft.language()).as("no language column").isNull();
        assertThat(parser.parse(row("content", "Olá", "platforms", "bluesky", "language", " pt-BR ")).draft().language())
                .as("checked by the posts boundary, like POST /posts").isEqualTo("pt-BR");
    }

    @Test
    void aMalformedRowIsRefusedWithItsProblemAndNoField() {
        assertThat(refusal(PostRow.malformed("Each post must be a JSON object")))
                .isEqualTo(new Violation(null, "Each post must be a JSON object"));
        assertThat(refusal(new PostRow(Map.of("content", "ok", "platforms", "twitter"), "expected 11 columns, found 3")))
                .isEqualTo(new Violation(null, "expected 11 columns, found 3"));
    }

    @Test
    void eachRefusalNamesItsFieldAndSaysWhatToFix() {
        assertThat(refusal(row("platforms", "twitter"))).isEqualTo(new Violation("content", "content is empty"));
        assertThat(refusal(row("content", "x".repeat(PostRowParser.MAX_CONTENT + 1), "platforms", "twitter")))
                .isEqualTo(new Violation("content", "content has 100001 characters; at most 100000"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter", "title", "a\u0000b")))
                .isEqualTo(new Violation("title", "title contains a NUL character"));
        assertThat(refusal(row("content", "=HYPERLINK(\"http://evil.example\")", "platforms", "twitter")))
                .isEqualTo(new Violation("content", "content starts with '=' like a spreadsheet formula"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter", "category", "c".repeat(301))))
                .isEqualTo(new Violation("category", "category is longer than 300 characters"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter;myspace")))
                .isEqualTo(new Violation("platforms", "Unsupported platform: myspace"));
        assertThat(refusal(row("content", "ok", "platforms", " ; ")))
                .isEqualTo(new Violation("platforms", "platforms is empty"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter;linkedin;threads", "account_ids", "a1;a2")))
                .isEqualTo(new Violation("account_ids", "account_ids names 2 accounts for 3 platforms; give one, or one per platform in the same order"));
    }

    @Test
    void optionsGoToTheTargetOfTheirPlatformOnly() {
        PostDraft draft = parser.parse(row("content", "Look", "platforms", "reddit;x",
                "options", "{\"Reddit\":{\"subreddit\":\"videos\",\"nsfw\":false}}")).draft();

        assertThat(draft.targets()).extracting(PostDraft.TargetDraft::platform).containsExactly("reddit", "twitter");
        assertThat(draft.targets().get(0).options().getString("subreddit")).isEqualTo("videos");
        assertThat(draft.targets().get(0).options().getBoolean("nsfw")).isFalse();
        assertThat(draft.targets().get(1).options()).isNull();
    }

    @Test
    void optionsThatAreNotAnObjectPerPostedPlatformAreRefusedSayingWhatTheyShouldBe() {
        assertThat(refusal(row("content", "ok", "platforms", "reddit", "options", "subreddit=videos")).message())
                .startsWith("options must be a JSON object of platform names to their options, like {");
        assertThat(refusal(row("content", "ok", "platforms", "reddit", "options", "[1]")).field()).isEqualTo("options");
        assertThat(refusal(row("content", "ok", "platforms", "reddit", "options", "{\"pinterest\":{\"board_id\":\"1\"}}")))
                .isEqualTo(new Violation("options", "options names pinterest, which is not one of the row's platforms (reddit)"));
        assertThat(refusal(row("content", "ok", "platforms", "reddit", "options", "{\"reddit\":\"videos\"}")).message())
                .startsWith("options.reddit must be a JSON object of option names to values");
    }

    @Test
    void theTimeMustHaveAnOffsetLieAheadAndStayInRange() {
        assertThat(refusal(row("content", "ok", "platforms", "twitter", "scheduled_at", "31/01/2027 15:00")))
                .isEqualTo(new Violation("scheduled_at",
                        "scheduled_at must be an ISO-8601 date and time with an offset, like 2026-01-31T15:00:00Z: '31/01/2027 15:00'"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter", "scheduled_at", NOW.toString())))
                .isEqualTo(new Violation("scheduled_at", "scheduled_at " + NOW + " is in the past"));
        assertThat(refusal(row("content", "ok", "platforms", "twitter", "scheduled_at", "+10000-01-01T00:00:00Z")).message())
                .startsWith("scheduled_at must be between ");
    }

    @Test
    void absentAndBlankFieldsAreTheSameAndNullValuesAreAllowed() {
        Map<String, String> fields = new HashMap<>();
        fields.put("content", "ok");
        fields.put("platforms", "twitter");
        fields.put("media_url", null);
        fields.put("tags", "   ");

        PostDraft draft = parser.parse(PostRow.of(fields)).draft();

        assertThat(draft.media()).isEmpty();
        assertThat(draft.tags()).isEmpty();
        assertThat(PostRow.of(null).fields()).isEmpty();
    }

    @Test
    void platformsAreNamedAsTheRegistryNamesThemOnceEach() {
        assertThat(parser.parse(row("content", "ok", "platforms", "x; Twitter |bluesky")).draft().targets())
                .extracting(PostDraft.TargetDraft::platform).containsExactly("twitter", "bluesky");
    }
}
