package dev.syndicast.publishing.control;

import java.util.List;
import java.util.UUID;

/**
 * Everything a connector needs for one publish call, gathered inside the claiming transaction so the call itself
 * runs without holding a database connection. {@code accessToken} is plaintext for this call only.
 * {@code verifyFirst}: an earlier attempt may have reached the platform, so the post is looked up before any call;
 * {@code mayCallAgain}: an attempt is left if the lookup finds nothing. {@code platformState} is what the last
 * finished step of a multi-step publish left (see {@link PublishOutcome.InProgress}), null before the first.
 * {@code media} describes the library items behind {@code mediaUrls}, in the same order, for connectors that upload.
 * {@code language} is the post's BCP 47 tag, or null when it has none (then no language is sent).
 */
public record PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                             String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                             String text, String title, List<String> threadParts, List<String> mediaUrls,
                             List<PublishMedia> media, String platformState, String language) {

    public PublishRequest {
        threadParts = List.copyOf(threadParts);
        mediaUrls = List.copyOf(mediaUrls);
        media = List.copyOf(media);
    }

    /** A request for a post without a language. */
    public PublishRequest(UUID jobId, int generation, String idempotencyKey, boolean verifyFirst, boolean mayCallAgain,
                          String platform, UUID accountId, String platformAccountId, String serviceUrl, String accessToken,
                          String text, String title, List<String> threadParts, List<String> mediaUrls,
                          List<PublishMedia> media, String platformState) {
        this(jobId, generation, idempotencyKey, verifyFirst, mayCallAgain, platform, accountId, platformAccountId, serviceUrl,
                accessToken, text, title, threadParts, mediaUrls, media, platformState, null);
    }

    @Override
    public String toString() {
        return "PublishRequest[" + jobId + ", " + platform + ", key=" + idempotencyKey + "]";
    }
}
