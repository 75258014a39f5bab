package dev.syndicast.posts.control;

import dev.syndicast.posts.entity.ContentRuleException.Violation;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * A post's language: a well-formed BCP 47 tag (RFC 5646) such as {@code en}, {@code pt-BR} or {@code zh-Hant-TW},
 * checked and written in its canonical case by {@link Locale.Builder}. Bluesky takes it as the record's {@code langs}
 * and Mastodon as the status's {@code language}; platforms without such a field ignore it.
 */
public final class PostLanguage {

    /** RFC 5646 section 4.4.1: an implementation need not keep longer tags. */
    static final int MAX_LENGTH = 35;

    private PostLanguage() {
    }

    /** The tag in its canonical form ({@code pt-br} becomes {@code pt-BR}); null for none, a tag that is not one as given. */
    public static String normalized(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        try {
            return locale(tag.strip()).toLanguageTag();
        } catch (IllformedLocaleException e) {
            return tag.strip();
        }
    }

    /** Why the tag is not a language, naming the field; empty for a good tag or none. */
    public static Optional<Violation> check(String tag, String field) {
        if (tag == null) {
            return Optional.empty();
        }
        String clipped = tag.length() > 40 ? tag.substring(0, 40) + "..." : tag;
        if (tag.length() > MAX_LENGTH) {
            return Optional.of(new Violation(field, field + " must be a BCP 47 language tag of at most " + MAX_LENGTH
                    + " characters, such as en or pt-BR (got '" + clipped + "')"));
        }
        try {
            locale(tag);
            return Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.of(new Violation(field, field + " must be a BCP 47 language tag such as en or pt-BR (got '" + clipped
                    + "': " + e.getMessage() + ")"));
        }
    }

    private static Locale locale(String tag) {
        Locale locale = new Locale.Builder().setLanguageTag(tag).build();
        if (locale.getLanguage().isEmpty()) {
            // "x-private" or "und" alone: well-formed, but no language a platform can use.
            throw new IllformedLocaleException("it names no language");
        }
        return locale;
    }
}
