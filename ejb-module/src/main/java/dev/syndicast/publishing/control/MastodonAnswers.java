package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * What a Mastodon instance's answers mean for publishing, after docs.joinmastodon.org: a status call's outcome, the
 * documented error bodies ({@code {"error": "…"}}) and rate-limit headers, and the lookup of a status in doubt among
 * the account's recent statuses. Plain functions of an answer, so each rule is unit-tested without an instance.
 */
final class MastodonAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>\\s*<p[^>]*>");

    private MastodonAnswers() {
    }

    static PublishOutcome statusOutcome(HttpResponse<String> response, String instance, Instant now) {
        if (response.statusCode() == 200) {
            Optional<JsonObject> status = readObject(response.body());
            if (status.isEmpty() || text(status.get(), "id") == null) {
                return new PublishOutcome.Unknown("The instance answered 200 with an unreadable status");
            }
            return new PublishOutcome.Published(text(status.get(), "id"), urlOf(status.get()));
        }
        return classify(response, instance, now, "The status call");
    }

    static PublishOutcome statusException(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("The instance is not reachable: " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to the status call within the request timeout");
        }
        return new PublishOutcome.Unknown("The status call broke after sending: " + describe(cause));
    }

    /**
     * An upload or processing check that did not succeed. A 5xx or a broken connection there leaves nothing visible,
     * so it is a plain retry rather than an unknown outcome; 401, 422 and 429 mean what they mean everywhere.
     */
    static PublishOutcome stepFailure(String what, HttpResponse<String> response, String instance, Instant now) {
        PublishOutcome outcome = classify(response, instance, now, what);
        return outcome instanceof PublishOutcome.Unknown u ? new PublishOutcome.NotProcessed(u.reason() + " (nothing visible was created)", null)
                : outcome;
    }

    static PublishOutcome stepException(String what, Throwable thrown) {
        return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): " + describe(unwrap(thrown)), null);
    }

    /**
     * Reads an error answer after docs.joinmastodon.org/api/rate-limits and the methods' documented errors
     * ({@code {"error": "…"}} bodies).
     */
    static PublishOutcome classify(HttpResponse<String> response, String instance, Instant now, String what) {
        int status = response.statusCode();
        String error = errorOf(response.body());
        String reason = what + " answered HTTP " + status + (error.isEmpty() ? "" : ": " + error);
        return switch (status) {
            case 401 -> new PublishOutcome.TokenRefused(instance + " refused the access token (revoked, or without the needed"
                    + " scope): " + (error.isEmpty() ? "HTTP 401" : error));
            case 422 -> new PublishOutcome.Permanent(instance + " refused the post: " + (error.isEmpty() ? "HTTP 422" : error));
            case 429 -> new PublishOutcome.RateLimited(reason, rateLimitReset(response, now).orElse(null));
            // RFC 9110 section 15.5.9: the server did not receive the whole request, so it cannot have acted on it.
            case 408 -> new PublishOutcome.NotProcessed(reason, null);
            default -> status >= 500 ? new PublishOutcome.Unknown(reason) : new PublishOutcome.Permanent(reason);
        };
    }

    /** docs.joinmastodon.org/api/rate-limits: {@code X-RateLimit-Reset} is an ISO 8601 timestamp; Retry-After if any. */
    static Optional<Duration> rateLimitReset(HttpResponse<?> response, Instant now) {
        Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
        if (reset.isPresent()) {
            try {
                Instant at = OffsetDateTime.parse(reset.get().strip()).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notIso) {
                // fall through to Retry-After
            }
        }
        return response.headers().firstValue("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now));
    }

    /**
     * Finds the status in doubt among the account's recent ones: the first status by the stored media ids (an
     * attachment belongs to one status only) or, without media, by its text; a thread part by the status it replies
     * to and its text. Once the first status exists the post is never reported missing: a thread part not found is
     * sent again, with its idempotency key, from the parts recorded.
     */
    static CheckOutcome lookup(HttpResponse<String> response, List<String> texts, UploadSteps steps) {
        if (response.statusCode() != 200) {
            return new CheckOutcome.CannotTell("the lookup answered HTTP " + response.statusCode());
        }
        JsonArray statuses;
        try (var reader = JSON.createReader(new StringReader(response.body()))) {
            statuses = reader.readArray();
        } catch (RuntimeException unreadable) {
            return new CheckOutcome.CannotTell("the lookup's answer could not be read");
        }
        int index = steps.posted().size();
        String inReplyTo = index == 0 ? null : steps.posted().get(index - 1).id();
        Optional<JsonObject> found = find(statuses, texts.get(index), index == 0 ? steps.mediaIds() : List.of(), inReplyTo);
        if (found.isEmpty()) {
            return index == 0 ? new CheckOutcome.NotFound() : new CheckOutcome.FoundInPart(steps.toJson(),
                    "Thread part " + index + " is not on the instance; sending it again");
        }
        UploadSteps done = steps.withPosted(new UploadSteps.Posted(text(found.get(), "id"), urlOf(found.get())));
        if (done.posted().size() < texts.size()) {
            return new CheckOutcome.FoundInPart(done.toJson(), "Status " + done.posted().size() + " of " + texts.size()
                    + " found on the instance; sending the rest");
        }
        UploadSteps.Posted first = done.posted().get(0);
        return new CheckOutcome.Found(first.id(), first.url());
    }

    static Optional<JsonObject> find(JsonArray statuses, String text, List<String> mediaIds, String inReplyTo) {
        String wanted = normalize(text);
        for (JsonValue v : statuses) {
            JsonObject status = v.asJsonObject();
            List<String> attached = attachmentIds(status);
            boolean same = mediaIds.isEmpty()
                    ? attached.isEmpty() && normalize(plainText(status.getString("content", ""))).equals(wanted)
                    : new HashSet<>(attached).equals(new HashSet<>(mediaIds));
            if (same && (inReplyTo == null || inReplyTo.equals(text(status, "in_reply_to_id")))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    static List<String> attachmentIds(JsonObject status) {
        JsonArray media = status.getJsonArray("media_attachments");
        return media == null ? List.of() : media.stream().map(m -> text(m.asJsonObject(), "id")).toList();
    }

    /** A status's {@code content} is HTML; its text is the tags removed, line breaks kept, entities decoded. */
    static String plainText(String html) {
        String text = TAG.matcher(BREAK.matcher(html).replaceAll("\n")).replaceAll("");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static String mediaId(HttpResponse<String> response) {
        return readObject(response.body()).map(o -> text(o, "id"))
                .orElseThrow(() -> new IllegalStateException("the media answer has no id"));
    }

    /** Mastodon ids are strings, but some servers that speak its API send numbers. */
    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(name) : v.toString();
    }

    /** The status's public page ({@code url}); {@code uri} when the server gives none. */
    static String urlOf(JsonObject status) {
        String url = text(status, "url");
        return url != null ? url : text(status, "uri");
    }

    static Optional<JsonObject> readObject(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The {@code error} of a documented error body, abbreviated; the body itself when it is not one. */
    static String errorOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String error = readObject(body).map(o -> o.getString("error", null)).orElse(body.replaceAll("\\s+", " ").strip());
        return error.length() <= 300 ? error : error.substring(0, 300) + "...";
    }

    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
