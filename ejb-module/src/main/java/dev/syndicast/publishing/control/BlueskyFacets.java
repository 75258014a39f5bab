package dev.syndicast.publishing.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links, hashtags and mentions of a post's text as Bluesky's rich-text facets
 * ({@code app.bsky.richtext.facet}): ranges are UTF-8 byte offsets, end exclusive, so an emoji before a link moves it by
 * four bytes, not two chars. The patterns follow Bluesky's rich-text guide (docs.bsky.app/docs/advanced-guides/post-richtext)
 * and its reference client: a link or mention starts at the text's start or after a non-word character, a hashtag at the
 * start or after white space, is not all digits, loses trailing punctuation and has at most 64 characters. Mentions still
 * need their handle resolved to a DID; the connector drops those that do not resolve, as Bluesky's own app does.
 */
public final class BlueskyFacets {

    /** What a range of the text is. */
    public enum Kind { LINK, TAG, MENTION }

    /** One range: {@code value} is the link's URI, the tag without its '#', or the handle without its '@'. */
    public record Facet(int byteStart, int byteEnd, Kind kind, String value) {
    }

    private static final Pattern LINK = Pattern.compile(
            "(?:^|\\W)(https?://(?:www\\.)?[-a-zA-Z0-9@:%._+~#=]{1,256}\\.[a-zA-Z0-9()]{1,6}\\b(?:[-a-zA-Z0-9()@:%_+.~#?&/=]*[-a-zA-Z0-9@%_+~#/=])?)");
    private static final Pattern MENTION = Pattern.compile(
            "(?:^|\\W)(@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?))");
    private static final String INVISIBLE = "\\x{00AD}\\x{2060}\\x{200A}\\x{200B}\\x{200C}\\x{200D}\\x{20E2}";
    private static final Pattern TAG = Pattern.compile("(?:^|\\s)([#\\x{FF03}])((?!\\x{FE0F})[^\\s" + INVISIBLE + "]*[^\\d\\s\\p{P}"
            + INVISIBLE + "]+[^\\s" + INVISIBLE + "]*)?");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");
    private static final int MAX_TAG_LENGTH = 64;

    private BlueskyFacets() {
    }

    /** The facets of a text in the order they appear; ranges never overlap (a link wins over what it contains). */
    public static List<Facet> detect(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<int[]> taken = new ArrayList<>();
        List<Facet> found = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            add(text, link.start(1), link.end(1), Kind.LINK, link.group(1), taken, found);
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            add(text, mention.start(1), mention.end(1), Kind.MENTION, mention.group(2), taken, found);
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String body = tag.group(2);
            if (body == null) {
                continue;
            }
            String trimmed = TRAILING_PUNCTUATION.matcher(body).replaceFirst("");
            if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_TAG_LENGTH) {
                continue;
            }
            add(text, tag.start(1), tag.start(2) + trimmed.length(), Kind.TAG, trimmed, taken, found);
        }
        found.sort(Comparator.comparingInt(Facet::byteStart));
        return List.copyOf(found);
    }

    private static void add(String text, int start, int end, Kind kind, String value, List<int[]> taken, List<Facet> found) {
        for (int[] range : taken) {
            if (start < range[1] && range[0] < end) {
                return;
            }
        }
        taken.add(new int[] {start, end});
        found.add(new Facet(utf8Length(text, start), utf8Length(text, end), kind, value));
    }

    /** The UTF-8 length of the text's first {@code chars} chars: the byte offset Bluesky counts in. */
    static int utf8Length(String text, int chars) {
        return text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }
}
