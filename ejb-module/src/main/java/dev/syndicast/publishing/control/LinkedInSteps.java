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
 * Where a LinkedIn publish stands, as stored in the job between steps: the URNs of the media already uploaded (in the
 * post's order), when the first upload began (the processing deadline counts from it), and the video upload under way:
 * its URN, upload token, the byte ranges LinkedIn asked for with their upload URLs, the ETags of the parts already
 * sent (a restart resumes at the next part), whether it was finalized. Stored as
 * {@code {"since":"…","media":["urn:li:image:…"],"video":{"urn":"…","token":"…","parts":[{"url":"…","first":0,"last":9}],
 * "etags":["…"],"finalized":false}}}.
 */
record LinkedInSteps(Instant since, List<String> media, Video video) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One byte range of a video upload and where to PUT it (uploadInstructions of initializeUpload). */
    record Part(String url, long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** A video upload between initializeUpload and the video being AVAILABLE. */
    record Video(String urn, String token, List<Part> parts, List<String> etags, boolean finalized) {
        Video {
            parts = List.copyOf(parts);
            etags = List.copyOf(etags);
        }

        Video sent(String etag) {
            List<String> more = new ArrayList<>(etags);
            more.add(etag);
            return new Video(urn, token, parts, more, false);
        }

        Video finished() {
            return new Video(urn, token, parts, etags, true);
        }

        boolean allSent() {
            return etags.size() >= parts.size();
        }
    }

    LinkedInSteps {
        media = List.copyOf(media);
    }

    static LinkedInSteps none() {
        return new LinkedInSteps(null, List.of(), null);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static LinkedInSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            List<String> media = o.getJsonArray("media").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList();
            Video video = null;
            if (o.containsKey("video") && !o.isNull("video")) {
                JsonObject v = o.getJsonObject("video");
                List<Part> parts = new ArrayList<>();
                for (JsonValue p : v.getJsonArray("parts")) {
                    JsonObject part = p.asJsonObject();
                    parts.add(new Part(part.getString("url"), part.getJsonNumber("first").longValue(),
                            part.getJsonNumber("last").longValue()));
                }
                List<String> etags = v.getJsonArray("etags").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList();
                video = new Video(v.getString("urn"), v.getString("token", ""), parts, etags, v.getBoolean("finalized", false));
            }
            return new LinkedInSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, media, video);
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        media.forEach(items::add);
        o.add("media", items);
        if (video != null) {
            JsonArrayBuilder parts = JSON.createArrayBuilder();
            video.parts().forEach(p -> parts.add(JSON.createObjectBuilder().add("url", p.url()).add("first", p.first())
                    .add("last", p.last())));
            JsonArrayBuilder etags = JSON.createArrayBuilder();
            video.etags().forEach(etags::add);
            o.add("video", JSON.createObjectBuilder().add("urn", video.urn()).add("token", video.token()).add("parts", parts)
                    .add("etags", etags).add("finalized", video.finalized()));
        }
        return o.build().toString();
    }

    LinkedInSteps started(Instant now) {
        return since != null ? this : new LinkedInSteps(now, media, video);
    }

    /** An item fully uploaded (an image after its PUT, a video once AVAILABLE): its URN joins the media. */
    LinkedInSteps uploaded(String urn, Instant now) {
        List<String> more = new ArrayList<>(media);
        more.add(urn);
        return new LinkedInSteps(since == null ? now : since, more, null);
    }

    LinkedInSteps withVideo(Video changed, Instant now) {
        return new LinkedInSteps(since == null ? now : since, media, changed);
    }
}
