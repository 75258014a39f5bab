package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;

/**
 * Where a YouTube publish stands, as stored in the job between steps: when the resumable session was opened
 * ({@code since}; the upload deadline counts from it), the session URL YouTube answered in {@code Location}, the
 * file's size, the bytes YouTube last confirmed ({@code received}; every step asks YouTube again before sending, so
 * this is a note, not the truth), how many interruptions in a row the upload met (the back-off grows with them), and
 * once the last byte was taken the video's id and how often setting its thumbnail was tried. Stored as
 * {@code {"since":"…","session":"https://…","size":N,"received":R,"interruptions":0,"video":"…","thumbnail_tries":0}}.
 */
record YouTubeSteps(Instant since, String session, long size, long received, int interruptions, String video,
                    int thumbnailTries) {

    private static final JsonProvider JSON = JsonProvider.provider();

    static YouTubeSteps none() {
        return new YouTubeSteps(null, null, -1, 0, 0, null, 0);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static YouTubeSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            return new YouTubeSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null,
                    o.getString("session", null), o.containsKey("size") ? o.getJsonNumber("size").longValue() : -1,
                    o.containsKey("received") ? o.getJsonNumber("received").longValue() : 0, o.getInt("interruptions", 0),
                    o.getString("video", null), o.getInt("thumbnail_tries", 0));
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        if (session != null) {
            o.add("session", session).add("size", size).add("received", received).add("interruptions", interruptions);
        }
        if (video != null) {
            o.add("video", video).add("thumbnail_tries", thumbnailTries);
        }
        return o.build().toString();
    }

    /** A resumable session was opened for {@code size} bytes: the next steps send them. */
    static YouTubeSteps opened(String session, long size, Instant now) {
        return new YouTubeSteps(now, session, size, 0, 0, null, 0);
    }

    /** YouTube said it has {@code bytes} when asked; the interruptions so far still count. */
    YouTubeSteps at(long bytes) {
        return new YouTubeSteps(since, session, size, bytes, interruptions, video, thumbnailTries);
    }

    /** YouTube took a chunk and confirmed {@code bytes} (a 308's {@code Range}): progress clears the interruptions. */
    YouTubeSteps confirmed(long bytes) {
        return new YouTubeSteps(since, session, size, bytes, 0, video, thumbnailTries);
    }

    /** The upload broke off after YouTube confirmed {@code bytes}: the next step asks YouTube and resumes. */
    YouTubeSteps interrupted(long bytes) {
        return new YouTubeSteps(since, session, size, bytes, interruptions + 1, video, thumbnailTries);
    }

    /** YouTube took the last byte and created the video: what is left is its thumbnail. */
    YouTubeSteps uploaded(String videoId) {
        return new YouTubeSteps(since, session, size, size, 0, videoId, 0);
    }

    YouTubeSteps thumbnailTried() {
        return new YouTubeSteps(since, session, size, received, interruptions, video, thumbnailTries + 1);
    }
}
