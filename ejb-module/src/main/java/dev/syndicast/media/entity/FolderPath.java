package dev.syndicast.media.entity;

import dev.syndicast.core.entity.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * A folder path like {@code campaigns/2026/spring}: segments without slashes at either end; the empty path is
 * the root. Normalised once here so "a//b/" and "a/b" are the same folder everywhere.
 */
public final class FolderPath {

    public static final int MAX_LENGTH = 500;
    static final int MAX_SEGMENT = 100;

    private FolderPath() {
    }

    /** The normal form of {@code raw}; null and blank mean the root (""). */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        List<String> segments = new ArrayList<>();
        for (String part : raw.strip().split("/")) {
            String segment = part.strip();
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidInputException("folder_path must not contain '.' or '..' segments");
            }
            if (segment.length() > MAX_SEGMENT || segment.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("folder_path segments must be 1-" + MAX_SEGMENT + " printable characters");
            }
            segments.add(segment);
        }
        String path = String.join("/", segments);
        if (path.length() > MAX_LENGTH) {
            throw new InvalidInputException("folder_path must be at most " + MAX_LENGTH + " characters");
        }
        return path;
    }

    /** {@code parent/name}, both normalised. */
    public static String join(String parent, String name) {
        String normalizedName = normalize(name);
        if (normalizedName.isEmpty() || normalizedName.contains("/")) {
            throw new InvalidInputException("name must be a single folder name without slashes");
        }
        String normalizedParent = normalize(parent);
        return normalize(normalizedParent.isEmpty() ? normalizedName : normalizedParent + "/" + normalizedName);
    }

    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
