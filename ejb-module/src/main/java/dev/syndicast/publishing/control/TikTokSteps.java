package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;

/**
 * Where a TikTok publish stands, as stored in the job between steps. The {@code publish_id} of the init is the anchor
 * of everything after it: it is stored (with the upload URL) before the first byte is sent, and once every byte may be
 * with TikTok the job only ever asks {@code status/fetch} about it, never initializes again. Stored as
 * {@code {"since":"…","kind":"video","source":"FILE_UPLOAD","publish_id":"…","username":"…","privacy":"SELF_ONLY",
 * "upload":{"url":"…","issued":"…","size":N,"chunk_size":N,"chunks":N,"acked":K,"uncertain":false},"sent":"…"}}}:
 * {@code acked} chunks were answered 206 (or 201), {@code uncertain} when the answer to the next one was lost (a
 * broken connection, a 5xx: TikTok may have it), {@code sent} when every byte is with TikTok (or, pulled by URL, since
 * the init) and the job waits for the post.
 */
record TikTokSteps(Instant since, String kind, String source, String publishId, String username, String privacy,
                   Upload upload, Instant sent) {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final String FILE_UPLOAD = "FILE_UPLOAD";
    static final String PULL_FROM_URL = "PULL_FROM_URL";

    /** A file upload: where the chunks go, when that URL was issued (valid one hour), the plan, and how far it got. */
    record Upload(String url, Instant issued, TikTokChunkPlan plan, int acked, boolean uncertain) {

        Upload acknowledged(int chunks) {
            return new Upload(url, issued, plan, Math.min(chunks, plan.count()), false);
        }

        Upload inDoubt() {
            return new Upload(url, issued, plan, acked, true);
        }
    }

    static TikTokSteps none() {
        return new TikTokSteps(null, null, null, null, null, null, null, null);
    }

    boolean started() {
        return publishId != null;
    }

    boolean isPhoto() {
        return "photo".equals(kind);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static TikTokSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            Upload upload = null;
            if (o.get("upload") instanceof JsonObject u) {
                upload = new Upload(u.getString("url"), Instant.parse(u.getString("issued")),
                        new TikTokChunkPlan(u.getJsonNumber("size").longValue(), u.getJsonNumber("chunk_size").longValue(),
                                u.getInt("chunks")), u.getInt("acked"), u.getBoolean("uncertain", false));
            }
            return new TikTokSteps(instant(o, "since"), o.getString("kind", "video"), o.getString("source", FILE_UPLOAD),
                    o.getString("publish_id"), o.getString("username", null), o.getString("privacy", null), upload,
                    instant(o, "sent"));
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        o.add("kind", kind).add("source", source).add("publish_id", publishId);
        if (username != null) {
            o.add("username", username);
        }
        if (privacy != null) {
            o.add("privacy", privacy);
        }
        if (upload != null) {
            o.add("upload", JSON.createObjectBuilder().add("url", upload.url()).add("issued", upload.issued().toString())
                    .add("size", upload.plan().videoSize()).add("chunk_size", upload.plan().chunkSize())
                    .add("chunks", upload.plan().count()).add("acked", upload.acked()).add("uncertain", upload.uncertain()));
        }
        if (sent != null) {
            o.add("sent", sent.toString());
        }
        return o.build().toString();
    }

    /** The init answered: its publish id (and, for a file upload, the upload URL and plan) is stored before any byte. */
    static TikTokSteps initialized(Instant now, String kind, String source, String publishId, String username, String privacy,
                                   Upload upload) {
        return new TikTokSteps(now, kind, source, publishId, username, privacy, upload, upload == null ? now : null);
    }

    TikTokSteps withUpload(Upload changed) {
        return new TikTokSteps(since, kind, source, publishId, username, privacy, changed, sent);
    }

    /** Every byte is with TikTok: from now on the job asks about the post and never sends anything again. */
    TikTokSteps allSent(Instant now) {
        return new TikTokSteps(since, kind, source, publishId, username, privacy,
                upload == null ? null : upload.acknowledged(upload.plan().count()), sent == null ? now : sent);
    }

    private static Instant instant(JsonObject o, String name) {
        return o.containsKey(name) && !o.isNull(name) ? Instant.parse(o.getString(name)) : null;
    }
}
