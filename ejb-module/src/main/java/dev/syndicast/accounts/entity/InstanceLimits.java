package dev.syndicast.accounts.entity;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Optional;

/**
 * What a federated server (a Mastodon instance) says it accepts, read from its own description when the account
 * connects and kept on the account ({@code platform_meta}, as {@code {"instance": {...}}}): a post's character limit
 * and how many media attachments one post may carry. Null: the server did not say (the platform's default applies).
 */
public record InstanceLimits(Integer maxCharacters, Integer maxMediaAttachments) {

    private static final String KEY = "instance";

    public InstanceLimits {
        maxCharacters = positiveOrNull(maxCharacters);
        maxMediaAttachments = positiveOrNull(maxMediaAttachments);
    }

    public boolean isEmpty() {
        return maxCharacters == null && maxMediaAttachments == null;
    }

    /** The account metadata text that holds these limits. */
    public String toPlatformMeta() {
        JsonObjectBuilder limits = Json.createObjectBuilder();
        if (maxCharacters != null) {
            limits.add("max_characters", maxCharacters);
        }
        if (maxMediaAttachments != null) {
            limits.add("max_media_attachments", maxMediaAttachments);
        }
        return Json.createObjectBuilder().add(KEY, limits).build().toString();
    }

    /** The limits kept in an account's metadata; empty when it holds none (or is not JSON). */
    public static Optional<InstanceLimits> ofPlatformMeta(String platformMeta) {
        if (platformMeta == null || platformMeta.isBlank()) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(platformMeta))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject meta) || !(meta.get(KEY) instanceof JsonObject limits)) {
                return Optional.empty();
            }
            InstanceLimits found = new InstanceLimits(number(limits, "max_characters"), number(limits, "max_media_attachments"));
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Integer number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n && n.isIntegral() ? n.intValueExact() : null;
    }

    private static Integer positiveOrNull(Integer value) {
        return value == null || value <= 0 ? null : value;
    }
}
