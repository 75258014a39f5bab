package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * What the Snap Public Profile API's answers mean for publishing. Plain functions of an answer, so each rule is
 * unit-tested without Snap.
 *
 * <p>Read on Snap's own pages (developers.snap.com/api/marketing-api/Public-Profile-API/ProfileAssetManagement): the
 * create media call and its fields ({@code type}, {@code name}, {@code key}, {@code iv}) and that its answer carries
 * a {@code request_id}. ASSUMED (the rest of that page could not be read; docs/platforms/snapchat.md says what each
 * assumption follows): the answer's {@code media_id}, {@code add_path} and {@code finalize_path} (the names other
 * public clients of this API read, and the Marketing API's own chunked upload answers), the error body
 * ({@code request_status}, {@code debug_message}, {@code display_message}, {@code error_code}), the envelopes of
 * created and listed stories, saved stories and spotlights, and that a listed one names its {@code media_id}.
 */
final class SnapchatAnswers {

    /** ASSUMED: no reset header is known for this API's 429; wait a minute unless Retry-After says otherwise. */
    static final Duration DEFAULT_RATE_WAIT = Duration.ofSeconds(60);

    /** A created media object: its id and where its parts go. */
    record Created(String media, String addPath, String finalizePath) {
    }

    /** Where a post type is created and listed, and the envelope names of its entries (ASSUMED names). */
    enum PostType {
        STORY("story", "stories", "story"),
        SAVED_STORY("saved_story", "saved_stories", "saved_story"),
        SPOTLIGHT("spotlight", "spotlights", "spotlight");

        final String option;
        final String collection;
        final String entity;

        PostType(String option, String collection, String entity) {
            this.option = option;
            this.collection = collection;
            this.entity = entity;
        }

        static PostType of(Optional<String> option) {
            for (PostType t : values()) {
                if (t.option.equals(option.orElse("story"))) {
                    return t;
                }
            }
            return STORY;
        }
    }

    private SnapchatAnswers() {
    }

    /**
     * An error answer: 401 a refused token (Snap's access tokens live an hour and refresh, so the connector renews it
     * once first); 429 a rate limit, waited out (Retry-After when given, else a minute: ASSUMED); 408 not
     * processed; other 4xx refusals with Snap's message kept; 5xx may have acted and is unknown.
     */
    static PublishOutcome classify(int status, String body, Map<String, List<String>> headers, Instant now, String what) {
        String message = messageOf(body);
        String reason = what + " answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status == 401) {
            return new PublishOutcome.TokenRefused("Snapchat refused the access token (expired or revoked, or the app is not"
                    + " allowlisted for the Public Profile API): " + (message.isEmpty() ? "HTTP 401" : message));
        }
        if (status == 429) {
            Duration wait = DribbbleAnswers.header(headers, "Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now))
                    .orElse(DEFAULT_RATE_WAIT);
            return new PublishOutcome.RateLimited(reason, wait);
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500 || status < 400) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent("Snapchat refused " + what.toLowerCase(Locale.ROOT) + ": "
                + (message.isEmpty() ? "HTTP " + status : message));
    }

    /** A step before the post: nothing visible exists, so an unknown outcome there is a plain retry. */
    static PublishOutcome stepFailure(int status, String body, Map<String, List<String>> headers, Instant now, String what) {
        PublishOutcome outcome = classify(status, body, headers, now, what);
        return outcome instanceof PublishOutcome.Unknown u
                ? new PublishOutcome.NotProcessed(u.reason() + " (nothing visible was created)", null) : outcome;
    }

    static PublishOutcome exception(Throwable thrown, String what) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("Snapchat is not reachable: " + DribbbleAnswers.describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + DribbbleAnswers.describe(cause));
    }

    /** The Marketing API's error body as one line ({@code display_message}, else {@code debug_message}, and the code). */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Optional<JsonObject> o = DribbbleAnswers.readObject(body);
        if (o.isEmpty()) {
            String flat = body.replaceAll("\\s+", " ").strip();
            return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
        }
        String message = o.get().getString("display_message", o.get().getString("debug_message", o.get().getString("message", "")));
        String code = o.get().getString("error_code", "");
        return (message + (code.isEmpty() ? "" : " (" + code + ")")).strip();
    }

    /**
     * The create media answer: {@code media_id}, {@code add_path}, {@code finalize_path} (ASSUMED names; the
     * Marketing API's own chunked upload answers {@code add_path} and {@code finalize_path} the same way).
     */
    static Optional<Created> created(String body) {
        return DribbbleAnswers.readObject(body).flatMap(o -> {
            String media = text(o, "media_id").or(() -> Optional.ofNullable(o.getJsonObject("media")).flatMap(m -> text(m, "id")))
                    .orElse(null);
            String add = text(o, "add_path").orElse(null);
            String finalize = text(o, "finalize_path").orElse(null);
            return media == null || add == null || finalize == null ? Optional.empty() : Optional.of(new Created(media, add, finalize));
        });
    }

    /**
     * The id of a created story, saved story or spotlight: {@code <collection>[0].<entity>.id} as the Marketing API
     * wraps created entities, else a flat {@code <collection>[0].id}, {@code <entity>_id} (as other public clients read
     * a spotlight's {@code spotlight_id}) or {@code id} (ASSUMED).
     */
    static Optional<String> postedId(String body, PostType type) {
        Optional<JsonObject> o = DribbbleAnswers.readObject(body);
        if (o.isEmpty()) {
            return Optional.empty();
        }
        if (o.get().get(type.collection) instanceof JsonArray items && !items.isEmpty() && items.get(0) instanceof JsonObject first) {
            return text(unwrap(first, type), "id");
        }
        return text(o.get(), type.entity + "_id").or(() -> text(o.get(), "id"));
    }

    /**
     * Finds the post of an unknown outcome among the profile's stories, saved stories or spotlights by the media id it
     * carries (a media object is posted once). Entries that do not name their media cannot tell; an answer whose
     * entries all name theirs and none is ours means not found.
     */
    static CheckOutcome lookup(int status, String body, PostType type, String media) {
        if (status != 200) {
            return new CheckOutcome.CannotTell("listing the profile's " + type.collection + " answered HTTP " + status
                    + (status == 404 || status == 405 ? " (Snap offers no such listing here)" : ""));
        }
        Optional<JsonObject> o = DribbbleAnswers.readObject(body);
        if (o.isEmpty() || !(o.get().get(type.collection) instanceof JsonArray items)) {
            return new CheckOutcome.CannotTell("the listing of the profile's " + type.collection + " could not be read");
        }
        boolean unnamed = false;
        for (JsonValue v : items) {
            if (!(v instanceof JsonObject entry)) {
                continue;
            }
            JsonObject post = unwrap(entry, type);
            Optional<String> carried = text(post, "media_id");
            if (carried.isEmpty()) {
                unnamed = true;
            } else if (carried.get().equals(media) && text(post, "id").isPresent()) {
                return new CheckOutcome.Found(text(post, "id").get(), null);
            }
        }
        return unnamed ? new CheckOutcome.CannotTell("Snap's list of " + type.collection + " does not say which media each"
                + " carries, so it cannot show whether media " + media + " was posted") : new CheckOutcome.NotFound();
    }

    private static JsonObject unwrap(JsonObject entry, PostType type) {
        return entry.get(type.entity) instanceof JsonObject inner ? inner : entry;
    }

    private static Optional<String> text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return Optional.of(s.getString());
        }
        return v == null || v.getValueType() == JsonValue.ValueType.NULL || v instanceof JsonString
                || v instanceof JsonObject || v instanceof JsonArray ? Optional.empty() : Optional.of(v.toString());
    }

    static String base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] unbase64(String text) {
        return java.util.Base64.getDecoder().decode(text);
    }
}
