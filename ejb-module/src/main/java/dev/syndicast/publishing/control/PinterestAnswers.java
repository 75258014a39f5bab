package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Pinterest API v5's answers mean for publishing (developers.pinterest.com/docs/api/v5). Errors are
 * {@code {"code": <int>, "message": "..."}} bodies (the API's {@code Error} schema); rate limits are 429s
 * (developers.pinterest.com/docs/reference/rate-limits). Plain functions of an answer, so each rule is unit-tested
 * without Pinterest.
 */
final class PinterestAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    /**
     * How long a 429 waits when Pinterest says nothing more: Standard access limits are per minute per user per app
     * (developers.pinterest.com/docs/reference/rate-limits), so a minute lets the window move on.
     */
    static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);

    private PinterestAnswers() {
    }

    /**
     * An error answer. {@code visible}: the call creates the pin ({@code POST /v5/pins}), so anything that may have
     * reached Pinterest is {@link PublishOutcome.Unknown}; for the steps before it (media registration, upload,
     * status) nothing visible exists and the same failures are simply tried again.
     */
    static PublishOutcome classify(HttpAnswer answer, Instant now, String what, boolean visible) {
        return HttpOutcomes.classify("Pinterest", answer, message(answer.body()), rateLimitWait(answer, now), what, visible);
    }

    /**
     * When a rate-limited call may go again: {@code Retry-After}, else {@code X-RateLimit-Reset} (seconds until the
     * window resets; a value that reads as a Unix time is taken as one), else a minute.
     */
    static Duration rateLimitWait(HttpAnswer answer, Instant now) {
        return answer.retryAfter(now).or(() -> answer.resetIn("X-RateLimit-Reset", now)).orElse(RATE_LIMIT_WAIT);
    }

    /** A call that threw: not sent at all is not processed; after sending, the pin call's outcome is unknown. */
    static PublishOutcome exception(String what, IOException thrown, boolean visible) {
        return HttpOutcomes.exception("Pinterest", what, thrown, visible);
    }

    /** The {@code message} (and {@code code}) of an error body, else the body itself, shortened. */
    static String message(String body) {
        Optional<JsonObject> error = readObject(body);
        if (error.isPresent() && error.get().get("message") instanceof JsonString m) {
            return abbreviate(m.getString() + (error.get().get("code") instanceof JsonNumber c ? " (code " + c.intValue() + ")" : ""));
        }
        return abbreviate(body == null ? "" : body.replaceAll("\\s+", " ").strip());
    }

    /** A registered media upload: {@code POST /v5/media}'s {@code media_id}, {@code upload_url}, {@code upload_parameters}. */
    static Optional<PinterestSteps.Media> registered(String body) {
        return readObject(body).flatMap(o -> {
            String id = text(o, "media_id");
            String url = text(o, "upload_url");
            if (id == null || id.isBlank() || url == null || url.isBlank() || !(o.get("upload_parameters") instanceof JsonObject p)) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            p.forEach((name, value) -> parameters.put(name, value instanceof JsonString s ? s.getString() : value.toString()));
            return Optional.of(new PinterestSteps.Media(id, url, parameters, false, false));
        });
    }

    /** {@code GET /v5/media/{media_id}}'s {@code status}: registered, processing, succeeded or failed. */
    static String mediaStatus(String body) {
        return readObject(body).map(o -> o.getString("status", "")).orElse("");
    }

    /** The {@code id} of a created pin. */
    static Optional<String> pinId(String body) {
        return readObject(body).map(o -> text(o, "id")).filter(id -> !id.isBlank());
    }

    static String pinUrl(String id) {
        return "https://www.pinterest.com/pin/" + id + "/";
    }

    /**
     * The pin among a board's pins ({@code GET /v5/boards/{board_id}/pins}: {@code {"items":[{"id","title",
     * "description","link",...}],"bookmark"}}) that carries what this post sent: the same title, description and link
     * (whitespace aside; a field not sent must be empty there too). Empty when none does.
     */
    static Optional<String> findPin(String body, String title, String description, String link) {
        Optional<JsonArray> items = readObject(body).map(o -> o.get("items") instanceof JsonArray a ? a : null);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        for (JsonValue value : items.get()) {
            if (value instanceof JsonObject pin && same(text(pin, "title"), title) && same(text(pin, "description"), description)
                    && same(text(pin, "link"), link)) {
                return Optional.ofNullable(text(pin, "id"));
            }
        }
        return Optional.empty();
    }

    /** Whether a board listing could be read at all (an unreadable one cannot say that a pin is missing). */
    static boolean isListing(String body) {
        return readObject(body).map(o -> o.get("items") instanceof JsonArray).orElse(false);
    }

    private static boolean same(String found, String sent) {
        return normalize(found).equals(normalize(sent));
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    static Optional<JsonObject> readObject(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static String describe(Throwable e) {
        return HttpOutcomes.describe(e);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
