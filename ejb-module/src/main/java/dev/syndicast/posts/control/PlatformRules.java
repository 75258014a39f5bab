package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules of single platforms that the registry's figures cannot express, checked with the target's options before
 * anything is queued, so a post the platform (or its connector) would refuse gets a 422 naming the rule instead of a
 * failed target later. Each rule names its source.
 */
public final class PlatformRules {

    private PlatformRules() {
    }

    public static List<Violation> check(String platform, RenderedPost post, JsonObject options, String field) {
        List<Violation> found = new ArrayList<>();
        JsonObject given = options == null ? JsonValue.EMPTY_JSON_OBJECT : options;
        switch (platform) {
            case "pinterest" -> pinterest(post, field, found);
            case "reddit" -> reddit(post, given, field, found);
            default -> {
                // no rules beyond the registry's
            }
        }
        return found;
    }

    /**
     * developers.pinterest.com/docs/api/v5/pins-create: {@code media_source} is required (a pin is an image, a video or
     * a carousel of images: the counts, and a video standing alone, are the registry's figures).
     */
    private static void pinterest(RenderedPost post, String field, List<Violation> found) {
        if (post.media().isEmpty()) {
            found.add(new Violation(field + ".media", "pinterest: a pin needs an image or a video"));
        }
    }

    /**
     * www.reddit.com/dev/api#POST_api_submit: a submission needs a title (the post's title, else the first line of its
     * text); a link post ({@code url}) carries no media. How many images a gallery takes, and that a video stands
     * alone, are the registry's figures.
     */
    private static void reddit(RenderedPost post, JsonObject options, String field, List<Violation> found) {
        boolean titled = post.title() != null && !post.title().isBlank() || post.text() != null && !post.text().isBlank();
        if (!titled) {
            found.add(new Violation(field + ".title", "reddit: a post needs a title (the post's title, or its text's first line)"));
        }
        if (options.get("url") instanceof JsonString url && !url.getString().isBlank() && !post.media().isEmpty()) {
            found.add(new Violation(field + ".media", "reddit: a link post (options.url) cannot carry media"));
        }
    }
}
