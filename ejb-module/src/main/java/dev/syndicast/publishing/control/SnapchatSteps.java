package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;

/**
 * Where a Snapchat publish stands, as stored in the job between steps: when the media object was created (Snap keeps
 * it for 24 hours), its key and IV (base64; they only protect the upload in transit, Snap receives them with the
 * media), the media id with the paths Snap named for adding parts and finalizing, the encrypted parts already
 * uploaded with the last ciphertext block of the last of them (the IV that continues the CBC chain, so a restart
 * resumes at the next part), and whether the upload was finalized. Stored as
 * {@code {"since":"…","key":"…","iv":"…","media":"…","add":"/v1/…","finalize":"/v1/…","parts":2,"chain":"…",
 * "finalized":false}}.
 */
record SnapchatSteps(Instant since, String key, String iv, String media, String addPath, String finalizePath, int parts,
                     String chain, boolean finalized) {

    private static final JsonProvider JSON = JsonProvider.provider();

    static SnapchatSteps none() {
        return new SnapchatSteps(null, null, null, null, null, null, 0, null, false);
    }

    /** The stored state; null or unreadable (written by another version) starts from the first step. */
    static SnapchatSteps parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return none();
        }
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject o = reader.readObject();
            return new SnapchatSteps(Instant.parse(o.getString("since")), o.getString("key"), o.getString("iv"),
                    o.getString("media"), o.getString("add"), o.getString("finalize"), o.getInt("parts", 0),
                    o.getString("chain", null), o.getBoolean("finalized", false));
        } catch (RuntimeException unreadable) {
            return none();
        }
    }

    boolean created() {
        return media != null;
    }

    String toJson() {
        var o = JSON.createObjectBuilder().add("since", since.toString()).add("key", key).add("iv", iv).add("media", media)
                .add("add", addPath).add("finalize", finalizePath).add("parts", parts);
        if (chain != null) {
            o.add("chain", chain);
        }
        return o.add("finalized", finalized).build().toString();
    }

    static SnapchatSteps created(Instant now, String key, String iv, String media, String add, String finalize) {
        return new SnapchatSteps(now, key, iv, media, add, finalize, 0, null, false);
    }

    SnapchatSteps partSent(String lastBlock) {
        return new SnapchatSteps(since, key, iv, media, addPath, finalizePath, parts + 1, lastBlock, false);
    }

    SnapchatSteps finished() {
        return new SnapchatSteps(since, key, iv, media, addPath, finalizePath, parts, chain, true);
    }
}
