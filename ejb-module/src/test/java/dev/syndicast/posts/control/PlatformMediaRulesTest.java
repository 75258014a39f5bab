package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dribbble and Snapchat rules checked before a post is scheduled, each naming the rule. */
class PlatformMediaRulesTest {

    private static final PlatformMediaRules.Facts PNG_400 = new PlatformMediaRules.Facts(true, "image/png", 400, 300);
    private static final PlatformMediaRules.Facts VIDEO = new PlatformMediaRules.Facts(true, "video/mp4", 1080, 1920);

    @Test
    void dribbbleTakesOneLibraryImageOfExactly400x300Or800x600() {
        assertThat(dribbble("Title\nText", List.of(PNG_400))).isEmpty();
        assertThat(dribbble("Title", List.of(new PlatformMediaRules.Facts(true, "image/png", 800, 600)))).isEmpty();
        assertThat(dribbble("Title", List.of(new PlatformMediaRules.Facts(true, "image/png", 1600, 1200))))
                .extracting(Violation::message).containsExactly("dribbble: image is 1600x1200; Dribbble takes exactly 400x300 or 800x600 pixels");
        assertThat(dribbble("Title", List.of(new PlatformMediaRules.Facts(true, "image/png", null, null))))
                .extracting(Violation::field).containsExactly("targets[0].media[0].dimensions");
        assertThat(dribbble("Title", List.of(new PlatformMediaRules.Facts(false, "image/png", null, null))))
                .extracting(Violation::message).allMatch(m -> m.contains("must be an item of the media library"));
        assertThat(dribbble("Title", List.of())).extracting(Violation::message).containsExactly(
                "dribbble: a shot is exactly one image (GIF, JPG or PNG); the post has none");
    }

    @Test
    void dribbbleNeedsATitleAndAtMostTwelveTags() {
        RenderedPost untitled = new RenderedPost("  ", null, List.of(), List.of(), List.of());
        assertThat(PlatformMediaRules.check("dribbble", untitled, List.of(PNG_400), null, "targets[0]"))
                .extracting(Violation::field).containsExactly("targets[0].title");
        StringBuilder text = new StringBuilder("Shot");
        for (int i = 0; i < 13; i++) {
            text.append(" #tag").append(i);
        }
        assertThat(dribbble(text.toString(), List.of(PNG_400))).extracting(Violation::message)
                .containsExactly("dribbble: 13 hashtags; a shot takes at most 12 tags");
        assertThat(dribbble("Same #ui #ui #UI", List.of(PNG_400))).isEmpty();
    }

    @Test
    void snapchatTakesOneLibraryItemASpotlightIsAVideoAndASavedStoryHasAShortTitle() {
        assertThat(snapchat("", List.of(VIDEO), null)).isEmpty();
        assertThat(snapchat("", List.of(), null)).extracting(Violation::message)
                .containsExactly("snapchat: a story is exactly one image or video; the post has none");
        assertThat(snapchat("x", List.of(PNG_400), options("spotlight"))).extracting(Violation::message)
                .containsExactly("snapchat: a Spotlight post is a video, not image/png");
        assertThat(snapchat("x", List.of(new PlatformMediaRules.Facts(false, "video/mp4", null, null)), null))
                .extracting(Violation::message).allMatch(m -> m.contains("must be an item of the media library"));
        assertThat(snapchat("A title of exactly the right kind", List.of(VIDEO), options("saved_story"))).isEmpty();
        assertThat(snapchat("A".repeat(46), List.of(VIDEO), options("saved_story"))).extracting(Violation::message)
                .containsExactly("snapchat: a saved story's title has at most 45 characters; this one has 46");
        assertThat(snapchat(" ", List.of(VIDEO), options("saved_story"))).extracting(Violation::field).containsExactly("targets[0].title");
        assertThat(PlatformMediaRules.applies("twitter")).isFalse();
    }

    private static List<Violation> dribbble(String text, List<PlatformMediaRules.Facts> media) {
        return PlatformMediaRules.check("dribbble", new RenderedPost(text, null, List.of(), List.of(), List.of()), media, null, "targets[0]");
    }

    private static List<Violation> snapchat(String text, List<PlatformMediaRules.Facts> media, JsonObject options) {
        return PlatformMediaRules.check("snapchat", new RenderedPost(text, null, List.of(), List.of(), List.of()), media, options, "targets[0]");
    }

    private static JsonObject options(String type) {
        return Json.createObjectBuilder().add("post_type", type).build();
    }
}
