package dev.syndicast.core.control;

import dev.syndicast.core.entity.InvalidFieldException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the members of a JSON object strictly, for bodies whose shape matters more than what JSON-B forgives: an
 * unknown member, a value of the wrong kind, a number outside its range or a string too long is an
 * {@link InvalidFieldException} (400) naming the field as written on the wire ({@code calendar[2].date}). Absent and
 * {@code null} members read as {@code null}.
 */
public final class JsonMembers {

    private JsonMembers() {
    }

    /** {@code value} as an object, or 400 naming {@code field}. */
    public static JsonObject object(JsonValue value, String field) {
        if (!(value instanceof JsonObject object)) {
            throw new InvalidFieldException(field, "must be a JSON object, not " + kind(value));
        }
        return object;
    }

    /** Refuses the first member (in name order) that is not one of {@code known}. */
    public static void onlyKnown(JsonObject object, String field, Collection<String> known) {
        for (String name : new TreeSet<>(object.keySet())) {
            if (!known.contains(name)) {
                throw new InvalidFieldException(path(field, name), "is not a member of " + (field == null ? "this body" : field)
                        + " (members: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Whether the member is absent or {@code null}. */
    public static boolean absent(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value == JsonValue.NULL;
    }

    /** A string of at most {@code max} characters, or null when absent. */
    public static String string(JsonObject object, String field, String name, int max) {
        if (absent(object, name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonString text)) {
            throw new InvalidFieldException(path(field, name), "must be a string, not " + kind(object.get(name)));
        }
        if (text.getString().length() > max) {
            throw new InvalidFieldException(path(field, name), "is longer than " + max + " characters");
        }
        return text.getString();
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    public static Integer integer(JsonObject object, String field, String name, int min, int max) {
        return integer(object.get(name), path(field, name), min, max);
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    public static Integer integer(JsonValue value, String field, int min, int max) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidFieldException(field, "must be a whole number from " + min + " to " + max + ", not " + kind(value));
        }
        long n;
        try {
            n = number.bigDecimalValue().longValueExact();
        } catch (ArithmeticException tooLarge) {
            n = Long.MAX_VALUE;
        }
        if (n < min || n > max) {
            throw new InvalidFieldException(field, "must be from " + min + " to " + max + " (got " + number + ")");
        }
        return (int) n;
    }

    /** true or false, or null when absent. */
    public static Boolean bool(JsonObject object, String field, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new InvalidFieldException(path(field, name), "must be true or false, not " + kind(value));
        }
        return value == JsonValue.TRUE;
    }

    /** An array, or null when absent. */
    public static JsonArray array(JsonObject object, String field, String name, int maxItems) {
        if (absent(object, name)) {
            return null;
        }
        if (!(object.get(name) instanceof JsonArray array)) {
            throw new InvalidFieldException(path(field, name), "must be an array, not " + kind(object.get(name)));
        }
        if (array.size() > maxItems) {
            throw new InvalidFieldException(path(field, name), "has " + array.size() + " items; at most " + maxItems);
        }
        return array;
    }

    /** An array of strings of at most {@code max} characters each, or null when absent. */
    public static List<String> strings(JsonObject object, String field, String name, int maxItems, int max) {
        JsonArray array = array(object, field, name, maxItems);
        if (array == null) {
            return null;
        }
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String item = path(field, name) + "[" + i + "]";
            if (!(array.get(i) instanceof JsonString text)) {
                throw new InvalidFieldException(item, "must be a string, not " + kind(array.get(i)));
            }
            if (text.getString().length() > max) {
                throw new InvalidFieldException(item, "is longer than " + max + " characters");
            }
            values.add(text.getString());
        }
        return values;
    }

    /** {@code field.name}, or {@code name} at the top of a body. */
    public static String path(String field, String name) {
        return field == null ? name : field + "." + name;
    }

    /** What a JSON value is, in words: "a string", "an array", "null". */
    public static String kind(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "null";
        }
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
