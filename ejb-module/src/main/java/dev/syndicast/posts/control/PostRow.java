package dev.syndicast.posts.control;

import java.util.Map;

/**
 * A post described by named text fields, the way a spreadsheet row or an entry of a bulk request gives it, or, when
 * the row's own shape is wrong (too few columns, not an object), what is wrong with it. Fields
 * {@link PostRowParser} reads: see there.
 */
public record PostRow(Map<String, String> fields, String problem) {

    public PostRow {
        fields = fields == null ? Map.of() : fields;
    }

    public static PostRow of(Map<String, String> fields) {
        return new PostRow(fields, null);
    }

    /** A row that cannot be read as fields at all; the parser refuses it with {@code problem} as its reason. */
    public static PostRow malformed(String problem) {
        return new PostRow(Map.of(), problem);
    }

    /** The field's text without surrounding white space; null when absent or blank. */
    public String field(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
