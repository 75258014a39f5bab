package dev.syndicast.posts.control;

import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformRulesTest {

    private static final PlatformRegistry REGISTRY = PlatformRegistry.of(key -> java.util.Optional.empty());
    private static final PostMedia IMAGE = new PostMedia(null, "m1", "image/png", null);
    private static final PostMedia VIDEO = new PostMedia(null, "m2", "video/mp4", 10);

    private static RenderedPost post(String text, String title, List<PostMedia> media) {
        return new RenderedPost(text, title, List.of(), media, List.of());
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).toList();
    }

    @Test
    void aPinNeedsAnImageOrAVideoAndAVideoStandsAlone() {
        JsonObject none = Json.createObjectBuilder().build();
        assertThat(messages(PlatformRules.check("pinterest", post("text", null, List.of()), none, "targets[0]")))
                .containsExactly("targets[0].media: pinterest: a pin needs an image or a video");
        assertThat(messages(PostValidator.check(REGISTRY.get("pinterest"), post("text", null, List.of(IMAGE, VIDEO)), "targets[0]")))
                .as("the registry's media.video-alone").containsExactly("targets[0].media: pinterest: a post is one video or 1 to 5 images, not both");
        assertThat(PlatformRules.check("pinterest", post("text", null, List.of(IMAGE, IMAGE)), none, "t")).isEmpty();
        assertThat(PlatformRules.check("pinterest", post("text", null, List.of(VIDEO)), none, "t")).isEmpty();
    }

    @Test
    void aRedditPostNeedsATitleAGalleryOfImagesAtMostAndALinkPostNoMedia() {
        JsonObject link = Json.createObjectBuilder().add("subreddit", "test").add("url", "https://example.com").build();
        JsonObject sub = Json.createObjectBuilder().add("subreddit", "test").build();
        assertThat(messages(PlatformRules.check("reddit", post("", null, List.of(IMAGE)), sub, "targets[1]")))
                .containsExactly("targets[1].title: reddit: a post needs a title (the post's title, or its text's first line)");
        assertThat(PlatformRules.check("reddit", post("x", null, List.of(IMAGE, IMAGE)), sub, "t")).as("a gallery").isEmpty();
        assertThat(PostValidator.check(REGISTRY.get("reddit"), post("x", null, java.util.Collections.nCopies(20, IMAGE)), "t"))
                .as("a gallery of 20 images").isEmpty();
        assertThat(messages(PostValidator.check(REGISTRY.get("reddit"), post("x", null, java.util.Collections.nCopies(21, IMAGE)), "t")))
                .containsExactly("t.media: reddit: 21 media items; the limit is 20", "t.media: reddit: 21 images; the limit is 20");
        assertThat(messages(PostValidator.check(REGISTRY.get("reddit"), post("x", null, List.of(IMAGE, VIDEO)), "t")))
                .containsExactly("t.media: reddit: a post is one video or 1 to 20 images, not both");
        assertThat(messages(PlatformRules.check("reddit", post("x", null, List.of(IMAGE)), link, "t")))
                .containsExactly("t.media: reddit: a link post (options.url) cannot carry media");
        assertThat(PlatformRules.check("reddit", post(null, "Title only", List.of(VIDEO)), sub, "t")).isEmpty();
        assertThat(PlatformRules.check("twitter", post("", null, List.of()), sub, "t")).isEmpty();
    }
}
