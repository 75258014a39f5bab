package dev.syndicast.posts.control;

/** Per-platform (or per-target) replacements for the post's text, title and caption. */
public record ContentOverride(String text, String title, String caption) {

    public static final ContentOverride NONE = new ContentOverride(null, null, null);
}
