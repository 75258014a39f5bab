package dev.syndicast.platforms.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a YouTube video's metadata must be, after the {@code videos} resource page
 * (developers.google.com/youtube/v3/docs/videos#resource): the title at most 100 characters, the description at most
 * 5000 bytes, neither with {@code <} or {@code >}, the tags 500 characters in all as YouTube counts them. The post
 * validator checks a YouTube target with these rules before it is scheduled, and the connector builds the same title,
 * so a post YouTube would refuse for its metadata is refused when it is written, naming the rule.
 */
public final class YouTubeRules {

    public static final String PLATFORM = "youtube";
    /** videos#snippet.title: "a maximum length of 100 characters". */
    public static final int MAX_TITLE_CHARACTERS = 100;
    /** videos#snippet.description: "a maximum length of 5000 bytes". */
    public static final int MAX_DESCRIPTION_BYTES = 5000;
    /** videos#snippet.tags[]: "a maximum length of 500 characters" for the whole list. */
    public static final int MAX_TAGS_CHARACTERS = 500;
    /**
     * thumbnails/set (developers.google.com/youtube/data/reference/rest/v3/thumbnails/set): "Maximum file size: 50MB",
     * image/jpeg or image/png (the older page of the same method said 2MB; YouTube's refusal of a larger image keeps
     * the video published, without the thumbnail).
     */
    public static final long MAX_THUMBNAIL_BYTES = 50L * 1024 * 1024;
    public static final List<String> THUMBNAIL_TYPES = List.of("image/jpeg", "image/png");

    /** One broken rule: the post's field it is about ({@code title}, {@code text}, {@code options}) and what is wrong. */
    public record Problem(String field, String message) {
    }

    private YouTubeRules() {
    }

    /** The video's title: the post's title when it has one, else the first line of its text (both stripped). */
    public static String title(String title, String text) {
        if (title != null && !title.isBlank()) {
            return title.strip();
        }
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int end = stripped.indexOf('\n');
        return (end < 0 ? stripped : stripped.substring(0, end)).strip();
    }

    /** The video's description: the post's text as it is. */
    public static String description(String text) {
        return text == null ? "" : text;
    }

    /** The target's {@code tags} option, or none. */
    public static List<String> tags(JsonObject options) {
        JsonValue value = options == null ? null : options.get("tags");
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (JsonValue item : array) {
            if (item instanceof JsonString s && !s.getString().isBlank()) {
                tags.add(s.getString().strip());
            }
        }
        return tags;
    }

    /**
     * The tags' length as YouTube counts it (videos#snippet.tags[]): commas between the tags count, and a tag with a
     * space counts as if quoted (two characters more): "Foo-Baz" is seven characters, "Foo Baz" nine.
     */
    public static int tagsLength(List<String> tags) {
        int length = Math.max(0, tags.size() - 1);
        for (String tag : tags) {
            length += tag.codePointCount(0, tag.length()) + (tag.contains(" ") ? 2 : 0);
        }
        return length;
    }

    /**
     * Every rule of the video's metadata that the post breaks, each as a sentence naming the rule; empty when good. The
     * length of a title the post gives itself is the platform registry's title limit (100), which the post validator
     * checks for every platform; here only the title taken from the text's first line is measured.
     */
    public static List<Problem> problems(String title, String text, JsonObject options) {
        List<Problem> problems = new ArrayList<>();
        String shown = title(title, text);
        int titleLength = shown.codePointCount(0, shown.length());
        if (shown.isEmpty()) {
            problems.add(new Problem("title", "a video needs a title: give the post a title, or text whose first line becomes the title"));
        } else if ((title == null || title.isBlank()) && titleLength > MAX_TITLE_CHARACTERS) {
            problems.add(new Problem("text", "the video's title (the text's first line, as the post has no title) has "
                    + titleLength + " characters; the limit is " + MAX_TITLE_CHARACTERS));
        }
        if (shown.indexOf('<') >= 0 || shown.indexOf('>') >= 0) {
            problems.add(new Problem(title == null || title.isBlank() ? "text" : "title", "the video's title may not contain < or >"));
        }
        String description = description(text);
        int bytes = description.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DESCRIPTION_BYTES) {
            problems.add(new Problem("text", "the video's description (the post's text) has " + bytes
                    + " bytes in UTF-8; the limit is " + MAX_DESCRIPTION_BYTES + " bytes"));
        }
        if (description.indexOf('<') >= 0 || description.indexOf('>') >= 0) {
            problems.add(new Problem("text", "the video's description (the post's text) may not contain < or >"));
        }
        int tags = tagsLength(tags(options));
        if (tags > MAX_TAGS_CHARACTERS) {
            problems.add(new Problem("options", "options.tags add up to " + tags + " characters as YouTube counts them"
                    + " (commas between tags, quotes around a tag with spaces); the limit is " + MAX_TAGS_CHARACTERS));
        }
        return problems;
    }
}
