package dev.syndicast.tenancy.control;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The X-Org-Id header: a workspace's id (UUID) or its slug. Anything else is a malformed header (400). */
public record OrgHeader(UUID id, String slug) {

    public static final String NAME = "X-Org-Id";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public static Optional<OrgHeader> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.strip();
        if (value.length() == 36 && value.charAt(8) == '-') {
            try {
                return Optional.of(new OrgHeader(UUID.fromString(value), null));
            } catch (IllegalArgumentException e) {
                throw malformed();
            }
        }
        if (!SLUG.matcher(value).matches()) {
            throw malformed();
        }
        return Optional.of(new OrgHeader(null, value));
    }

    private static InvalidInputException malformed() {
        return new InvalidInputException(NAME + " must be a workspace id (UUID) or slug (lowercase letters, digits, dashes)");
    }
}
