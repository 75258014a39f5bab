package dev.syndicast.publishing.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a connector needs for one publish call, gathered inside the claiming transaction so the call itself
 * runs without holding a database connection. {@code accessToken} is plaintext for this call only.
 * {@code verifyFirst}: an earlier attempt may have reached the platform, so the post is looked up before any call;
 * {@code mayCallAgain}: an attempt is left if the lookup finds nothing. {@code platformState} is what the last
 * finished step of a multi-step publish left (see {@link PublishOutcome.InProgress}), null before the first.
 * {@code media} describes the library items behind {@code mediaUrls}, in the same order, for connectors that upload.
 * {@code language} is the post's BCP 47 tag, or null when it has none (then no language is sent).
 * {@code options} are the target's settings for its platform (checked against {@code platforms.control.TargetOptions}
 * when the post was made; empty when it has none).
 */
public record PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                             String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                             String text, String title, List<String> threadParts, List<String> mediaUrls,
                             List<PublishMedia> media, String platformState, String language, JsonObject options) {

    public PublishRequest {
        threadParts = List.copyOf(threadParts);
        mediaUrls = List.copyOf(mediaUrls);
        media = List.copyOf(media);
        options = options == null ? JsonValue.EMPTY_JSON_OBJECT : options;
    }

    /** A request for a post without a language and a target without options. */
    public PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                          String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                          String text, String title, List<String> threadParts, List<String> mediaUrls,
                          List<PublishMedia> media, String platformState) {
        this(jobId, generation, idempotencyKey, verifyFirst, mayCallAgain, platform, accountId, platformAccountId, serviceUrl,
                accessToken, text, title, threadParts, mediaUrls, media, platformState, null, null);
    }

    /** A request for a target without options. */
    public PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                          String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                          String text, String title, List<String> threadParts, List<String> mediaUrls,
                          List<PublishMedia> media, String platformState, String language) {
        this(jobId, generation, idempotencyKey, verifyFirst, mayCallAgain, platform, accountId, platformAccountId, serviceUrl,
                accessToken, text, title, threadParts, mediaUrls, media, platformState, language, null);
    }

    /** A request for a post without a language, for a target with options. */
    public PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                          String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                          String text, String title, List<String> threadParts, List<String> mediaUrls,
                          List<PublishMedia> media, String platformState, JsonObject options) {
        this(jobId, generation, idempotencyKey, verifyFirst, mayCallAgain, platform, accountId, platformAccountId, serviceUrl,
                accessToken, text, title, threadParts, mediaUrls, media, platformState, null, options);
    }

    /** A text option of the target, if set. */
    public Optional<String> option(String name) {
        return options.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    /** A true/false option of the target, if set. */
    public Optional<Boolean> flag(String name) {
        JsonValue value = options.get(name);
        return value == JsonValue.TRUE ? Optional.of(true) : value == JsonValue.FALSE ? Optional.of(false) : Optional.empty();
    }

    @Override
    public String toString() {
        return "PublishRequest[" + jobId + ", " + platform + ", key=" + idempotencyKey + "]";
    }
}
