package dev.syndicast.publishing.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an image, video or gallery post to Reddit stands (text and link posts take one call and store nothing): when
 * the media work began, the uploaded media's URL and, for a video, its poster image's URL, or for a gallery the asset
 * id of each image uploaded so far (in the post's order), the account's user name (whose submissions are searched),
 * and the submit: {@code submitting} is the time the submit call was about to be sent (stored before it, so a lookup
 * after an unknown outcome knows how long Reddit may still be processing it) and {@code accepted} whether Reddit
 * answered that it took the submission. Stored as
 * {@code {"since":"…","user":"…","media_url":"…","poster_url":"…","gallery":["…"],"submitting":"…","accepted":false}}.
 */
record RedditSteps(Instant since, String user, String mediaUrl, String posterUrl, List<String> gallery, Instant submitting,
                   boolean accepted) {

    private static final JsonProvider JSON = JsonProvider.provider();

    RedditSteps {
        gallery = List.copyOf(gallery);
    }

    static RedditSteps none() {
        return new RedditSteps(null, null, null, null, List.of(), null, false);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static RedditSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            List<String> gallery = o.containsKey("gallery")
                    ? o.getJsonArray("gallery").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList() : List.of();
            return new RedditSteps(instant(o, "since"), o.getString("user", null), o.getString("media_url", null),
                    o.getString("poster_url", null), gallery, instant(o, "submitting"), o.getBoolean("accepted", false));
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    private static Instant instant(JsonObject o, String name) {
        return o.containsKey(name) && !o.isNull(name) ? Instant.parse(o.getString(name)) : null;
    }

    String toJson() {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        if (user != null) {
            o.add("user", user);
        }
        if (mediaUrl != null) {
            o.add("media_url", mediaUrl);
        }
        if (posterUrl != null) {
            o.add("poster_url", posterUrl);
        }
        if (!gallery.isEmpty()) {
            JsonArrayBuilder ids = JSON.createArrayBuilder();
            gallery.forEach(ids::add);
            o.add("gallery", ids);
        }
        if (submitting != null) {
            o.add("submitting", submitting.toString());
        }
        return o.add("accepted", accepted).build().toString();
    }

    RedditSteps withMedia(String url, Instant now) {
        return new RedditSteps(since == null ? now : since, user, url, posterUrl, gallery, submitting, accepted);
    }

    RedditSteps withPoster(String url) {
        return new RedditSteps(since, user, mediaUrl, url, gallery, submitting, accepted);
    }

    /** One more gallery image uploaded: its asset id, the gallery item's {@code media_id}. */
    RedditSteps withGalleryImage(String assetId, Instant now) {
        List<String> ids = new ArrayList<>(gallery);
        ids.add(assetId);
        return new RedditSteps(since == null ? now : since, user, mediaUrl, posterUrl, ids, submitting, accepted);
    }

    /** The submit is about to be sent (again): from now on a lookup that finds nothing may be early. */
    RedditSteps aboutToSubmit(String userName, Instant now) {
        return new RedditSteps(since, userName, mediaUrl, posterUrl, gallery, now, false);
    }

    /** Reddit took the submission; the post appears in the author's submissions once the media is processed. */
    RedditSteps acceptedByReddit() {
        return new RedditSteps(since, user, mediaUrl, posterUrl, gallery, submitting, true);
    }
}
