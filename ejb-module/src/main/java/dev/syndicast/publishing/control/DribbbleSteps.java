package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;

/**
 * Where a Dribbble publish stands, as stored in the job between steps: when the attempt that sends the shot began
 * (stored before the upload, so a lookup after an unknown outcome knows which shots could be it and how long
 * Dribbble may still be processing), and once Dribbble accepted the shot its id and {@code Location}, {@code since}
 * then being the acceptance. Stored as
 * {@code {"since":"…","shot":"471756","location":"https://api.dribbble.com/v2/shots/471756"}}.
 */
record DribbbleSteps(Instant since, String shot, String location) {

    private static final JsonProvider JSON = JsonProvider.provider();

    static DribbbleSteps none() {
        return new DribbbleSteps(null, null, null);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static DribbbleSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            return new DribbbleSteps(o.containsKey("since") ? Instant.parse(o.getString("since")) : null,
                    o.getString("shot", null), o.getString("location", null));
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    String toJson() {
        var o = JSON.createObjectBuilder();
        if (since != null) {
            o.add("since", since.toString());
        }
        if (shot != null) {
            o.add("shot", shot);
        }
        if (location != null) {
            o.add("location", location);
        }
        return o.build().toString();
    }

    DribbbleSteps started(Instant now) {
        return new DribbbleSteps(now, null, null);
    }

    /** Dribbble accepted the shot: from now on {@code since} is when, and the processing deadline counts from it. */
    DribbbleSteps accepted(String id, String where, Instant now) {
        return new DribbbleSteps(now, id, where);
    }
}
