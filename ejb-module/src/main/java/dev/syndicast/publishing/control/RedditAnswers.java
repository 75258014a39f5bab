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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Reddit's answers mean for publishing. Reddit answers most refusals of {@code POST /api/submit} inside a 200:
 * with {@code api_type=json} the body is {@code {"json":{"errors":[[CODE, message, field], ...],"data":{...}}}}
 * (www.reddit.com/dev/api#POST_api_submit); {@code RATELIMIT} ("you are doing that too much. try again in 5
 * minutes.") says how long to wait, every other code (SUBREDDIT_NOEXIST, NO_SELFS, NO_LINKS, SUBREDDIT_NOTALLOWED,
 * TOO_LONG, ...) is a refusal. The API's own limits come in {@code X-Ratelimit-Used}, {@code X-Ratelimit-Remaining} and
 * {@code X-Ratelimit-Reset} (seconds to the end of the period) on every answer (github.com/reddit-archive/reddit/wiki/API).
 * Plain functions of an answer, so each rule is unit-tested without Reddit.
 */
final class RedditAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern WAIT = Pattern.compile("(\\d+)\\s*(millisecond|second|minute|hour)s?", Pattern.CASE_INSENSITIVE);
    /** How long a RATELIMIT whose message names no time waits (Reddit's submit limits are minutes long). */
    static final Duration RATELIMIT_WAIT = Duration.ofMinutes(10);
    /** How long a 429 without reset headers waits: the API's limits are counted per minute. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofMinutes(1);

    private RedditAnswers() {
    }

    /** What a {@code POST /api/submit} that answered 200 came to. */
    sealed interface Submitted {
        /** A text or link post was created: its fullname ({@code t3_…}) and page. */
        record Created(String name, String url) implements Submitted {
        }

        /**
         * An image or video submission was accepted: Reddit answers a websocket URL instead of the post, which appears
         * in the author's submissions once the media is processed.
         */
        record Accepted() implements Submitted {
        }

        /** Refused in the body (or unreadable). */
        record Refused(PublishOutcome outcome) implements Submitted {
        }
    }

    static Submitted submitted(HttpAnswer answer, Instant now) {
        Optional<JsonObject> json = readObject(answer.body()).map(o -> o.get("json") instanceof JsonObject j ? j : null);
        if (json.isEmpty()) {
            return new Submitted.Refused(new PublishOutcome.Unknown("Reddit answered the submit with a body that could not be read"));
        }
        if (json.get().get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
            return new Submitted.Refused(errors(errors));
        }
        JsonObject data = json.get().get("data") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
        String name = text(data, "name");
        String id = text(data, "id");
        if (name == null && id != null && !id.isBlank()) {
            // /api/submit answers the bare id beside the fullname; a gallery submit answers the fullname as its id.
            name = id.startsWith("t3_") ? id : "t3_" + id;
        }
        if (name != null) {
            return new Submitted.Created(name, text(data, "url"));
        }
        if (data.containsKey("websocket_url") || data.containsKey("user_submitted_page")) {
            return new Submitted.Accepted();
        }
        return new Submitted.Refused(new PublishOutcome.Unknown("Reddit answered the submit without naming the post"));
    }

    /**
     * The {@code errors} of a 200 body: {@code RATELIMIT} waits the time its message names without spending an attempt;
     * {@code USER_REQUIRED} (no logged-in user behind the token) asks for the account to be reconnected; any other code
     * is Reddit's refusal, kept with its message.
     */
    static PublishOutcome errors(JsonArray errors) {
        List<String> described = new ArrayList<>();
        PublishOutcome limited = null;
        PublishOutcome noUser = null;
        for (JsonValue value : errors) {
            if (!(value instanceof JsonArray error) || error.isEmpty()) {
                continue;
            }
            String code = item(error, 0);
            String message = item(error, 1);
            String field = item(error, 2);
            if ("RATELIMIT".equals(code)) {
                limited = new PublishOutcome.RateLimited("Reddit: RATELIMIT: " + message, waitOf(message).orElse(RATELIMIT_WAIT));
            } else if ("USER_REQUIRED".equals(code)) {
                noUser = new PublishOutcome.TokenRefused("Reddit refused the access token (USER_REQUIRED: " + message + ")");
            } else {
                described.add(code + ": " + message + (field == null || field.isBlank() ? "" : " (" + field + ")"));
            }
        }
        if (noUser != null) {
            return noUser;
        }
        if (!described.isEmpty()) {
            // A refusal stands whether or not the limit also applies: waiting cannot help.
            return new PublishOutcome.Permanent("Reddit refused the post: " + String.join("; ", described));
        }
        return limited != null ? limited : new PublishOutcome.Permanent("Reddit refused the post: " + errors);
    }

    /** "try again in 5 minutes." / "Take a break for 9 seconds" / "1 hour": the wait the message names. */
    static Optional<Duration> waitOf(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = WAIT.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "millisecond" -> Duration.ofMillis(n);
            case "second" -> Duration.ofSeconds(n);
            case "minute" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /**
     * An HTTP error. {@code visible}: the call creates the post ({@code /api/submit}), so anything that may have
     * reached Reddit is {@link PublishOutcome.Unknown}; for the media lease and upload nothing visible exists.
     */
    static PublishOutcome classify(HttpAnswer answer, Instant now, String what, boolean visible) {
        return HttpOutcomes.classify("Reddit", answer, message(answer.body()), rateLimitWait(answer, now), what, visible);
    }

    /** When a limited call may go again: {@code X-Ratelimit-Reset}, else {@code Retry-After}, else a minute. */
    static Duration rateLimitWait(HttpAnswer answer, Instant now) {
        return answer.resetIn("X-Ratelimit-Reset", now).or(() -> answer.retryAfter(now)).orElse(RATE_LIMIT_WAIT);
    }

    /**
     * Whether the answer says the period's requests are used up ({@code X-Ratelimit-Remaining} below one): the next
     * call would be refused, so it waits for {@code X-Ratelimit-Reset} instead of being sent.
     */
    static boolean usedUp(HttpAnswer answer) {
        return answer.header("X-Ratelimit-Remaining").map(v -> {
            try {
                return Double.parseDouble(v.strip()) < 1;
            } catch (NumberFormatException unreadable) {
                return false;
            }
        }).orElse(false);
    }

    /** A call that threw: not sent at all is not processed; after sending, the submit's outcome is unknown. */
    static PublishOutcome exception(String what, IOException thrown, boolean visible) {
        return HttpOutcomes.exception("Reddit", what, thrown, visible);
    }

    /**
     * The media lease of {@code POST /api/media/asset.json}: where to POST the file and with which form fields, and the
     * asset's id ({@code asset.asset_id}: what a gallery item names as its {@code media_id}; null when not given).
     */
    record Lease(String action, Map<String, String> fields, String assetId) {
        String key() {
            return fields.getOrDefault("key", "");
        }
    }

    static Optional<Lease> lease(String body) {
        return readObject(body).flatMap(o -> {
            if (!(o.get("args") instanceof JsonObject args) || !(args.get("fields") instanceof JsonArray fields)) {
                return Optional.empty();
            }
            String action = text(args, "action");
            Map<String, String> form = new LinkedHashMap<>();
            for (JsonValue v : fields) {
                if (v instanceof JsonObject f && text(f, "name") != null) {
                    form.put(text(f, "name"), f.get("value") instanceof JsonString s ? s.getString() : String.valueOf(f.get("value")));
                }
            }
            String assetId = o.get("asset") instanceof JsonObject asset ? text(asset, "asset_id") : null;
            return action == null || action.isBlank() || !form.containsKey("key") ? Optional.empty()
                    : Optional.of(new Lease(action, form, assetId));
        });
    }

    /** {@code GET /api/v1/me}: the account's user name. */
    static Optional<String> userName(String body) {
        return readObject(body).map(o -> text(o, "name")).filter(n -> !n.isBlank());
    }

    /** What a post looked up among the author's submissions must match. */
    record Wanted(String title, String subreddit, String kind, String selfText, String url, Instant notBefore) {
    }

    /** A post found in a listing: its fullname and page. */
    record Found(String name, String url) {
    }

    /**
     * The post among the author's submissions ({@code GET /user/{name}/submitted}: a Listing of {@code t3} things)
     * with this title in this subreddit: a text post with the same text, a link post to the same URL, or a gallery
     * ({@code is_gallery}), image or video post made no earlier than {@code notBefore}.
     */
    static Optional<Found> find(String body, Wanted wanted) {
        Optional<JsonArray> children = readObject(body).map(o -> o.get("data") instanceof JsonObject d
                && d.get("children") instanceof JsonArray c ? c : null);
        if (children.isEmpty()) {
            return Optional.empty();
        }
        for (JsonValue value : children.get()) {
            if (!(value instanceof JsonObject thing) || !(thing.get("data") instanceof JsonObject post)) {
                continue;
            }
            if (!same(text(post, "title"), wanted.title()) || !wanted.subreddit().equalsIgnoreCase(String.valueOf(text(post, "subreddit")))) {
                continue;
            }
            boolean self = post.getBoolean("is_self", false);
            boolean matches = switch (wanted.kind()) {
                case "self" -> self && same(text(post, "selftext"), wanted.selfText());
                case "link" -> !self && wanted.url() != null && wanted.url().strip().equals(String.valueOf(text(post, "url")).strip());
                case "gallery" -> !self && post.getBoolean("is_gallery", false) && madeSince(post, wanted.notBefore());
                default -> !self && madeSince(post, wanted.notBefore());
            };
            if (matches) {
                String name = text(post, "name") != null ? text(post, "name") : "t3_" + text(post, "id");
                String permalink = text(post, "permalink");
                return Optional.of(new Found(name, permalink == null ? null
                        : permalink.startsWith("http") ? permalink : "https://www.reddit.com" + permalink));
            }
        }
        return Optional.empty();
    }

    /** Whether a listing could be read at all (an unreadable one cannot say that a post is missing). */
    static boolean isListing(String body) {
        return readObject(body).map(o -> o.get("data") instanceof JsonObject d && d.get("children") instanceof JsonArray).orElse(false);
    }

    private static boolean madeSince(JsonObject post, Instant notBefore) {
        return notBefore == null || createdAt(post).map(at -> !at.isBefore(notBefore)).orElse(true);
    }

    private static Optional<Instant> createdAt(JsonObject post) {
        return post.get("created_utc") instanceof JsonNumber n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }

    private static boolean same(String found, String sent) {
        return normalize(found).equals(normalize(sent));
    }

    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** A JSON error body's {@code message} (or {@code explanation}, {@code reason}), else the body, shortened. */
    static String message(String body) {
        Optional<JsonObject> o = readObject(body);
        if (o.isPresent()) {
            for (String name : List.of("explanation", "message", "reason")) {
                if (o.get().get(name) instanceof JsonString s && !s.getString().isBlank()) {
                    return abbreviate(s.getString());
                }
            }
        }
        return abbreviate(body == null ? "" : body.replaceAll("\\s+", " ").strip());
    }

    private static String item(JsonArray array, int index) {
        return array.size() > index && array.get(index) instanceof JsonString s ? s.getString() : null;
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
