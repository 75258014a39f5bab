package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * What LinkedIn's answers mean for publishing, after the Posts, Images and Videos API pages of
 * learn.microsoft.com/linkedin/marketing/community-management and the API error handling page
 * (learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling: error bodies are
 * {@code {"status": 4xx, "message": "…", "serviceErrorCode": …}}). Plain functions of an answer, so each rule is
 * unit-tested without LinkedIn.
 */
final class LinkedInAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();

    private LinkedInAnswers() {
    }

    /**
     * An error answer: 401 a refused token (after the one refresh the connector tries); 429 a rate limit
     * (learn.microsoft.com/linkedin/shared/api-guide/concepts/rate-limits: LinkedIn sends no reset header and the daily
     * limits reset at midnight UTC, so the wait is Retry-After when given, else until the next midnight UTC); 408 not
     * processed; other 4xx refusals for good with LinkedIn's {@code message} kept; 5xx unknown.
     */
    static PublishOutcome classify(int status, String body, Optional<String> retryAfter, Instant now, String what) {
        String message = messageOf(body);
        String reason = what + " answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status == 401) {
            return new PublishOutcome.TokenRefused("LinkedIn refused the access token (expired or revoked, or without the"
                    + " w_member_social scope): " + (message.isEmpty() ? "HTTP 401" : message));
        }
        if (status == 429) {
            return new PublishOutcome.RateLimited(reason, retryAfter.flatMap(v -> RetryPolicy.parseRetryAfter(v, now))
                    .orElse(untilMidnightUtc(now)));
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent("LinkedIn refused " + what.toLowerCase(java.util.Locale.ROOT) + ": "
                + (message.isEmpty() ? "HTTP " + status : message));
    }

    /** An upload or poll step that failed: nothing visible exists, so an unknown outcome there is a plain retry. */
    static PublishOutcome stepFailure(int status, String body, Optional<String> retryAfter, Instant now, String what) {
        PublishOutcome outcome = classify(status, body, retryAfter, now, what);
        return outcome instanceof PublishOutcome.Unknown u
                ? new PublishOutcome.NotProcessed(u.reason() + " (nothing visible was created)", null) : outcome;
    }

    /** A call that threw: not connected is not processed; a timeout or break after sending the post is unknown. */
    static PublishOutcome postException(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("LinkedIn is not reachable: " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to the post call within the request timeout");
        }
        return new PublishOutcome.Unknown("The post call broke after sending: " + describe(cause));
    }

    static Duration untilMidnightUtc(Instant now) {
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Duration.between(now, midnight);
    }

    /** The {@code message} of a documented error body, abbreviated; the body itself when it is not one. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String message = readObject(body).map(o -> o.getString("message", null))
                .orElse(body.replaceAll("\\s+", " ").strip());
        if (message == null) {
            message = body.replaceAll("\\s+", " ").strip();
        }
        return message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }

    /** The post's URN from the create answer's {@code x-restli-id} header (Posts API: "Create a post"). */
    static Optional<String> postId(Map<String, List<String>> headers) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-restli-id"))
                .flatMap(e -> e.getValue().stream()).filter(v -> !v.isBlank()).findFirst().map(String::strip);
    }

    /** A post's public page: the feed update of its URN. */
    static String postUrl(String urn) {
        return "https://www.linkedin.com/feed/update/" + urn + "/";
    }

    /**
     * Finds the post in doubt among the author's recent posts ({@code GET /rest/posts?q=author}): with media, the one
     * that carries the stored media URNs (an uploaded asset belongs to one post only); without, the one whose
     * commentary is the post's text (compared unescaped).
     */
    static CheckOutcome lookup(int status, String body, String commentary, List<String> mediaUrns) {
        if (status != 200) {
            return new CheckOutcome.CannotTell("the lookup answered HTTP " + status);
        }
        JsonArray elements;
        try {
            elements = readObject(body).map(o -> o.getJsonArray("elements")).orElseThrow();
        } catch (RuntimeException unreadable) {
            return new CheckOutcome.CannotTell("the lookup's answer could not be read");
        }
        // Compared as plain text, so a commentary LinkedIn hands back escaped or not matches the same words.
        String wanted = normalize(LinkedInText.unescape(commentary));
        for (JsonValue v : elements) {
            JsonObject post = v.asJsonObject();
            List<String> media = mediaOf(post);
            boolean same = mediaUrns.isEmpty()
                    ? media.isEmpty() && normalize(LinkedInText.unescape(post.getString("commentary", ""))).equals(wanted)
                    : new HashSet<>(media).equals(new HashSet<>(mediaUrns));
            if (same && post.containsKey("id")) {
                String id = post.getString("id");
                return new CheckOutcome.Found(id, postUrl(id));
            }
        }
        return new CheckOutcome.NotFound();
    }

    /** The media URNs of a post: {@code content.media.id} or each {@code content.multiImage.images[].id}. */
    static List<String> mediaOf(JsonObject post) {
        JsonObject content = post.getJsonObject("content");
        if (content == null) {
            return List.of();
        }
        if (content.containsKey("media")) {
            return List.of(content.getJsonObject("media").getString("id"));
        }
        if (content.containsKey("multiImage")) {
            return content.getJsonObject("multiImage").getJsonArray("images").stream()
                    .map(i -> i.asJsonObject().getString("id")).toList();
        }
        return List.of();
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static Optional<JsonObject> readObject(String body) {
        if (body == null) {
            return Optional.empty();
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
