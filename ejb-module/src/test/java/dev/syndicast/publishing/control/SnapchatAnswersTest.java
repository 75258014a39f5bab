package dev.syndicast.publishing.control;

import dev.syndicast.publishing.control.SnapchatAnswers.PostType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Snap Public Profile API's answers as publishing reads them (the ASSUMED shapes are the connector's own). */
class SnapchatAnswersTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theCreatedMediaNamesItsIdAndPaths() {
        assertThat(SnapchatAnswers.created("""
                {"request_status":"SUCCESS","request_id":"r-1","media_id":"m-1",
                 "add_path":"/v1/public_profiles/p/media/m-1/multipart-upload?action=ADD",
                 "finalize_path":"/v1/public_profiles/p/media/m-1/multipart-upload?action=FINALIZE"}"""))
                .contains(new SnapchatAnswers.Created("m-1", "/v1/public_profiles/p/media/m-1/multipart-upload?action=ADD",
                        "/v1/public_profiles/p/media/m-1/multipart-upload?action=FINALIZE"));
        assertThat(SnapchatAnswers.created("{\"request_id\":\"r-1\",\"media_id\":\"m-1\"}")).isEmpty();
        assertThat(SnapchatAnswers.created("not json")).isEmpty();
    }

    @Test
    void thePostedIdIsReadWrappedOrFlat() {
        assertThat(SnapchatAnswers.postedId("{\"request_status\":\"SUCCESS\",\"stories\":[{\"sub_request_status\":\"SUCCESS\","
                + "\"story\":{\"id\":\"s-1\",\"media_id\":\"m\"}}]}", PostType.STORY)).contains("s-1");
        assertThat(SnapchatAnswers.postedId("{\"spotlights\":[{\"id\":\"sp-1\"}]}", PostType.SPOTLIGHT)).contains("sp-1");
        assertThat(SnapchatAnswers.postedId("{\"id\":\"x\"}", PostType.SAVED_STORY)).contains("x");
        assertThat(SnapchatAnswers.postedId("{\"request_id\":\"r\",\"spotlight_id\":\"sp-2\"}", PostType.SPOTLIGHT)).contains("sp-2");
        assertThat(SnapchatAnswers.postedId("{}", PostType.STORY)).isEmpty();
        assertThat(PostType.of(Optional.empty())).isEqualTo(PostType.STORY);
        assertThat(PostType.of(Optional.of("saved_story")).collection).isEqualTo("saved_stories");
    }

    @Test
    void theLookupFindsThePostByItsMediaAndCannotTellWhereTheListingDoesNotSay() {
        String listing = "{\"stories\":[{\"story\":{\"id\":\"s-1\",\"media_id\":\"m-1\"}},{\"story\":{\"id\":\"s-2\",\"media_id\":\"m-2\"}}]}";
        assertThat(SnapchatAnswers.lookup(200, listing, PostType.STORY, "m-2")).isEqualTo(new CheckOutcome.Found("s-2", null));
        assertThat(SnapchatAnswers.lookup(200, listing, PostType.STORY, "m-3")).isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(SnapchatAnswers.lookup(200, "{\"stories\":[]}", PostType.STORY, "m-3")).isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(SnapchatAnswers.lookup(200, "{\"stories\":[{\"story\":{\"id\":\"s-1\"}}]}", PostType.STORY, "m-3"))
                .isInstanceOfSatisfying(CheckOutcome.CannotTell.class, c -> assertThat(c.reason()).contains("does not say which media"));
        assertThat(SnapchatAnswers.lookup(404, "", PostType.SPOTLIGHT, "m")).isInstanceOfSatisfying(CheckOutcome.CannotTell.class,
                c -> assertThat(c.reason()).contains("no such listing"));
        assertThat(SnapchatAnswers.lookup(200, "{}", PostType.STORY, "m")).isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void errorsAreClassifiedWithSnapsMessage() {
        String error = "{\"request_status\":\"ERROR\",\"request_id\":\"r\",\"debug_message\":\"Media is not ready\","
                + "\"display_message\":\"We're sorry, something went wrong\",\"error_code\":\"E3003\"}";
        assertThat(SnapchatAnswers.classify(400, error, Map.of(), NOW, "The story call"))
                .isEqualTo(new PublishOutcome.Permanent("Snapchat refused the story call: We're sorry, something went wrong (E3003)"));
        assertThat(SnapchatAnswers.classify(401, "", Map.of(), NOW, "The call")).isInstanceOf(PublishOutcome.TokenRefused.class);
        assertThat(SnapchatAnswers.classify(429, "", Map.of("Retry-After", List.of("7")), NOW, "The call"))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(SnapchatAnswers.classify(429, "", Map.of(), NOW, "The call"))
                .isInstanceOfSatisfying(PublishOutcome.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(SnapchatAnswers.classify(503, "", Map.of(), NOW, "The story call")).isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(SnapchatAnswers.stepFailure(503, "", Map.of(), NOW, "The media creation")).isInstanceOf(PublishOutcome.NotProcessed.class);
    }
}
