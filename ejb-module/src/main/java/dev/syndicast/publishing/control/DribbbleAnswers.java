package dev.syndicast.publishing.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Dribbble API v2's answers mean for publishing, after developer.dribbble.com/v2/ (overview: client errors,
 * rate limiting) and developer.dribbble.com/v2/shots/ (create, get, list the user's shots). Plain functions of an
 * answer, so each rule is unit-tested without Dribbble.
 */
final class DribbbleAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    /** developer.dribbble.com/v2/shots/ "Create a shot": tags are limited to a maximum of 12. */
    static final int MAX_TAGS = 12;
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#([\\p{L}\\p{N}_-]+)");
    /** developer.dribbble.com/v2/ "Rate limiting": the limit is per minute; with no reset header, wait a minute. */
    static final Duration DEFAULT_RATE_WAIT = Duration.ofSeconds(60);

    private DribbbleAnswers() {
    }

    /**
     * An error answer. developer.dribbble.com/v2/ "Client errors": a 422 carries {@code "message": "Validation failed."}
     * and {@code errors[]} of {@code attribute}/{@code message}, kept word for word as the refusal; "Rate limiting":
     * {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (epoch seconds), a 429 once the limit is used up,
     * waited out until the reset without using an attempt. 401 is a refused token (Dribbble's OAuth gives no refresh
     * token, so the one renewal the connector tries is refused and the account must be reconnected); 408 was not
     * processed; other 4xx are refusals; 5xx may have acted and are unknown.
     */
    static PublishOutcome classify(int status, String body, Map<String, List<String>> headers, Instant now, String what) {
        String message = messageOf(body);
        String reason = what + " answered HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status == 401) {
            return new PublishOutcome.TokenRefused("Dribbble refused the access token (revoked, or without the upload scope): "
                    + (message.isEmpty() ? "HTTP 401" : message));
        }
        if (status == 429) {
            return new PublishOutcome.RateLimited(reason, rateLimitWait(headers, now));
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500 || status < 400) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent("Dribbble refused " + what.toLowerCase(Locale.ROOT) + ": "
                + (message.isEmpty() ? "HTTP " + status : message));
    }

    /** How long to wait after a 429: until {@code X-RateLimit-Reset} (epoch seconds), else Retry-After, else a minute. */
    static Duration rateLimitWait(Map<String, List<String>> headers, Instant now) {
        Optional<Duration> reset = header(headers, "X-RateLimit-Reset").flatMap(v -> {
            try {
                return Optional.of(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(v.strip()))));
            } catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        });
        Duration wait = reset.or(() -> header(headers, "Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, now)))
                .orElse(DEFAULT_RATE_WAIT);
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    /** A call that threw: not connected is not processed; a timeout or break after sending may have acted. */
    static PublishOutcome exception(Throwable thrown, String what) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("Dribbble is not reachable: " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to " + what + " within the request timeout");
        }
        return new PublishOutcome.Unknown(what + " broke after sending: " + describe(cause));
    }

    /**
     * The documented error body as one line: {@code message}, then each {@code errors[]} entry as
     * {@code attribute message} ("Validation failed.: image must be exactly 400x300 or 800x600"); the body itself when
     * it is not one.
     */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Optional<JsonObject> object = readObject(body);
        if (object.isEmpty()) {
            String flat = body.replaceAll("\\s+", " ").strip();
            return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
        }
        StringBuilder out = new StringBuilder(object.get().getString("message", ""));
        if (object.get().get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
            List<String> each = new ArrayList<>();
            for (JsonValue e : errors) {
                if (e instanceof JsonObject error) {
                    String attribute = error.getString("attribute", "");
                    each.add((attribute.isEmpty() ? "" : attribute + " ") + error.getString("message", ""));
                } else if (e instanceof JsonString s) {
                    each.add(s.getString());
                }
            }
            out.append(out.isEmpty() ? "" : " ").append(String.join("; ", each));
        }
        return out.toString().strip();
    }

    /**
     * developer.dribbble.com/v2/shots/ "Create a shot": 202 Accepted with the shot's {@code Location}
     * (e.g. {@code https://api.dribbble.com/v2/shots/471756}); the shot id is its last path segment.
     */
    static Optional<String> shotIdOf(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        try {
            String path = URI.create(location.strip()).getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            return last.matches("\\d+") ? Optional.of(last) : Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** A processed shot ({@code GET /shots/:id}, 200): its id and page. */
    static Optional<CheckOutcome.Found> shotOf(String body) {
        return readObject(body).filter(o -> o.containsKey("id")).map(o -> new CheckOutcome.Found(idOf(o),
                o.getString("html_url", "https://dribbble.com/shots/" + idOf(o))));
    }

    /**
     * Finds the shot of an unknown outcome among the user's shots ({@code GET /user/shots}, newest first): the one
     * with the post's title published since the attempt began (a minute's grace for clocks). Dribbble lists a shot
     * only once it is processed, so "not listed" means "not created" only after the processing window: until then the
     * answer is {@code CannotTell} and the job asks again instead of sending a second shot.
     *
     * @param since when the attempt that sent the shot began (stored before the upload)
     * @param settled the moment after which a created shot must have been processed and listed
     */
    static CheckOutcome lookup(int status, String body, String title, Instant since, Instant settled, Instant now) {
        if (status != 200) {
            return new CheckOutcome.CannotTell("the list of the user's shots answered HTTP " + status);
        }
        JsonArray shots;
        try (var reader = JSON.createReader(new StringReader(body))) {
            shots = reader.readArray();
        } catch (RuntimeException unreadable) {
            return new CheckOutcome.CannotTell("the list of the user's shots could not be read");
        }
        String wanted = normalize(title);
        Instant from = since == null ? null : since.minus(Duration.ofMinutes(1));
        for (JsonValue v : shots) {
            if (!(v instanceof JsonObject shot) || !shot.containsKey("id") || !normalize(shot.getString("title", "")).equals(wanted)) {
                continue;
            }
            Instant published = instant(shot.getString("published_at", null)).or(() -> instant(shot.getString("created_at", null)))
                    .orElse(null);
            if (from == null || published == null || !published.isBefore(from)) {
                return new CheckOutcome.Found(idOf(shot), shot.getString("html_url", "https://dribbble.com/shots/" + idOf(shot)));
            }
        }
        if (settled != null && now.isBefore(settled)) {
            return new CheckOutcome.CannotTell("no shot titled \"" + title + "\" is listed yet; Dribbble lists a shot only"
                    + " after processing it, so the list is asked again until " + settled);
        }
        return new CheckOutcome.NotFound();
    }

    /** The shot's title: the post's title, else the first line of its text. */
    static String title(String title, String text) {
        if (title != null && !title.isBlank()) {
            return title.strip();
        }
        if (text == null) {
            return "";
        }
        return text.strip().lines().findFirst().orElse("").strip();
    }

    /** The description: the text, less its first line when that line became the title. */
    static String description(String title, String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        if (title != null && !title.isBlank()) {
            return text.strip();
        }
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(1, lines.size())).strip();
    }

    /** The shot's tags: the text's hashtags without their {@code #}, each once, at most {@link #MAX_TAGS}. */
    static List<String> tags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = HASHTAG.matcher(text);
            while (m.find() && tags.size() < MAX_TAGS) {
                tags.add(m.group(1));
            }
        }
        return List.copyOf(tags);
    }

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
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
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String idOf(JsonObject shot) {
        JsonValue id = shot.get("id");
        return id instanceof JsonString s ? s.getString() : id.toString();
    }

    private static Optional<Instant> instant(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
