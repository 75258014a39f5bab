package dev.syndicast.publishing.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a publish stands on a platform that uploads media by id and posts threads as reply chains (Mastodon, X), as
 * stored in the job between steps: the platform's id of each uploaded media item (in the post's order) and whether the
 * platform has finished processing it, when the first upload was made (the processing deadline counts from it), the
 * chunked upload under way, if any (X: the next item's media id and the next segment to append, see {@link Chunked}),
 * and, for a thread, the posts created so far (the first is the post's own).
 * Stored as {@code {"since":"…","media":[{"id":"…","ready":true}],"chunked":{"id":"…","segment":3,"chunk":4194304,
 * "bytes":20000000,"expires":"…"},"posted":[{"id":"…","url":"…"}]}} ({@code chunked} and {@code posted} only when
 * there are any).
 */
record UploadSteps(Instant since, List<Upload> media, Chunked chunked, List<Posted> posted) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** One uploaded item: the instance's media id, and whether its full-size file is processed. */
    record Upload(String id, boolean ready) {
    }

    /** A status of the thread the instance created: its id and public URL. */
    record Posted(String id, String url) {
    }

    /**
     * The chunked upload of the next media item, between its initialization and its finalization: the platform's media
     * id, the index of the next segment to append (every one before it was acknowledged), the chunk size the segments
     * were cut with and the file's size (a later step cuts the file the same way, whatever the settings say by then),
     * and when the platform forgets an unfinalized upload (null: it did not say).
     */
    record Chunked(String id, int segment, int chunk, long bytes, Instant expires) {

        /** How many segments the file makes. */
        int segments() {
            return (int) ((bytes + chunk - 1) / chunk);
        }

        boolean allAppended() {
            return segment >= segments();
        }

        long offset() {
            return (long) segment * chunk;
        }

        long length() {
            return Math.min(chunk, bytes - offset());
        }

        /** The next segment acknowledged. */
        Chunked appended() {
            return new Chunked(id, segment + 1, chunk, bytes, expires);
        }

        boolean expired(Instant now) {
            return expires != null && !now.isBefore(expires);
        }
    }

    UploadSteps {
        media = List.copyOf(media);
        posted = List.copyOf(posted);
    }

    static UploadSteps none() {
        return new UploadSteps(null, List.of(), null, List.of());
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static UploadSteps parse(String stored) {
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
            Chunked chunked = null;
            if (o.get("chunked") instanceof JsonObject c) {
                chunked = new Chunked(c.getString("id"), c.getInt("segment"), c.getInt("chunk"),
                        c.getJsonNumber("bytes").longValue(), c.containsKey("expires") ? Instant.parse(c.getString("expires")) : null);
            }
            List<Posted> posted = new ArrayList<>();
            if (o.containsKey("posted")) {
                for (JsonValue v : o.getJsonArray("posted")) {
                    JsonObject p = v.asJsonObject();
                    posted.add(new Posted(p.getString("id"), p.isNull("url") ? null : p.getString("url")));
                }
            }
            return new UploadSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, media, chunked, posted);
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
        if (chunked != null) {
            var c = JSON.createObjectBuilder().add("id", chunked.id()).add("segment", chunked.segment())
                    .add("chunk", chunked.chunk()).add("bytes", chunked.bytes());
            if (chunked.expires() != null) {
                c.add("expires", chunked.expires().toString());
            }
            o.add("chunked", c);
        }
        if (!posted.isEmpty()) {
            JsonArrayBuilder statuses = JSON.createArrayBuilder();
            posted.forEach(p -> statuses.add(JSON.createObjectBuilder().add("id", p.id())
                    .add("url", p.url() == null ? JsonValue.NULL : JSON.createValue(p.url()))));
            o.add("posted", statuses);
        }
        return o.build().toString();
    }

    /** An item uploaded (a chunked one finalized): its id joins the media, and no chunked upload is under way. */
    UploadSteps uploaded(Upload upload, Instant now) {
        List<Upload> more = new ArrayList<>(media);
        more.add(upload);
        return new UploadSteps(since == null ? now : since, more, null, posted);
    }

    /** The next item's chunked upload as it now stands (initialized, or more segments appended). */
    UploadSteps withChunked(Chunked upload) {
        return new UploadSteps(since, media, upload, posted);
    }

    UploadSteps processed(int index) {
        List<Upload> changed = new ArrayList<>(media);
        changed.set(index, new Upload(media.get(index).id(), true));
        return new UploadSteps(since, changed, chunked, posted);
    }

    UploadSteps withPosted(Posted status) {
        List<Posted> more = new ArrayList<>(posted);
        more.add(status);
        return new UploadSteps(since, media, chunked, more);
    }

    List<String> mediaIds() {
        return media.stream().map(Upload::id).toList();
    }

    /** The posts of the chain: its text (with the media), then each thread part as a reply to the one before. */
    static List<String> texts(PublishRequest request) {
        List<String> texts = new ArrayList<>();
        texts.add(request.text());
        request.threadParts().stream().filter(p -> p != null && !p.isBlank()).forEach(texts::add);
        return texts;
    }

    /**
     * What one call of the chain means for the whole post. The last status done: published (as the first status,
     * whose id and URL the target keeps). An earlier one done: stored, and the next sent at once. A later thread part
     * that failed: the first status exists, so nothing fails from here: a refusal publishes in part (the owner is
     * told), anything else is an unknown outcome whose lookup finds the part or sends it again.
     */
    PublishOutcome after(PublishOutcome outcome, int statuses) {
        UploadSteps steps = this;
        int index = steps.posted().size();
        if (outcome instanceof PublishOutcome.Published p) {
            UploadSteps done = steps.withPosted(new UploadSteps.Posted(p.externalId(), p.url()));
            if (done.posted().size() < statuses) {
                return new PublishOutcome.InProgress(done.toJson(), Duration.ZERO,
                        "Status " + done.posted().size() + " of " + statuses + " posted");
            }
            UploadSteps.Posted first = done.posted().get(0);
            return new PublishOutcome.Published(first.id(), first.url());
        }
        if (index == 0 || outcome instanceof PublishOutcome.RateLimited || outcome instanceof PublishOutcome.Unknown) {
            return outcome;
        }
        UploadSteps.Posted first = steps.posted().get(0);
        String part = "thread part " + index + " of " + (statuses - 1);
        if (outcome instanceof PublishOutcome.NotProcessed n) {
            return new PublishOutcome.Unknown("The call of " + part + " was not processed (" + n.reason()
                    + "); the thread is looked up before it is sent again");
        }
        String reason = outcome instanceof PublishOutcome.Permanent p ? p.reason()
                : outcome instanceof PublishOutcome.TokenRefused t ? t.reason() : outcome.toString();
        return new PublishOutcome.PublishedInPart(first.id(), first.url(), "The first " + index + " status(es) of the"
                + " thread were posted, but " + part + " was refused: " + reason);
    }
}
