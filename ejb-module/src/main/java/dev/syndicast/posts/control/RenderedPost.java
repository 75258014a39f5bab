package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.PostContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The post as one platform receives it: the target's own text/caption/title first, then the post's override for
 * the platform, then the post's own; hashtags that the text does not already carry are appended.
 */
public record RenderedPost(String text, String title, List<String> threadParts, List<PostMedia> media, List<String> hashtags) {

    public static RenderedPost of(PostContent content, String platform, ContentOverride target) {
        ContentOverride forPlatform = PostJson.overrides(content.platformOverridesJson()).getOrDefault(platform, ContentOverride.NONE);
        String text = first(target.caption(), target.text(), forPlatform.caption(), forPlatform.text(), content.text());
        String title = first(target.title(), forPlatform.title(), content.title());
        List<String> hashtags = PostJson.strings(content.hashtagsJson()).stream().map(RenderedPost::tag).toList();
        return new RenderedPost(withHashtags(text, hashtags), title, PostJson.strings(content.threadPartsJson()),
                PostJson.media(content.mediaJson()), hashtags);
    }

    static String withHashtags(String text, List<String> hashtags) {
        String base = text == null ? "" : text;
        List<String> missing = new ArrayList<>();
        String lower = base.toLowerCase(Locale.ROOT);
        for (String tag : hashtags) {
            if (!lower.contains(tag.toLowerCase(Locale.ROOT))) {
                missing.add(tag);
            }
        }
        if (missing.isEmpty()) {
            return base;
        }
        return (base.isBlank() ? "" : base + "\n\n") + String.join(" ", missing);
    }

    private static String tag(String raw) {
        String t = raw.strip();
        return t.startsWith("#") ? t : "#" + t;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
