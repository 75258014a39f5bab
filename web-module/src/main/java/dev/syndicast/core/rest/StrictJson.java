package dev.syndicast.core.rest;

import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.core.entity.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * The one check every JSON request body passes before it is bound: exactly one JSON value of the kind the route
 * expects, nothing after it, at most {@value #MAX_DEPTH} levels deep, numbers of a sane size and no NUL character
 * in any string. JSON-B alone accepts trailing garbage, reads an array where an object belongs, binds a bare
 * {@code null}, recurses until the stack overflows and hands PostgreSQL strings it refuses.
 */
public final class StrictJson {

    /** Deeper than any body of ours (posts nest four levels); far below what overflows a request thread's stack. */
    public static final int MAX_DEPTH = 32;
    /** Integer digits of a number: enough for any count, size or id; a huge exponent would cost seconds to expand. */
    static final int MAX_INTEGER_DIGITS = 30;
    static final int MAX_FRACTION_DIGITS = 30;

    /** What the route binds the body to. */
    public enum Expected { OBJECT, ARRAY, ANY }

    private StrictJson() {
    }

    /** The kind of JSON value a Java target type can hold. */
    public static Expected expected(Class<?> type) {
        if (JsonArray.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || type.isArray()) {
            return Expected.ARRAY;
        }
        if (JsonObject.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return Expected.OBJECT;
        }
        if (type == Object.class || type == String.class || Number.class.isAssignableFrom(type) || type.isPrimitive()
                || type == Boolean.class || type.getName().startsWith("jakarta.json.")) {
            return Expected.ANY;
        }
        return Expected.OBJECT;
    }

    /**
     * Refuses the body unless it is one JSON value of the expected kind: {@link InvalidInputException} (400) for
     * malformed or mis-shaped JSON, {@link FieldRejectedException} (422) for a NUL character, naming its field.
     */
    public static void check(byte[] body, Expected expected) {
        String text = utf8(body);
        if (text.isBlank()) {
            throw new InvalidInputException("Request body is empty; this route expects " + describe(expected));
        }
        Deque<Object> path = new ArrayDeque<>();  // a String (member name) or an int[1] (array index) per level
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            JsonParser.Event first = parser.next();
            if (expected == Expected.OBJECT && first != JsonParser.Event.START_OBJECT
                    || expected == Expected.ARRAY && first != JsonParser.Event.START_ARRAY
                    || first == JsonParser.Event.VALUE_NULL) {
                throw new InvalidInputException("Request body must be " + describe(expected) + ", not " + kind(first));
            }
            JsonParser.Event event = first;
            while (true) {
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        advanceIndex(path);
                        if (path.size() >= MAX_DEPTH) {
                            throw new InvalidInputException("Request body nests deeper than " + MAX_DEPTH + " levels");
                        }
                        path.push(event == JsonParser.Event.START_ARRAY ? new int[]{-1} : "");
                    }
                    case END_OBJECT, END_ARRAY -> path.pop();
                    case KEY_NAME -> {
                        path.pop();
                        String key = parser.getString();
                        if (key.indexOf('\0') >= 0) {
                            throw new FieldRejectedException(pathOf(path, "(name)"), "must not contain NUL characters");
                        }
                        path.push(key);
                    }
                    case VALUE_STRING -> {
                        advanceIndex(path);
                        if (parser.getString().indexOf('\0') >= 0) {
                            throw new FieldRejectedException(pathOf(path, null), "must not contain NUL characters");
                        }
                    }
                    case VALUE_NUMBER -> {
                        advanceIndex(path);
                        checkNumber(parser.getBigDecimal(), path);
                    }
                    default -> advanceIndex(path);
                }
                if (path.isEmpty()) {
                    break;
                }
                event = parser.next();
            }
            if (hasMore(parser)) {
                throw new InvalidInputException("Request body has content after its JSON value; send exactly one JSON value");
            }
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException("Request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
        } catch (jakarta.json.JsonException e) {
            throw new InvalidInputException("Request body is not valid JSON text");
        } catch (java.util.NoSuchElementException e) {
            throw new InvalidInputException("Request body ends before its JSON value is complete");
        }
    }

    /** JSON is UTF-8; a decoder that replaced bad bytes would hand on text the caller never sent. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("Request body is not UTF-8 text");
        }
    }

    /** Anything but white space after the value; the parser reports trailing garbage as a parse error. */
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonParsingException e) {
            return true;
        }
    }

    private static void checkNumber(BigDecimal value, Deque<Object> path) {
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
            throw new InvalidInputException("Number at " + pathOf(path, null) + " is out of range (at most "
                    + MAX_INTEGER_DIGITS + " digits before and " + MAX_FRACTION_DIGITS + " after the point)");
        }
    }

    /** A value inside an array moves the array's index on. */
    private static void advanceIndex(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof int[] index) {
            index[0]++;
        }
    }

    /** The wire path of the current value, as {@code posts[2].content}. */
    private static String pathOf(Deque<Object> path, String suffix) {
        StringBuilder out = new StringBuilder();
        var levels = path.descendingIterator();
        while (levels.hasNext()) {
            Object level = levels.next();
            if (level instanceof int[] index) {
                out.append('[').append(Math.max(index[0], 0)).append(']');
            } else if (!((String) level).isEmpty()) {
                out.append(out.length() == 0 ? "" : ".").append(printable((String) level));
            }
        }
        if (suffix != null) {
            out.append(out.length() == 0 ? "" : " ").append(suffix);
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    /** Member names go back in the reply: no control characters, and not a page of them. */
    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    private static String describe(Expected expected) {
        return switch (expected) {
            case OBJECT -> "a JSON object";
            case ARRAY -> "a JSON array";
            case ANY -> "a JSON value";
        };
    }

    private static String kind(JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
