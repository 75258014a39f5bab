package dev.syndicast.media.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Tag labels: trimmed, unique (first spelling wins), at most {@value #MAX_TAGS} of at most {@value #MAX_LENGTH} characters. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    public static final int MAX_LENGTH = 64;

    private Tags() {
    }

    public static String[] normalize(Collection<String> raw) {
        if (raw == null) {
            return new String[0];
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : raw) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String label = tag.strip();
            if (label.length() > MAX_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("tags must be 1-" + MAX_LENGTH + " printable characters each");
            }
            tags.add(label);
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("at most " + MAX_TAGS + " tags per item");
        }
        return tags.toArray(String[]::new);
    }
}
