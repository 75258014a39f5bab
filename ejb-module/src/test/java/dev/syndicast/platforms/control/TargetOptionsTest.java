package dev.syndicast.platforms.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetOptionsTest {

    @Test
    void goodOptionsHaveNoProblems() {
        JsonObject youtube = Json.createObjectBuilder().add("privacy_status", "unlisted").add("category_id", "22")
                .add("tags", Json.createArrayBuilder().add("launch").add("demo")).add("made_for_kids", false).build();

        assertThat(TargetOptions.problems("youtube", youtube)).isEmpty();
        assertThat(TargetOptions.problems("bluesky", null)).isEmpty();
    }

    @Test
    void eachProblemNamesTheOptionAndTheRule() {
        JsonObject youtube = Json.createObjectBuilder().add("privacy_status", "secret").add("made_for_kids", "no")
                .add("tags", Json.createArrayBuilder().add(1)).add("colour", "red").build();

        assertThat(TargetOptions.problems("youtube", youtube)).containsExactlyInAnyOrder(
                "privacy_status must be one of public, unlisted, private",
                "made_for_kids must be true or false",
                "tags must hold non-blank strings of at most 100 characters",
                "colour: not an option for youtube (use privacy_status, category_id, tags, made_for_kids, notify_subscribers,"
                        + " thumbnail_media_id)");
    }

    @Test
    void aPlatformWithoutOptionsRefusesAny() {
        assertThat(TargetOptions.problems("bluesky", Json.createObjectBuilder().add("langs", "en").build()))
                .containsExactly("langs: not an option for bluesky (it has none)");
    }

    @Test
    void aRequiredOptionMustBeThere() {
        assertThat(TargetOptions.problems("reddit", Json.createObjectBuilder().add("nsfw", true).build()))
                .containsExactly("subreddit is required for reddit (the subreddit to submit to, without r/)");
        assertThat(TargetOptions.problems("reddit", Json.createObjectBuilder().add("subreddit", "java").build())).isEmpty();
        assertThat(TargetOptions.problems("pinterest", Json.createObjectBuilder().add("link", "https://example.com").build()))
                .containsExactly("board_id is required for pinterest (the board to pin to (its id, from GET /v5/boards))");
    }

    @Test
    void numbersAndTextsKeepTheirBounds() {
        assertThat(TargetOptions.problems("tiktok", Json.createObjectBuilder().add("video_cover_timestamp_ms", -1).build()))
                .containsExactly("video_cover_timestamp_ms must be a whole number from 0 to 36000000");
        assertThat(TargetOptions.problems("tiktok", Json.createObjectBuilder().add("video_cover_timestamp_ms", 1.5).build()))
                .hasSize(1);
        assertThat(TargetOptions.problems("mastodon", Json.createObjectBuilder().add("spoiler_text", "x".repeat(501)).build()))
                .containsExactly("spoiler_text is at most 500 characters");
        assertThat(TargetOptions.problems("mastodon", Json.createObjectBuilder().add("spoiler_text", " ").build()))
                .containsExactly("spoiler_text must not be blank");
    }

    @Test
    void nullMeansUnset() {
        assertThat(TargetOptions.problems("mastodon", Json.createObjectBuilder().addNull("visibility").build())).isEmpty();
    }
}
