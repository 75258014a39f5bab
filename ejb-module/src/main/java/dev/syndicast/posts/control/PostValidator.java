package dev.syndicast.posts.control;

import dev.syndicast.platforms.entity.MediaLimits;
import dev.syndicast.platforms.entity.PlatformSpec;
import dev.syndicast.posts.entity.ContentRuleException.Violation;
import com.twitter.twittertext.TwitterTextParser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rendered post against one platform's documented limits before anything is queued. Every message names
 * the platform and the limit, so the caller can fix the post without guessing.
 */
public final class PostValidator {

    /** X's platform name in the registry ("x" is its alias). */
    private static final String X = "twitter";
    private static final int MASTODON_URL_LENGTH = 23;
    private static final Pattern MASTODON_URL = Pattern.compile("https?://[^\\s]+");
    private static final Pattern MASTODON_MENTION = Pattern.compile("(?<![\\w/])(@\\w+)@[\\w.-]+\\w");

    private PostValidator() {
    }

    public static List<Violation> check(PlatformSpec spec, RenderedPost post, String field) {
        List<Violation> found = new ArrayList<>();
        String name = spec.name();
        if (!spec.enabled()) {
            found.add(new Violation(field + ".platform", name + " is disabled on this deployment"));
        }
        int length = length(name, post.text());
        if (spec.maxCharacters() > 0 && length > spec.maxCharacters()) {
            found.add(new Violation(field + ".text", name + ": content exceeds platform character limit (" + length
                    + " characters" + countingRule(name, post.text(), length) + "; the limit is " + spec.maxCharacters() + ")"));
        }
        if (spec.maxCharacters() > 0) {
            for (int i = 0; i < post.threadParts().size(); i++) {
                String part = post.threadParts().get(i);
                int partLength = length(name, part);
                if (partLength > spec.maxCharacters()) {
                    found.add(new Violation(field + ".thread_parts[" + i + "]", name + ": thread part " + (i + 1) + " has "
                            + partLength + " characters" + (X.equals(name) ? countingRule(name, part, partLength) : "") + "; the limit is " + spec.maxCharacters()));
                }
            }
        }
        if (post.title() != null && spec.maxTitleCharacters() > 0 && post.title().length() > spec.maxTitleCharacters()) {
            found.add(new Violation(field + ".title", name + ": title has " + post.title().length()
                    + " characters; the limit is " + spec.maxTitleCharacters()));
        }
        if (!post.threadParts().isEmpty() && !spec.supportsThreads()) {
            found.add(new Violation(field + ".thread_parts", name + " does not support threads"));
        }
        if (spec.maxHashtags() > 0 && post.hashtags().size() > spec.maxHashtags()) {
            found.add(new Violation(field + ".hashtags", name + ": " + post.hashtags().size() + " hashtags; the limit is "
                    + spec.maxHashtags()));
        }
        checkMedia(spec, post.media(), field, found);
        platformRules(name, post, field, found);
        return found;
    }

    /** Rules of one platform the registry's figures cannot express, each after the platform's own page. */
    private static void platformRules(String platform, RenderedPost post, String field, List<Violation> found) {
        long videos = post.media().stream().filter(PostMedia::isVideo).count();
        if ("instagram".equals(platform) && post.media().isEmpty()) {
            // developers.facebook.com/docs/instagram-platform/content-publishing: images, reels and carousels only.
            found.add(new Violation(field + ".media", "instagram: a post needs an image or a video (Instagram has no text-only posts)"));
        }
        if ("facebook".equals(platform) && videos > 0 && post.media().size() > 1) {
            // developers.facebook.com/docs/pages-api/posts: a Page post carries one video alone, or photos.
            found.add(new Violation(field + ".media", "facebook: a post takes one video alone, or photos, not both"));
        }
    }

    /**
     * The text's length as the platform counts it: code points, except on Mastodon, where every URL counts as 23
     * characters and a remote mention {@code @user@domain} as its {@code @user} part (docs.joinmastodon.org/user/posting),
     * and on X, which counts weighted characters (CJK and emoji as two, every URL as 23, text normalized to NFC) the way
     * its own twitter-text library does (docs.x.com/resources/fundamentals/counting-characters): counting it any other
     * way would let through posts X refuses.
     */
    static int length(String platform, String text) {
        if (text == null) {
            return 0;
        }
        if (X.equals(platform)) {
            return TwitterTextParser.parseTweet(text).weightedLength;
        }
        String counted = text;
        if ("mastodon".equals(platform)) {
            counted = MASTODON_URL.matcher(counted).replaceAll("x".repeat(MASTODON_URL_LENGTH));
            counted = MASTODON_MENTION.matcher(counted).replaceAll("$1");
        }
        return counted.codePointCount(0, counted.length());
    }

    /**
     * How the length was counted, where that is not plain characters. On X only when its weighting made a difference,
     * so a plain over-long text keeps the message existing clients know word for word.
     */
    private static String countingRule(String platform, String text, int length) {
        if (X.equals(platform)) {
            if (length == text.codePointCount(0, text.length())) {
                return "";
            }
            return ", weighted as X counts them: CJK and emoji 2, each URL 23";
        }
        return "mastodon".equals(platform) ? ", each URL counted as " + MASTODON_URL_LENGTH : "";
    }

    private static void checkMedia(PlatformSpec spec, List<PostMedia> media, String field, List<Violation> found) {
        if (media.isEmpty()) {
            return;
        }
        MediaLimits limits = spec.media();
        String name = spec.name();
        if (media.size() > limits.maxItems()) {
            found.add(new Violation(field + ".media", name + ": " + media.size() + " media items; the limit is " + limits.maxItems()));
        }
        long videos = media.stream().filter(PostMedia::isVideo).count();
        long images = media.size() - videos;
        if (videos > limits.maxVideos()) {
            found.add(new Violation(field + ".media", name + ": " + videos + " videos; the limit is " + limits.maxVideos()));
        }
        if (images > limits.maxImages()) {
            found.add(new Violation(field + ".media", name + ": " + images + " images; the limit is " + limits.maxImages()));
        }
        for (int i = 0; i < media.size(); i++) {
            PostMedia m = media.get(i);
            if (m.type() != null && !limits.types().isEmpty() && !limits.accepts(m.type())) {
                found.add(new Violation(field + ".media[" + i + "].type", name + " does not accept " + m.type()
                        + " (accepted: " + String.join(", ", limits.types()) + ")"));
            }
            Integer seconds = m.durationSeconds();
            if (seconds != null && m.isVideo()) {
                if (limits.maxVideoSeconds() > 0 && seconds > limits.maxVideoSeconds()) {
                    found.add(new Violation(field + ".media[" + i + "].duration_seconds", name + ": video is " + seconds
                            + " s long; the limit is " + limits.maxVideoSeconds() + " s"));
                }
                if (limits.minVideoSeconds() > 0 && seconds < limits.minVideoSeconds()) {
                    found.add(new Violation(field + ".media[" + i + "].duration_seconds", name + ": video is " + seconds
                            + " s long; the minimum is " + limits.minVideoSeconds() + " s"));
                }
            }
        }
    }
}
