package dev.syndicast.platforms.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Optional;

/**
 * One platform-specific setting a post target may carry in its {@code options} object, such as YouTube's
 * {@code privacy_status} or Reddit's {@code subreddit}: its name, kind, allowed values and limits, and what it does.
 * Checked when the post is created, so a connector only ever sees options its platform understands.
 */
public record TargetOption(String name, Kind kind, List<String> choices, int maxLength, boolean required, String meaning) {

    /** The JSON shape an option takes. */
    public enum Kind {
        /** A string of at most {@code maxLength} characters. */
        TEXT,
        /** One of {@code choices}. */
        CHOICE,
        /** true or false. */
        BOOLEAN,
        /** A whole number from 0 to {@code maxLength}. */
        NUMBER,
        /** An array of at most 50 strings of at most {@code maxLength} characters each. */
        TEXT_LIST
    }

    public TargetOption {
        choices = List.copyOf(choices);
    }

    public static TargetOption text(String name, int maxLength, String meaning) {
        return new TargetOption(name, Kind.TEXT, List.of(), maxLength, false, meaning);
    }

    public static TargetOption choice(String name, List<String> choices, String meaning) {
        return new TargetOption(name, Kind.CHOICE, choices, 0, false, meaning);
    }

    public static TargetOption flag(String name, String meaning) {
        return new TargetOption(name, Kind.BOOLEAN, List.of(), 0, false, meaning);
    }

    public static TargetOption number(String name, int max, String meaning) {
        return new TargetOption(name, Kind.NUMBER, List.of(), max, false, meaning);
    }

    public static TargetOption texts(String name, int maxLength, String meaning) {
        return new TargetOption(name, Kind.TEXT_LIST, List.of(), maxLength, false, meaning);
    }

    /** The same option, which every target of its platform must carry. */
    public TargetOption needed() {
        return new TargetOption(name, kind, choices, maxLength, true, meaning);
    }

    /** What is wrong with {@code value} for this option, if anything (the message names the rule, not the field). */
    public Optional<String> problemWith(JsonValue value) {
        return switch (kind) {
            case TEXT -> value instanceof JsonString s
                    ? (s.getString().isBlank() ? Optional.of("must not be blank")
                    : s.getString().length() > maxLength ? Optional.of("is at most " + maxLength + " characters") : Optional.empty())
                    : Optional.of("must be a string");
            case CHOICE -> value instanceof JsonString s && choices.contains(s.getString()) ? Optional.empty()
                    : Optional.of("must be one of " + String.join(", ", choices));
            case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE ? Optional.empty() : Optional.of("must be true or false");
            case NUMBER -> value instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().signum() >= 0
                    && n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(maxLength)) <= 0
                    ? Optional.empty() : Optional.of("must be a whole number from 0 to " + maxLength);
            case TEXT_LIST -> listProblem(value);
        };
    }

    private Optional<String> listProblem(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().size() > 50) {
            return Optional.of("must be an array of at most 50 strings");
        }
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > maxLength) {
                return Optional.of("must hold non-blank strings of at most " + maxLength + " characters");
            }
        }
        return Optional.empty();
    }
}
