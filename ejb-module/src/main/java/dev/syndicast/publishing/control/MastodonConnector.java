package dev.syndicast.publishing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.syndicast.publishing.control.MastodonAnswers.describe;
import static dev.syndicast.publishing.control.MastodonAnswers.lookup;
import static dev.syndicast.publishing.control.MastodonAnswers.mediaId;
import static dev.syndicast.publishing.control.MastodonAnswers.readObject;
import static dev.syndicast.publishing.control.MastodonAnswers.statusOutcome;
import static dev.syndicast.publishing.control.MastodonAnswers.stepException;
import static dev.syndicast.publishing.control.MastodonAnswers.stepFailure;
import static dev.syndicast.publishing.control.MastodonAnswers.errorOf;
import static dev.syndicast.publishing.control.MastodonAnswers.text;
import static dev.syndicast.publishing.control.MastodonAnswers.unwrap;

/**
 * Mastodon (any instance: the account's service URL is its instance), after docs.joinmastodon.org. A post with media
 * is published in steps: each library item is streamed to {@code POST /api/v2/media} with its alt text as
 * {@code description}; a 202 means the instance is still processing it, so its id is stored (see
 * {@link PublishOutcome.InProgress}) and {@code GET /api/v1/media/:id} is asked again later until it has a
 * {@code url}. Once every item is processed and its id stored, {@code POST /api/v1/statuses} creates the status with
 * the job's idempotency key as {@code Idempotency-Key}: the instance keeps the key about an hour and answers a repeat
 * with the status the first call created, so any resend within that window cannot make a second one. {@code check}
 * looks the status up among the account's recent statuses ({@code GET /api/v1/accounts/:id/statuses}): the one that
 * carries the stored media ids, or for a text-only post the one with the same text. A post's thread parts follow as
 * replies ({@code in_reply_to_id}), one status per step, each stored before the next is sent and each with a key of
 * its own; once the first status exists the post never fails (a part refused for good publishes it in part).
 *
 * <p>Answers, from the methods' documented responses: 401 is a refused token (the account must be reconnected); 422
 * is a refusal with the instance's reason, kept; 429 waits until {@code X-RateLimit-Reset} without using an attempt;
 * 5xx, timeouts and broken connections during the status call are unknown outcomes. A failed upload or poll leaves
 * nothing visible (an unattached upload is removed by the instance), so it is simply tried again.
 */
@ApplicationScoped
public class MastodonConnector implements Connector {

    public static final String PLATFORM = "mastodon";
    /** docs.joinmastodon.org/methods/statuses: {@code GET /api/v1/accounts/:id/statuses} returns at most 40. */
    static final int LOOKUP_DEPTH = 40;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.mastodon.request-timeout", defaultValue = "PT30S")
    Duration requestTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.mastodon.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.mastodon.connect-timeout", defaultValue = "PT5S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.mastodon.processing-poll", defaultValue = "PT5S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.publishing.mastodon.processing-deadline", defaultValue = "PT30M")
    Duration processingDeadline;

    @Inject
    Clock clock;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** The file is uploaded from the media library. */
    @Override
    public boolean uploadsFiles() {
        return true;
    }

    /**
     * Mastodon accounts connected to an instance; a "mastodon" account connected through the sandbox (service URL
     * {@code sandbox}) is the sandbox connector's.
     */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && serviceUrl != null
                && (serviceUrl.startsWith("https://") || serviceUrl.startsWith("http://"));
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        UploadSteps steps = UploadSteps.parse(request.platformState());
        List<String> texts = UploadSteps.texts(request);
        if (!steps.posted().isEmpty()) {
            // The first status exists and carries the media: only the thread's remaining replies are left to send.
            return steps.posted().size() >= texts.size()
                    ? CompletableFuture.completedFuture(new PublishOutcome.Published(steps.posted().get(0).id(), steps.posted().get(0).url()))
                    : createStatus(request, steps, texts);
        }
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new PublishOutcome.Permanent(refused.get()));
        }
        if (steps.media().size() > request.media().size()) {
            // The post's media changed since the steps were stored: those uploads belong to another post.
            return CompletableFuture.completedFuture(new PublishOutcome.StartOver("the post's media changed"));
        }
        for (int i = 0; i < steps.media().size(); i++) {
            if (!steps.media().get(i).ready()) {
                return poll(request, steps, i);
            }
        }
        if (steps.media().size() < request.media().size()) {
            return upload(request, steps);
        }
        return createStatus(request, steps, texts);
    }

    /** The first status keeps the job's key; thread part n (from 1) sends {@code <key>-part<n>}. */
    static String idempotencyKey(PublishRequest request, int index) {
        return index == 0 ? request.idempotencyKey() : request.idempotencyKey() + "-part" + index;
    }

    /**
     * What this connector cannot send at all; the post validator refuses most of it before anything is queued. How
     * many attachments a status may carry is the instance's own (configuration.statuses.max_media_attachments, 4 by
     * default), checked against what it said when the account connected; an instance that allows fewer refuses itself.
     */
    static Optional<String> refusal(PublishRequest request) {
        for (PublishMedia m : request.media()) {
            if (m.opener() == null) {
                return Optional.of("Mastodon needs the file itself: media " + m.reference()
                        + " is not an item of the media library (upload it to the library first)");
            }
        }
        if ((request.text() == null || request.text().isBlank()) && request.media().isEmpty()) {
            return Optional.of("A Mastodon status needs text or media");
        }
        return Optional.empty();
    }

    /** Streams the next item to {@code POST /api/v2/media}: 200 is processed, 202 still processing. */
    private CompletableFuture<PublishOutcome> upload(PublishRequest request, UploadSteps steps) {
        int index = steps.media().size();
        PublishMedia media = request.media().get(index);
        SeekableByteChannel channel;
        try {
            channel = media.opener().open();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new PublishOutcome.NotProcessed("Media " + media.reference()
                    + " could not be read from the library: " + e.getMessage(), null));
        }
        HttpRequest http;
        try {
            MultipartBody body = uploadBody(media, channel);
            http = authorized(request, "api/v2/media", uploadTimeout)
                    .header("Content-Type", body.contentType())
                    .POST(body.publisher())
                    .build();
        } catch (IOException e) {
            close(channel);
            return CompletableFuture.completedFuture(new PublishOutcome.NotProcessed("Media " + media.reference()
                    + " could not be read from the library: " + e.getMessage(), null));
        }
        Instant now = clock.instant();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, t) -> close(channel))
                .thenApply(response -> switch (response.statusCode()) {
                    case 200 -> next(request, steps.uploaded(new UploadSteps.Upload(mediaId(response), true), now));
                    case 202 -> new PublishOutcome.InProgress(steps.uploaded(new UploadSteps.Upload(mediaId(response), false), now)
                            .toJson(), processingPoll, "Media " + (index + 1) + " uploaded; the instance is processing it");
                    default -> stepFailure("the upload of media " + (index + 1), response, request.serviceUrl(), now);
                })
                .exceptionally(thrown -> stepException("the upload of media " + (index + 1), thrown));
    }

    /**
     * After an upload the instance processed at once: the next upload, or (all uploaded) a stored step, so the media
     * ids are in the job before the status call that uses them.
     */
    private PublishOutcome next(PublishRequest request, UploadSteps steps) {
        return new PublishOutcome.InProgress(steps.toJson(), Duration.ZERO,
                "Media " + steps.media().size() + " of " + request.media().size() + " uploaded");
    }

    /** {@code GET /api/v1/media/:id}: 200 with a url is processed; 206 still processing; 404 gone; 422 failed. */
    private CompletableFuture<PublishOutcome> poll(PublishRequest request, UploadSteps steps, int index) {
        String id = steps.media().get(index).id();
        Instant now = clock.instant();
        if (steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
            return CompletableFuture.completedFuture(new PublishOutcome.StartOver("the instance did not finish processing media "
                    + (index + 1) + " within " + processingDeadline));
        }
        HttpRequest http = authorized(request, "api/v1/media/" + encode(id), requestTimeout).GET().build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    int status = response.statusCode();
                    if (status == 200 && readObject(response.body()).map(o -> text(o, "url") != null).orElse(false)) {
                        return next(request, steps.processed(index));
                    }
                    if (status == 200 || status == 206) {
                        return new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                                "The instance is still processing media " + (index + 1));
                    }
                    if (status == 404 || status == 422) {
                        return new PublishOutcome.StartOver("media " + (index + 1) + " " + (status == 404
                                ? "is no longer on the instance" : "failed to process: " + errorOf(response.body())));
                    }
                    PublishOutcome failure = stepFailure("the processing check of media " + (index + 1), response, request.serviceUrl(), now);
                    // A check that failed for a passing reason is simply made again; it changes nothing on the instance.
                    return failure instanceof PublishOutcome.NotProcessed n && n.retryAfter() == null
                            ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failure;
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                        "The processing check of media " + (index + 1) + " failed: " + describe(unwrap(thrown))));
    }

    /**
     * A visible call: {@code POST /api/v1/statuses} for the next status of the post, with its idempotency key; a thread
     * part replies to the status before it ({@code in_reply_to_id}). Each created status of a thread is stored before
     * the next is sent.
     */
    private CompletableFuture<PublishOutcome> createStatus(PublishRequest request, UploadSteps steps, List<String> texts) {
        int index = steps.posted().size();
        String inReplyTo = index == 0 ? null : steps.posted().get(index - 1).id();
        HttpRequest http = authorized(request, "api/v1/statuses", requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey(request, index))
                .POST(HttpRequest.BodyPublishers.ofString(statusForm(texts.get(index), index == 0 ? steps.mediaIds() : List.of(),
                        inReplyTo, request.language(), statusOptions(request))))
                .build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> statusOutcome(response, request.serviceUrl(), clock.instant()))
                .exceptionally(MastodonAnswers::statusException)
                .thenApply(outcome -> steps.after(outcome, texts.size()));
    }

    /**
     * The form of {@code POST /api/v1/statuses}: {@code status}, one {@code media_ids[]} per attachment,
     * {@code in_reply_to_id} for a thread part, and the post's {@code language} (docs.joinmastodon.org/methods/statuses:
     * "ISO 639 language code for this status") when it has one.
     */
    static String statusForm(String text, List<String> mediaIds, String inReplyTo) {
        return statusForm(text, mediaIds, inReplyTo, null);
    }

    static String statusForm(String text, List<String> mediaIds, String inReplyTo, String language) {
        return statusForm(text, mediaIds, inReplyTo, language, Map.of());
    }

    /**
     * The target's Mastodon options as form fields ({@code visibility}, {@code spoiler_text}, {@code sensitive}), sent
     * with every status of the post, so a thread keeps one visibility and content warning.
     */
    static Map<String, String> statusOptions(PublishRequest request) {
        Map<String, String> options = new LinkedHashMap<>();
        request.option("visibility").ifPresent(v -> options.put("visibility", v));
        request.option("spoiler_text").ifPresent(v -> options.put("spoiler_text", v));
        request.flag("sensitive").ifPresent(v -> options.put("sensitive", v.toString()));
        return options;
    }

    static String statusForm(String text, List<String> mediaIds, String inReplyTo, String language, Map<String, String> options) {
        StringBuilder form = new StringBuilder();
        if (text != null && !text.isBlank()) {
            form.append("status=").append(encode(text));
        }
        for (String id : mediaIds) {
            form.append(form.isEmpty() ? "" : "&").append("media_ids%5B%5D=").append(encode(id));
        }
        if (inReplyTo != null) {
            form.append(form.isEmpty() ? "" : "&").append("in_reply_to_id=").append(encode(inReplyTo));
        }
        if (language != null) {
            form.append(form.isEmpty() ? "" : "&").append("language=").append(encode(language));
        }
        options.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(name).append('=').append(encode(value)));
        return form.toString();
    }

    // ---- check: look the status up --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        UploadSteps steps = UploadSteps.parse(request.platformState());
        HttpRequest http = authorized(request, "api/v1/accounts/" + encode(request.platformAccountId())
                + "/statuses?limit=" + LOOKUP_DEPTH, requestTimeout).GET().build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> lookup(response, UploadSteps.texts(request), steps))
                .exceptionally(thrown -> new CheckOutcome.CannotTell(describe(unwrap(thrown))));
    }

    // ---- delete -------------------------------------------------------------------------------------------------

    @Override
    public boolean delete(PublishRequest request, String externalId) {
        HttpRequest http = authorized(request, "api/v1/statuses/" + encode(externalId), requestTimeout).DELETE().build();
        try {
            return client.send(http, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private HttpRequest.Builder authorized(PublishRequest request, String path, Duration timeout) {
        String instance = request.serviceUrl().endsWith("/") ? request.serviceUrl() : request.serviceUrl() + "/";
        return HttpRequest.newBuilder(URI.create(instance).resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + request.accessToken());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * docs.joinmastodon.org/methods/media#v2: the {@code file}, and the alt text as {@code description}. The file name
     * keeps the type's extension (instances pick the processor by it too).
     */
    static MultipartBody uploadBody(PublishMedia media, SeekableByteChannel channel) throws IOException {
        String type = media.mimeType() == null ? "application/octet-stream" : media.mimeType();
        String name = (media.fileName() == null ? media.reference() : media.fileName()).replaceAll("[^A-Za-z0-9._-]", "_");
        String ext = type.substring(type.indexOf('/') + 1).toLowerCase(Locale.ROOT).replace("jpeg", "jpg").replace("quicktime", "mov");
        Map<String, String> fields = media.altText() == null || media.altText().isBlank() ? Map.of()
                : Map.of("description", media.altText());
        return MultipartBody.of(fields, "file", name.contains(".") ? name : name + "." + ext, type, channel);
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only; nothing was lost
        }
    }
}
