package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a Pinterest video pin stands: when the video work began (the processing deadline counts from it) and the
 * registered media upload: its {@code media_id}, the upload URL and parameters Pinterest handed out with it (an upload
 * that broke is sent again with them), whether the file went up, and whether Pinterest reported it
 * {@code succeeded}. Image pins take one call and store nothing. Stored as
 * {@code {"since":"…","media":{"id":"…","upload_url":"…","upload_parameters":{…},"uploaded":true,"ready":false}}}.
 */
record PinterestSteps(Instant since, Media media) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A registered video upload ({@code POST /v5/media}). */
    record Media(String id, String uploadUrl, Map<String, String> uploadParameters, boolean uploaded, boolean ready) {

        Media {
            uploadParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(uploadParameters));
        }

        Media sent() {
            return new Media(id, uploadUrl, uploadParameters, true, false);
        }

        Media succeeded() {
            return new Media(id, uploadUrl, uploadParameters, true, true);
        }
    }

    static PinterestSteps none() {
        return new PinterestSteps(null, null);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static PinterestSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            Instant since = o.containsKey("since") ? Instant.parse(o.getString("since")) : null;
            Media media = null;
            if (o.get("media") instanceof JsonObject m) {
                Map<String, String> parameters = new LinkedHashMap<>();
                if (m.get("upload_parameters") instanceof JsonObject p) {
                    p.forEach((name, value) -> parameters.put(name, ((JsonString) value).getString()));
                }
                media = new Media(m.getString("id"), m.getString("upload_url"), parameters, m.getBoolean("uploaded"),
                        m.getBoolean("ready"));
            }
            return new PinterestSteps(since, media);
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        if (media != null) {
            JsonObjectBuilder parameters = JSON.createObjectBuilder();
            media.uploadParameters().forEach(parameters::add);
            o.add("media", JSON.createObjectBuilder().add("id", media.id()).add("upload_url", media.uploadUrl())
                    .add("upload_parameters", parameters).add("uploaded", media.uploaded()).add("ready", media.ready()));
        }
        return o.build().toString();
    }

    PinterestSteps registered(Media registered, Instant now) {
        return new PinterestSteps(since == null ? now : since, registered);
    }

    PinterestSteps uploaded() {
        return new PinterestSteps(since, media.sent());
    }

    PinterestSteps ready() {
        return new PinterestSteps(since, media.succeeded());
    }

    /** The registration is dropped (its upload URL refused the file): the video is registered again. */
    PinterestSteps withoutMedia() {
        return new PinterestSteps(since, null);
    }
}
