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
 * (in the post's order) and whether the instance has finished processing it, when the first upload was made (the
 * processing deadline counts from it), and, for a thread, the statuses created so far (the first is the post's own).
 * Stored as {@code {"since":"…","media":[{"id":"…","ready":true}],"posted":[{"id":"…","url":"…"}]}}.
 */
record MastodonSteps(Instant since, List<Upload> media, List<Posted> posted) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One uploaded item: the instance's media id, and whether its full-size file is processed. */
    record Upload(String id, boolean ready) {
    }

    /** A status of the thread the instance created: its id and public URL. */
    record Posted(String id, String url) {
    }

    MastodonSteps {
        media = List.copyOf(media);
        posted = List.copyOf(posted);
    }

    static MastodonSteps none() {
        return new MastodonSteps(null, List.of(), List.of());
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
            List<Posted> posted = new ArrayList<>();
            if (o.containsKey("posted")) {
                for (JsonValue v : o.getJsonArray("posted")) {
                    JsonObject p = v.asJsonObject();
                    posted.add(new Posted(p.getString("id"), p.isNull("url") ? null : p.getString("url")));
                }
            }
            return new MastodonSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, media, posted);
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
        o.add("media", items);
        if (!posted.isEmpty()) {
            JsonArrayBuilder statuses = JSON.createArrayBuilder();
            posted.forEach(p -> statuses.add(JSON.createObjectBuilder().add("id", p.id())
                    .add("url", p.url() == null ? JsonValue.NULL : JSON.createValue(p.url()))));
            o.add("posted", statuses);
        }
        return o.build().toString();
    }

    MastodonSteps uploaded(Upload upload, Instant now) {
        List<Upload> more = new ArrayList<>(media);
        more.add(upload);
        return new MastodonSteps(since == null ? now : since, more, posted);
    }

    MastodonSteps processed(int index) {
        List<Upload> changed = new ArrayList<>(media);
        changed.set(index, new Upload(media.get(index).id(), true));
        return new MastodonSteps(since, changed, posted);
    }

    MastodonSteps withPosted(Posted status) {
        List<Posted> more = new ArrayList<>(posted);
        more.add(status);
        return new MastodonSteps(since, media, more);
    }

    List<String> mediaIds() {
        return media.stream().map(Upload::id).toList();
    }
}
