package dev.syndicast.posts.control;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text of a post's list and map columns, written and read in one place. */
public final class PostJson {

    /** Looked up once: {@code Json.createXxx} searches the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private PostJson() {
    }

    public static String strings(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(v -> array.add(v == null ? "" : v));
        return array.build().toString();
    }

    public static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return array(json).stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }

    public static String media(List<PostMedia> media) {
        if (media == null || media.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (PostMedia m : media) {
            JsonObjectBuilder o = JSON.createObjectBuilder();
            put(o, "url", m.url());
            put(o, "media_id", m.mediaId());
            put(o, "type", m.type());
            if (m.durationSeconds() != null) {
                o.add("duration_seconds", m.durationSeconds());
            }
            array.add(o);
        }
        return array.build().toString();
    }

    public static List<PostMedia> media(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return array(json).stream().map(JsonValue::asJsonObject).map(o -> new PostMedia(o.getString("url", null),
                o.getString("media_id", null), o.getString("type", null),
                o.containsKey("duration_seconds") && !o.isNull("duration_seconds") ? o.getInt("duration_seconds") : null)).toList();
    }

    public static String overrides(Map<String, ContentOverride> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return null;
        }
        JsonObjectBuilder root = JSON.createObjectBuilder();
        overrides.forEach((platform, o) -> {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            put(b, "text", o.text());
            put(b, "title", o.title());
            put(b, "caption", o.caption());
            root.add(platform, b);
        });
        return root.build().toString();
    }

    public static Map<String, ContentOverride> overrides(String json) {
        Map<String, ContentOverride> result = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return result;
        }
        try (var reader = JSON.createReader(new StringReader(json))) {
            JsonObject root = reader.readObject();
            root.forEach((platform, value) -> {
                JsonObject o = value.asJsonObject();
                result.put(platform, new ContentOverride(o.getString("text", null), o.getString("title", null),
                        o.getString("caption", null)));
            });
        }
        return result;
    }

    /** A stored JSON object (a target's options); null stays null. */
    public static JsonObject object(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArray array(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    private static void put(JsonObjectBuilder o, String name, String value) {
        if (value != null) {
            o.add(name, value);
        }
    }
}
