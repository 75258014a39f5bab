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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What X API v2's answers mean for publishing, after docs.x.com: the outcome of {@code POST /2/tweets}, the documented
 * problem bodies ({@code title}, {@code detail}, {@code type}, RFC 7807 style), the rate-limit headers, media
 * processing states, and the lookup of a tweet in doubt among the user's recent tweets. Plain functions of an answer
 * (status, body, headers), so each rule is unit-tested without a server.
 */
final class XAnswers {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private XAnswers() {
    }

    /** One answer as the rules need it: status, body and the rate-limit reset (epoch seconds) if X sent one. */
    record Answer(int status, String body, Optional<String> rateLimitReset) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        Optional<JsonObject> data() {
            return readObject(body).map(o -> o.get("data")).filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                    .map(JsonValue::asJsonObject);
        }
    }

    /**
     * docs.x.com/x-api/posts/create-post: 201 with {@code data.id}. A 2xx without a readable id may have created the
     * tweet, so it is unknown.
     */
    static PublishOutcome tweetOutcome(Answer answer, Instant now) {
        if (answer.ok()) {
            Optional<String> id = answer.data().map(d -> text(d, "id"));
            return id.isPresent() && id.get() != null ? new PublishOutcome.Published(id.get(), tweetUrl(id.get()))
                    : new PublishOutcome.Unknown("X answered " + answer.status() + " without a readable tweet id");
        }
        return classify(answer, now, "The tweet call");
    }

    /**
     * Error answers, after docs.x.com/x-api/fundamentals/response-codes-and-errors and rate-limits: 401 is a refused
     * token; 429 waits until {@code x-rate-limit-reset}; 408 was not processed; any other 4xx is a refusal whose
     * problem (title, detail, type) is kept as the target's error; 5xx may have acted and is unknown.
     */
    static PublishOutcome classify(Answer answer, Instant now, String what) {
        int status = answer.status();
        String problem = problemOf(answer.body());
        String reason = what + " answered HTTP " + status + (problem.isEmpty() ? "" : ": " + problem);
        if (status == 401) {
            return new PublishOutcome.TokenRefused("X refused the access token (revoked, or without the tweet.write"
                    + " scope): " + (problem.isEmpty() ? "HTTP 401" : problem));
        }
        if (status == 429) {
            return new PublishOutcome.RateLimited(reason, rateLimitReset(answer, now).orElse(null));
        }
        if (status == 408) {
            return new PublishOutcome.NotProcessed(reason, null);
        }
        if (status >= 500 || status < 400) {
            return new PublishOutcome.Unknown(reason);
        }
        return new PublishOutcome.Permanent("X refused the post: " + (problem.isEmpty() ? "HTTP " + status : problem));
    }

    /**
     * An upload or processing step that did not succeed: it leaves nothing visible, so a 5xx or an unreadable answer
     * there is a plain retry, not an unknown outcome.
     */
    static PublishOutcome stepFailure(Answer answer, Instant now, String what) {
        PublishOutcome outcome = classify(answer, now, what);
        if (outcome instanceof PublishOutcome.Unknown u) {
            return new PublishOutcome.NotProcessed(u.reason() + " (nothing visible was created)", null);
        }
        if (outcome instanceof PublishOutcome.Permanent p) {
            String problem = problemOf(answer.body());
            return new PublishOutcome.Permanent("X refused " + what + ": " + (problem.isEmpty() ? "HTTP " + answer.status() : problem));
        }
        return outcome;
    }

    /** A broken call to {@code POST /2/tweets}: nothing sent is not processed; anything after sending is unknown. */
    static PublishOutcome tweetException(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("X is not reachable: " + describe(cause), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new PublishOutcome.Unknown("No answer to the tweet call within the request timeout");
        }
        return new PublishOutcome.Unknown("The tweet call broke after sending: " + describe(cause));
    }

    /**
     * X refuses a text the account posted recently with 403 "duplicate content". After an unknown outcome whose lookup
     * missed the tweet (the timeline lags), that refusal says the tweet most likely exists: it is looked up again
     * instead of failing a job whose post may be live.
     */
    static boolean duplicateContent(Answer answer) {
        return answer.status() == 403 && problemOf(answer.body()).toLowerCase(Locale.ROOT).contains("duplicate");
    }

    /** docs.x.com/x-api/fundamentals/rate-limits: {@code x-rate-limit-reset} is the reset time in epoch seconds. */
    static Optional<Duration> rateLimitReset(Answer answer, Instant now) {
        return answer.rateLimitReset().flatMap(v -> {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(v.strip()));
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (NumberFormatException notEpoch) {
                return Optional.empty();
            }
        });
    }

    /**
     * The problem of an error answer as "title: detail (type)", after the documented problem body; the v2
     * {@code errors[].message} list or the raw body (abbreviated) when it is none.
     */
    static String problemOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Optional<JsonObject> o = readObject(body);
        String problem;
        if (o.isPresent() && (o.get().containsKey("title") || o.get().containsKey("detail"))) {
            String title = o.get().getString("title", "");
            String detail = o.get().getString("detail", "");
            String type = o.get().getString("type", "");
            problem = title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail + (type.isEmpty() ? "" : " (" + type + ")");
        } else if (o.isPresent() && o.get().get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
            problem = errors.stream().filter(e -> e.getValueType() == JsonValue.ValueType.OBJECT)
                    .map(e -> e.asJsonObject().getString("message", e.toString())).reduce((a, b) -> a + "; " + b).orElse("");
        } else {
            problem = body.replaceAll("\\s+", " ").strip();
        }
        return problem.length() <= 300 ? problem : problem.substring(0, 300) + "...";
    }

    /** Where a media item's processing stands: {@code data.processing_info} of an upload, finalize or status answer. */
    record Processing(String state, Duration checkAfter, String error) {
        boolean done() {
            return state == null || "succeeded".equals(state);
        }

        boolean failed() {
            return "failed".equals(state);
        }
    }

    /** docs.x.com/x-api/media/upload-media: no {@code processing_info} means the media is ready to attach. */
    static Processing processing(JsonObject data) {
        JsonValue info = data.get("processing_info");
        if (info == null || info.getValueType() != JsonValue.ValueType.OBJECT) {
            return new Processing(null, null, null);
        }
        JsonObject p = info.asJsonObject();
        Duration after = p.containsKey("check_after_secs") && p.get("check_after_secs").getValueType() == JsonValue.ValueType.NUMBER
                ? Duration.ofSeconds(p.getJsonNumber("check_after_secs").longValue()) : null;
        String error = null;
        if (p.get("error") instanceof JsonObject e) {
            error = e.getString("message", e.getString("name", e.toString()));
        }
        return new Processing(p.getString("state", null), after, error);
    }

    /**
     * How long X keeps an upload it initialized: {@code data.expires_after_secs} of the initialize answer
     * (docs.x.com/x-api/media/quickstart/media-upload-chunked; "The entire file must be uploaded before
     * expires_after_secs seconds", developer.x.com/en/docs/media/upload-media/api-reference/post-media-upload-init).
     * Empty when X did not say.
     */
    static Optional<Duration> expiresAfter(JsonObject data) {
        JsonValue v = data.get("expires_after_secs");
        return v != null && v.getValueType() == JsonValue.ValueType.NUMBER
                ? Optional.of(Duration.ofSeconds(((jakarta.json.JsonNumber) v).longValue())) : Optional.empty();
    }

    /**
     * Finds the tweet in doubt among the user's recent tweets ({@code GET /2/users/:id/tweets} with
     * {@code tweet.fields=attachments,referenced_tweets}): the first tweet by its stored media ids (an upload attaches to
     * one tweet only) or by its text; a thread part by its text and the tweet it replies to. Once the first tweet
     * exists the post is never reported missing.
     */
    static CheckOutcome lookup(Answer answer, List<String> texts, UploadSteps steps) {
        if (answer.status() != 200) {
            return new CheckOutcome.CannotTell("the lookup answered HTTP " + answer.status());
        }
        Optional<JsonObject> page = readObject(answer.body());
        if (page.isEmpty()) {
            return new CheckOutcome.CannotTell("the lookup's answer could not be read");
        }
        JsonValue data = page.get().get("data");
        JsonArray tweets = data != null && data.getValueType() == JsonValue.ValueType.ARRAY ? data.asJsonArray()
                : JsonValue.EMPTY_JSON_ARRAY;
        int index = steps.posted().size();
        String inReplyTo = index == 0 ? null : steps.posted().get(index - 1).id();
        Optional<JsonObject> found = find(tweets, texts.get(index), index == 0 ? steps.mediaIds() : List.of(), inReplyTo);
        if (found.isEmpty()) {
            return index == 0 ? new CheckOutcome.NotFound() : new CheckOutcome.FoundInPart(steps.toJson(),
                    "Thread part " + index + " is not on X; sending it again");
        }
        String id = text(found.get(), "id");
        UploadSteps done = steps.withPosted(new UploadSteps.Posted(id, tweetUrl(id)));
        if (done.posted().size() < texts.size()) {
            return new CheckOutcome.FoundInPart(done.toJson(), "Tweet " + done.posted().size() + " of " + texts.size()
                    + " found on X; sending the rest");
        }
        UploadSteps.Posted first = done.posted().get(0);
        return new CheckOutcome.Found(first.id(), first.url());
    }

    static Optional<JsonObject> find(JsonArray tweets, String text, List<String> mediaIds, String inReplyTo) {
        String wanted = normalize(text);
        for (JsonValue v : tweets) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject tweet = v.asJsonObject();
            Set<String> attached = attachedMediaIds(tweet);
            boolean same = mediaIds.isEmpty()
                    ? attached.isEmpty() && normalize(tweet.getString("text", "")).equals(wanted)
                    : attached.equals(new HashSet<>(mediaIds));
            if (same && (inReplyTo == null || inReplyTo.equals(repliedTo(tweet)))) {
                return Optional.of(tweet);
            }
        }
        return Optional.empty();
    }

    /** {@code attachments.media_keys} are {@code <type>_<media id>}: the ids the upload answered with. */
    static Set<String> attachedMediaIds(JsonObject tweet) {
        Set<String> ids = new HashSet<>();
        if (tweet.get("attachments") instanceof JsonObject attachments && attachments.get("media_keys") instanceof JsonArray keys) {
            for (JsonValue key : keys) {
                if (key.getValueType() == JsonValue.ValueType.STRING) {
                    String k = ((jakarta.json.JsonString) key).getString();
                    ids.add(k.substring(k.indexOf('_') + 1));
                }
            }
        }
        return ids;
    }

    static String repliedTo(JsonObject tweet) {
        if (tweet.get("referenced_tweets") instanceof JsonArray refs) {
            for (JsonValue r : refs) {
                if (r instanceof JsonObject ref && "replied_to".equals(ref.getString("type", ""))) {
                    return text(ref, "id");
                }
            }
        }
        return null;
    }

    /**
     * X rewrites every link to a t.co link and escapes {@code & < >} as HTML entities in a tweet's {@code text}, so
     * texts are compared with links reduced to a placeholder, entities decoded and white space collapsed.
     */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String decoded = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return URL.matcher(decoded).replaceAll("<link>").replaceAll("\\s+", " ").strip();
    }

    /** A tweet's public page; {@code /i/web/status/:id} resolves without knowing the handle. */
    static String tweetUrl(String id) {
        return "https://x.com/i/web/status/" + id;
    }

    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(name) : v.toString();
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
}
