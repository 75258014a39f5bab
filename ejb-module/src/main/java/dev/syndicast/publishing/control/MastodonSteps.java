package dev.syndicast.publishing.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Mastodon publish stands, as stored in the job between steps: the instance's id of each uploaded media item
 * (in the post's order) and whether the instance has finished processing it, and when the first upload was made
 * (the processing deadline counts from it). Stored as {@code {"since":"…","media":[{"id":"…","ready":true}]}}.
 */
record MastodonSteps(Instant since, List<Upload> media) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One uploaded item: the instance's media id, and whether its full-size file is processed. */
    record Upload(String id, boolean ready) {
    }

    MastodonSteps {
        media = List.copyOf(media);
    }

    static MastodonSteps none() {
        return new MastodonSteps(null, List.of());
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static MastodonSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            List<Upload> media = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("media")) {
                JsonObject m = v.asJsonObject();
                media.add(new Upload(m.getString("id"), m.getBoolean("ready")));
            }
            return new MastodonSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, media);
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        media.forEach(m -> items.add(JSON.createObjectBuilder().add("id", m.id()).add("ready", m.ready())));
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        return o.add("media", items).build().toString();
    }

    MastodonSteps uploaded(Upload upload, Instant now) {
        List<Upload> more = new ArrayList<>(media);
        more.add(upload);
        return new MastodonSteps(since == null ? now : since, more);
    }

    MastodonSteps processed(int index) {
        List<Upload> changed = new ArrayList<>(media);
        changed.set(index, new Upload(media.get(index).id(), true));
        return new MastodonSteps(since, changed);
    }

    List<String> mediaIds() {
        return media.stream().map(Upload::id).toList();
    }
}
