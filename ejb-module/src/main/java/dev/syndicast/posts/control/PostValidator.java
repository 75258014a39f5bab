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
    private static final String TIKTOK = "tiktok";
    /** developers.tiktok.com/doc/content-posting-api-reference-photo-post: a photo post's title, in UTF-16 units. */
    static final int TIKTOK_PHOTO_TITLE = 90;

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
        if (TIKTOK.equals(name)) {
            checkTikTok(post, field, found);
        }
        return found;
    }

    /** Rules of one platform the registry's figures cannot express, each after the platform's own page. */
    private static void platformRules(String platform, RenderedPost post, String field, List<Violation> found) {
        if ("instagram".equals(platform) && post.media().isEmpty()) {
            // developers.facebook.com/docs/instagram-platform/content-publishing: images, reels and carousels only.
            found.add(new Violation(field + ".media", "instagram: a post needs an image or a video (Instagram has no text-only posts)"));
        }
    }

    /**
     * What TikTok's Content Posting API takes beyond the registry's figures (developers.tiktok.com/doc/content-posting-
     * api-reference-direct-post and -photo-post): there are no text-only posts, and a photo post's title has up to 90
     * UTF-16 units (one video or 1 to 35 photos, no threads: the registry's figures).
     */
    private static void checkTikTok(RenderedPost post, String field, List<Violation> found) {
        List<PostMedia> media = post.media();
        if (media.isEmpty()) {
            found.add(new Violation(field + ".media", "tiktok: a post needs a video or photos (TikTok has no text-only posts)"));
            return;
        }
        // Media of a type not known yet (a video still being imported, named by a URL without an extension) is not a
        // photo: only a post known to be all photos has a photo post's title. A video with photos is the registry's
        // rule (media.video-alone).
        long photos = media.stream().filter(PostValidator::isPhoto).count();
        if (photos == media.size() && post.title() != null && post.title().length() > TIKTOK_PHOTO_TITLE) {
            found.add(new Violation(field + ".title", "tiktok: a photo post's title has " + post.title().length()
                    + " characters (UTF-16 units, as TikTok counts them); the limit is " + TIKTOK_PHOTO_TITLE));
        }
    }

    /** Media known to be an image (by the library's probe or the caller's type). */
    public static boolean isPhoto(PostMedia media) {
        return !media.isVideo() && media.type() != null && media.type().startsWith("image/");
    }

    /**
     * The target options that depend on the post itself (each option's own form is checked by
     * {@code platforms.control.TargetOptions}): TikTok's {@code photo_cover_index} must name one of the post's photos.
     */
    public static List<Violation> checkOptions(String platform, RenderedPost post, jakarta.json.JsonObject options, String field) {
        List<Violation> found = new ArrayList<>();
        if (TIKTOK.equals(platform) && options != null && options.get("photo_cover_index") instanceof jakarta.json.JsonNumber n
                && n.longValue() >= post.media().size()) {
            found.add(new Violation(field + ".options", "tiktok: options.photo_cover_index " + n.longValue()
                    + " names no photo of the post (it has " + post.media().size() + ", counted from 0)"));
        }
        return found;
    }

    /**
     * The text's length as the platform counts it: code points, except on TikTok (UTF-16 units), on Mastodon, where
     * every URL counts as 23 characters and a remote mention {@code @user@domain} as its {@code @user} part
     * (docs.joinmastodon.org/user/posting),
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
        if (TIKTOK.equals(platform)) {
            // TikTok counts "UTF-16 runes" (direct post: title "maximum length is 2200 in UTF-16 runes").
            return text.length();
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
        if (TIKTOK.equals(platform) && length != text.codePointCount(0, text.length())) {
            return ", counted in UTF-16 units as TikTok counts them: an emoji is 2";
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
        if (limits.videoAlone() && videos > 0 && images > 0) {
            found.add(new Violation(field + ".media", name + ": a post is one video or 1 to " + limits.maxImages()
                    + " images, not both"));
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
