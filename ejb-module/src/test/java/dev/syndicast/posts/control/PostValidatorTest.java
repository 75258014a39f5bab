package dev.syndicast.posts.control;

import dev.syndicast.platforms.control.PlatformRegistry;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import dev.syndicast.posts.entity.PostContent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PostValidatorTest {

    private final PlatformRegistry registry = PlatformRegistry.of(key -> Optional.empty());

    private static PostContent content(String text, List<String> hashtags, List<String> thread, List<PostMedia> media) {
        return new PostContent(text, null, null, PostJson.strings(thread), PostJson.media(media), PostJson.strings(hashtags), null,
                null, null, null, null);
    }

    @Test
    void namesThePlatformAndTheLimitWhenTextIsTooLong() {
        RenderedPost post = RenderedPost.of(content("x".repeat(281), null, null, null), "twitter", ContentOverride.NONE);
        List<Violation> found = PostValidator.check(registry.get("twitter"), post, "targets[0]");
        assertThat(found).extracting(Violation::message)
                .containsExactly("twitter: content exceeds platform character limit (281 characters; the limit is 280)");
        assertThat(found.get(0).field()).isEqualTo("targets[0].text");
        assertThat(PostValidator.check(registry.get("linkedin"), post, "t")).isEmpty();
    }

    @Test
    void aVideoStandsAloneWhereTheRegistrySaysSoAndADeploymentMayLiftIt() {
        PostMedia video = new PostMedia(null, "v", "video/mp4", 10);
        PostMedia image = new PostMedia(null, "i", "image/png", null);
        RenderedPost mixed = RenderedPost.of(content("mixed", null, null, List.of(video, image)), "facebook", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("facebook"), mixed, "t")).extracting(Violation::message)
                .containsExactly("facebook: a post is one video or 1 to 10 images, not both");
        assertThat(PostValidator.check(registry.get("twitter"), mixed, "t")).extracting(Violation::message)
                .containsExactly("twitter: a post is one video or 1 to 4 images, not both");
        assertThat(PostValidator.check(registry.get("threads"), mixed, "t")).as("a Threads carousel mixes them").isEmpty();
        PlatformRegistry lifted = PlatformRegistry.of(key -> Optional.ofNullable(Map.of(
                "syndicast.platforms.facebook.media.video-alone", "false").get(key)));
        assertThat(lifted.get("facebook").media().videoAlone()).isFalse();
        assertThat(PostValidator.check(lifted.get("facebook"), mixed, "t")).isEmpty();
    }

    @Test
    void hashtagsCountTowardsTheLimitUnlessTheTextCarriesThem() {
        RenderedPost post = RenderedPost.of(content("Hello #ai", List.of("ai", "#news"), null, null), "twitter", ContentOverride.NONE);
        assertThat(post.text()).isEqualTo("Hello #ai\n\n#news");
    }

    @Test
    void overridesWinInOrderTargetThenPlatformThenPost() {
        PostContent c = new PostContent("base", "Base title", PostJson.overrides(Map.of("youtube", new ContentOverride("yt text", "YT", null))),
                null, null, null, null, null, null, null, null);
        assertThat(RenderedPost.of(c, "youtube", ContentOverride.NONE).title()).isEqualTo("YT");
        assertThat(RenderedPost.of(c, "youtube", new ContentOverride(null, "Custom YouTube Title", null)).title()).isEqualTo("Custom YouTube Title");
        assertThat(RenderedPost.of(c, "instagram", new ContentOverride(null, null, "Custom IG caption")).text()).isEqualTo("Custom IG caption");
        assertThat(RenderedPost.of(c, "tiktok", ContentOverride.NONE).text()).isEqualTo("base");
    }

    @Test
    void threadsMediaCountsTypesAndDurations() {
        RenderedPost thread = RenderedPost.of(content("a", null, List.of("one", "two"), null), "youtube", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("youtube"), thread, "t")).extracting(Violation::message)
                .contains("youtube does not support threads");

        List<PostMedia> fiveImages = List.of(img(), img(), img(), img(), img());
        RenderedPost images = RenderedPost.of(content("a", null, null, fiveImages), "twitter", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("twitter"), images, "t")).extracting(Violation::message)
                .anyMatch(m -> m.startsWith("twitter: 5 media items; the limit is"));

        RenderedPost longVideo = RenderedPost.of(content("a", null, null,
                List.of(new PostMedia("https://x/v.mp4", null, "video/mp4", 4000))), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), longVideo, "t")).extracting(Violation::message)
                .containsExactly("tiktok: video is 4000 s long; the limit is 600 s");

        RenderedPost gif = RenderedPost.of(content("a", null, null, List.of(new PostMedia("https://x/a.gif", null, "image/gif", null))),
                "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), gif, "t")).extracting(Violation::message)
                .anyMatch(m -> m.startsWith("tiktok does not accept image/gif"));
    }

    private static PostMedia img() {
        return new PostMedia("https://x/i.png", null, "image/png", null);
    }

    @Test
    void mastodonCountsEveryUrlAs23AndARemoteMentionAsItsUserPart() {
        String url = "https://example.com/" + "a".repeat(200);
        String text = "y".repeat(469) + " " + url + " @alice@mastodon.example.org";
        assertThat(PostValidator.length("mastodon", text)).isEqualTo(469 + 1 + 23 + 1 + 6);
        RenderedPost fits = RenderedPost.of(content(text, null, null, null), "mastodon", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("mastodon"), fits, "t")).isEmpty();

        RenderedPost tooLong = RenderedPost.of(content("z".repeat(480) + " " + url, null, null, null), "mastodon", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("mastodon"), tooLong, "t")).extracting(Violation::message).containsExactly(
                "mastodon: content exceeds platform character limit (504 characters, each URL counted as 23; the limit is 500)");
        assertThat(PostValidator.length("linkedin", url)).as("other platforms count code points").isEqualTo(url.length());
    }

    @Test
    void mastodonTakesAtMostFourAttachments() {
        List<PostMedia> five = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new PostMedia("https://cdn.test/" + i + ".png", null, "image/png", null)).toList();
        RenderedPost post = RenderedPost.of(content("hi", null, null, five), "mastodon", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("mastodon"), post, "t")).extracting(Violation::message)
                .contains("mastodon: 5 media items; the limit is 4");
    }

    @Test
    void xCountsWeightedCharactersAndEveryUrlAs23TheWayTwitterTextDoes() {
        String url = "https://example.com/" + "a".repeat(200);
        assertThat(PostValidator.length("twitter", "y".repeat(250) + " " + url)).isEqualTo(250 + 1 + 23);
        assertThat(PostValidator.length("twitter", "\u65e5\u672c\u8a9e")).as("CJK weighs 2").isEqualTo(6);
        assertThat(PostValidator.length("twitter", "\uD83D\uDE00")).as("an emoji weighs 2").isEqualTo(2);

        RenderedPost fits = RenderedPost.of(content("y".repeat(250) + " " + url, null, null, null), "twitter", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("twitter"), fits, "t")).isEmpty();
        RenderedPost cjk = RenderedPost.of(content("\u65e5".repeat(141), null, null, null), "twitter", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("twitter"), cjk, "t")).extracting(Violation::message).containsExactly(
                "twitter: content exceeds platform character limit (282 characters, weighted as X counts them: CJK and emoji 2,"
                        + " each URL 23; the limit is 280)");
        RenderedPost thread = RenderedPost.of(content("ok", null, List.of("fine", "\u65e5".repeat(141)), null), "twitter",
                ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("twitter"), thread, "t")).extracting(Violation::field)
                .containsExactly("t.thread_parts[1]");
    }

    @Test
    void aMastodonInstanceThatStatesItsOwnLimitsIsCheckedAgainstThem() {
        RenderedPost post = RenderedPost.of(content("m".repeat(600) + " https://example.com/" + "p".repeat(80), null, null, null),
                "mastodon", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("mastodon"), post, "targets[0]")).extracting(Violation::message)
                .containsExactly("mastodon: content exceeds platform character limit (624 characters, each URL counted as 23;"
                        + " the limit is 500)");
        assertThat(PostValidator.check(registry.get("mastodon").withServerLimits(5000, null), post, "targets[0]")).isEmpty();
        assertThat(PostValidator.check(registry.get("mastodon").withServerLimits(600, null), post, "t")).extracting(Violation::message)
                .containsExactly("mastodon: content exceeds platform character limit (624 characters, each URL counted as 23;"
                        + " the limit is 600)");

        List<PostMedia> six = java.util.Collections.nCopies(6, new PostMedia(null, "m", "image/png", null));
        RenderedPost images = RenderedPost.of(content("hi", null, null, six), "mastodon", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("mastodon"), images, "t")).extracting(Violation::message)
                .contains("mastodon: 6 media items; the limit is 4");
        assertThat(PostValidator.check(registry.get("mastodon").withServerLimits(null, 8), images, "t")).isEmpty();
    }

    @Test
    void tiktokCountsUtf16UnitsAndTakesOneVideoOrPhotosNeverTextAlone() {
        PostMedia video = new PostMedia("https://x/v.mp4", null, "video/mp4", 30);
        PostMedia photo = new PostMedia("https://x/p.jpg", null, "image/jpeg", null);
        String emoji = "\uD83D\uDE00";
        assertThat(PostValidator.length("tiktok", emoji)).as("an emoji is two UTF-16 units").isEqualTo(2);
        RenderedPost fits = RenderedPost.of(content("x".repeat(2200), null, null, List.of(video)), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), fits, "t")).isEmpty();
        RenderedPost emojis = RenderedPost.of(content(emoji.repeat(1101), null, null, List.of(video)), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), emojis, "t")).extracting(Violation::message).containsExactly(
                "tiktok: content exceeds platform character limit (2202 characters, counted in UTF-16 units as TikTok counts them:"
                        + " an emoji is 2; the limit is 2200)");

        RenderedPost text = RenderedPost.of(content("just words", null, null, null), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), text, "t")).extracting(Violation::message)
                .containsExactly("tiktok: a post needs a video or photos (TikTok has no text-only posts)");
        RenderedPost both = RenderedPost.of(content("mixed", null, null, List.of(video, photo)), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.check(registry.get("tiktok"), both, "t")).extracting(Violation::message)
                .containsExactly("tiktok: a post is one video or 1 to 35 images, not both");

        PostContent titled = new PostContent("caption", "t".repeat(91), null, null, PostJson.media(List.of(photo, photo)), null, null,
                null, null, null, null);
        assertThat(PostValidator.check(registry.get("tiktok"), RenderedPost.of(titled, "tiktok", ContentOverride.NONE), "t"))
                .extracting(Violation::message).containsExactly("tiktok: a photo post's title has 91 characters (UTF-16 units, as"
                        + " TikTok counts them); the limit is 90");
        PostContent videoTitled = new PostContent("caption", "t".repeat(91), null, null, PostJson.media(List.of(video)), null, null,
                null, null, null, null);
        assertThat(PostValidator.check(registry.get("tiktok"), RenderedPost.of(videoTitled, "tiktok", ContentOverride.NONE), "t"))
                .as("a video's caption is its text; a title is not sent").isEmpty();

        PostContent importing = new PostContent("caption", "t".repeat(91), null, null,
                PostJson.media(List.of(new PostMedia("https://cdn.example/v?sig=1", "m-1", null, null))), null, null, null, null, null, null);
        assertThat(PostValidator.check(registry.get("tiktok"), RenderedPost.of(importing, "tiktok", ContentOverride.NONE), "t"))
                .as("a video still importing has no type yet: not taken for a photo").isEmpty();

        RenderedPost photos = RenderedPost.of(content("two", null, null, List.of(photo, photo)), "tiktok", ContentOverride.NONE);
        assertThat(PostValidator.checkOptions("tiktok", photos, jakarta.json.Json.createObjectBuilder().add("photo_cover_index", 2).build(), "t"))
                .extracting(Violation::message).containsExactly("tiktok: options.photo_cover_index 2 names no photo of the post"
                        + " (it has 2, counted from 0)");
        assertThat(PostValidator.checkOptions("tiktok", photos, jakarta.json.Json.createObjectBuilder().add("photo_cover_index", 1).build(), "t"))
                .isEmpty();
    }
}
