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
 * Where a Facebook Page publish stands, as stored in the job between steps: when the work began (the deadline counts
 * from it), the unpublished photos of a multi-photo post (their ids, in the post's order), the video's resumable
 * upload session (its id, the offset Facebook reported, whether the last transfer broke so the offset must be asked
 * first, the file handle once the upload is complete, and the refusal of a transfer while its offset is checked) and
 * the published video's id while Facebook processes it. Stored as {@code {"since":"…","photos":["…"],"upload":
 * {"session":"upload:…","offset":0,"resume":false,"handle":null,"refused":null},"video":null}}.
 */
record FacebookSteps(Instant since, List<String> photos, Upload upload, String video) {

    private static final JsonProvider JSON = JsonProvider.provider();

    /** A Resumable Upload API session (developers.facebook.com/docs/graph-api/guides/upload). */
    record Upload(String session, long offset, boolean resume, String handle, String refused) {

        Upload(String session, long offset, boolean resume, String handle) {
            this(session, offset, resume, handle, null);
        }

        Upload at(long reported) {
            return new Upload(session, reported, false, handle);
        }

        Upload broken() {
            return new Upload(session, offset, true, handle);
        }

        /**
         * A transfer Facebook refused (a 4xx naming no offset). The stored offset may be behind what Facebook holds (a
         * transfer cut off by a crash leaves no trace in the job), so the offset is asked first; the refusal is kept
         * to tell whether it was about the offset.
         */
        Upload refused(String reason) {
            return new Upload(session, offset, true, handle, reason);
        }

        /**
         * After the offset check: the refusal, when Facebook holds exactly the bytes the refused transfer began at (so
         * it was refused for something else and sending again would be refused again); null to resume from there.
         */
        String refusalStanding(long reported) {
            return refused != null && reported == offset ? refused : null;
        }

        Upload complete(String fileHandle) {
            return new Upload(session, offset, false, fileHandle);
        }
    }

    FacebookSteps {
        photos = List.copyOf(photos);
    }

    static FacebookSteps none() {
        return new FacebookSteps(null, List.of(), null, null);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static FacebookSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            List<String> photos = new ArrayList<>();
            if (o.containsKey("photos")) {
                o.getJsonArray("photos").getValuesAs(jakarta.json.JsonString.class).forEach(p -> photos.add(p.getString()));
            }
            Upload upload = null;
            if (o.get("upload") instanceof JsonObject u) {
                upload = new Upload(u.getString("session"), u.getJsonNumber("offset").longValue(), u.getBoolean("resume", false),
                        u.isNull("handle") ? null : u.getString("handle"),
                        u.containsKey("refused") && !u.isNull("refused") ? u.getString("refused") : null);
            }
            return new FacebookSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null, photos, upload,
                    o.containsKey("video") && !o.isNull("video") ? o.getString("video") : null);
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        photos.forEach(ids::add);
        o.add("photos", ids);
        if (upload != null) {
            o.add("upload", JSON.createObjectBuilder().add("session", upload.session()).add("offset", upload.offset())
                    .add("resume", upload.resume()).add("handle", upload.handle() == null ? JsonValue.NULL : JSON.createValue(upload.handle()))
                    .add("refused", upload.refused() == null ? JsonValue.NULL : JSON.createValue(upload.refused())));
        }
        o.add("video", video == null ? JsonValue.NULL : JSON.createValue(video));
        return o.build().toString();
    }

    private Instant started(Instant now) {
        return since == null ? now : since;
    }

    FacebookSteps withPhoto(String id, Instant now) {
        List<String> more = new ArrayList<>(photos);
        more.add(id);
        return new FacebookSteps(started(now), more, upload, video);
    }

    FacebookSteps withUpload(Upload changed, Instant now) {
        return new FacebookSteps(started(now), photos, changed, video);
    }

    FacebookSteps withVideo(String id, Instant now) {
        return new FacebookSteps(started(now), photos, upload, id);
    }
}
