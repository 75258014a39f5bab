package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform rules the registry's limits cannot express, checked when a post is made so that a post the platform will
 * refuse gets a 422 naming the rule before it is scheduled. They need what the media library probed (pixel size) and
 * the target's options.
 * <ul>
 *   <li>Dribbble (developer.dribbble.com/v2/shots/ "Create a shot"): exactly one image from the media library,
 *   exactly 400x300 or 800x600 pixels; a title (the post's, else the first line of its text); at most 12 tags (the
 *   text's hashtags).</li>
 *   <li>Snapchat (developers.snap.com/api/marketing-api/Public-Profile-API/ProfileAssetManagement: a media object is
 *   "a container for a single video or image", encrypted before upload): exactly one item from the media library; a
 *   Spotlight is a video; a saved story has a title of at most 45 characters (ASSUMED, docs/platforms/snapchat.md).</li>
 * </ul>
 */
public final class PlatformMediaRules {

    /** developer.dribbble.com/v2/shots/: "It must be exactly 400x300 or 800x600". */
    static final Set<String> DRIBBBLE_SIZES = Set.of("400x300", "800x600");
    static final int DRIBBBLE_TAGS = 12;
    static final int SNAPCHAT_SAVED_STORY_TITLE = 45;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_-]+)");

    /** One media reference as the rules see it: whether it is a library item, its type and probed size (null unknown). */
    public record Facts(boolean library, String type, Integer width, Integer height) {
        boolean video() {
            return type != null && type.startsWith("video/");
        }
    }

    private PlatformMediaRules() {
    }

    /** Whether the platform has rules here (so the caller looks the media up only then). */
    public static boolean applies(String platform) {
        return "dribbble".equals(platform) || "snapchat".equals(platform);
    }

    public static List<Violation> check(String platform, RenderedPost post, List<Facts> media, JsonObject options, String field) {
        return switch (platform) {
            case "dribbble" -> dribbble(post, media, field);
            case "snapchat" -> snapchat(post, media, options, field);
            default -> List.of();
        };
    }

    private static List<Violation> dribbble(RenderedPost post, List<Facts> media, String field) {
        List<Violation> found = new ArrayList<>();
        if (media.isEmpty()) {
            found.add(new Violation(field + ".media", "dribbble: a shot is exactly one image (GIF, JPG or PNG); the post has none"));
        }
        for (int i = 0; i < media.size(); i++) {
            Facts m = media.get(i);
            String at = field + ".media[" + i + "]";
            if (!m.library()) {
                found.add(new Violation(at, "dribbble: the image must be an item of the media library (Dribbble takes the"
                        + " file itself, and its pixel size must be known)"));
            } else if (m.width() == null || m.height() == null) {
                found.add(new Violation(at + ".dimensions", "dribbble: the image's pixel size is unknown (the media library"
                        + " could not probe it); Dribbble takes exactly 400x300 or 800x600"));
            } else if (!DRIBBBLE_SIZES.contains(m.width() + "x" + m.height())) {
                found.add(new Violation(at + ".dimensions", "dribbble: image is " + m.width() + "x" + m.height()
                        + "; Dribbble takes exactly 400x300 or 800x600 pixels"));
            }
        }
        if (title(post).isEmpty()) {
            found.add(new Violation(field + ".title", "dribbble: a shot needs a title (the post's title, else the first line of its text)"));
        }
        int tags = hashtags(post.text()).size();
        if (tags > DRIBBBLE_TAGS) {
            found.add(new Violation(field + ".hashtags", "dribbble: " + tags + " hashtags; a shot takes at most "
                    + DRIBBBLE_TAGS + " tags"));
        }
        return found;
    }

    private static List<Violation> snapchat(RenderedPost post, List<Facts> media, JsonObject options, String field) {
        List<Violation> found = new ArrayList<>();
        String type = options != null && options.get("post_type") instanceof JsonString s ? s.getString() : "story";
        if (media.isEmpty()) {
            found.add(new Violation(field + ".media", "snapchat: a " + type.replace('_', ' ')
                    + " is exactly one image or video; the post has none"));
        }
        for (int i = 0; i < media.size(); i++) {
            Facts m = media.get(i);
            if (!m.library()) {
                found.add(new Violation(field + ".media[" + i + "]", "snapchat: the media must be an item of the media library"
                        + " (Snap takes the file itself, encrypted)"));
            } else if ("spotlight".equals(type) && !m.video()) {
                found.add(new Violation(field + ".media[" + i + "].type", "snapchat: a Spotlight post is a video, not " + m.type()));
            }
        }
        if ("saved_story".equals(type)) {
            String title = title(post);
            if (title.isEmpty()) {
                found.add(new Violation(field + ".title", "snapchat: a saved story needs a title (the post's title, else the first"
                        + " line of its text)"));
            } else if (title.codePointCount(0, title.length()) > SNAPCHAT_SAVED_STORY_TITLE) {
                found.add(new Violation(field + ".title", "snapchat: a saved story's title has at most " + SNAPCHAT_SAVED_STORY_TITLE
                        + " characters; this one has " + title.codePointCount(0, title.length())));
            }
        }
        return found;
    }

    /** The title a platform receives: the post's title, else the first line of its text. */
    static String title(RenderedPost post) {
        if (post.title() != null && !post.title().isBlank()) {
            return post.title().strip();
        }
        return post.text() == null ? "" : post.text().strip().lines().findFirst().orElse("").strip();
    }

    static Set<String> hashtags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = HASHTAG.matcher(text);
            while (m.find()) {
                tags.add(m.group(1));
            }
        }
        return tags;
    }
}
