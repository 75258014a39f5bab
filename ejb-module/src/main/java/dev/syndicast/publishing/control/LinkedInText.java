package dev.syndicast.publishing.control;

/**
 * A post's text as LinkedIn's Posts API takes it in {@code commentary}: the "little" text format
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format), where
 * {@code ( ) [ ] { } < > @ # * _ ~ |} and the backslash start markup (mentions, hashtags, templates). Each one must be
 * backslash-escaped to count as plain text; unescaped, LinkedIn accepts the post and silently cuts the text at the
 * first one it cannot parse. Syndicast sends the owner's text as written, so every reserved character is escaped
 * (hashtags then show as plain text, which is what was written: the text carries no LinkedIn markup of its own).
 */
final class LinkedInText {

    /** The reserved characters of the little text format, the backslash included. */
    static final String RESERVED = "\\|{}@[]()<>#*_~";

    private LinkedInText() {
    }

    /** The text with every reserved character preceded by a backslash; null stays null. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c < 128 && RESERVED.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }

    /** The plain text of commentary written by {@link #escape}: each escaped character without its backslash. */
    static String unescape(String commentary) {
        if (commentary == null) {
            return null;
        }
        StringBuilder plain = new StringBuilder(commentary.length());
        for (int i = 0; i < commentary.length(); i++) {
            char c = commentary.charAt(i);
            if (c == '\\' && i + 1 < commentary.length() && RESERVED.indexOf(commentary.charAt(i + 1)) >= 0) {
                plain.append(commentary.charAt(++i));
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
