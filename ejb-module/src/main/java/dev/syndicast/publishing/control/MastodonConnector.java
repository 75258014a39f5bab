package dev.syndicast.publishing.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

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
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>\\s*<p[^>]*>");

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
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new PublishOutcome.Permanent(refused.get()));
        }
        MastodonSteps steps = MastodonSteps.parse(request.platformState());
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
        List<String> texts = statusTexts(request);
        if (steps.posted().size() >= texts.size()) {
            MastodonSteps.Posted first = steps.posted().get(0);
            return CompletableFuture.completedFuture(new PublishOutcome.Published(first.id(), first.url()));
        }
        return createStatus(request, steps, texts);
    }

    /** The statuses of the post: its text (with the media), then each thread part as a reply to the one before. */
    static List<String> statusTexts(PublishRequest request) {
        List<String> texts = new java.util.ArrayList<>();
        texts.add(request.text());
        request.threadParts().stream().filter(p -> p != null && !p.isBlank()).forEach(texts::add);
        return texts;
    }

    /** The first status keeps the job's key; thread part n (from 1) sends {@code <key>-part<n>}. */
    static String idempotencyKey(PublishRequest request, int index) {
        return index == 0 ? request.idempotencyKey() : request.idempotencyKey() + "-part" + index;
    }

    /** What this connector cannot send at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (request.media().size() > 4) {
            // docs.joinmastodon.org/methods/statuses: media_ids[] takes at most 4 attachments.
            return Optional.of("Mastodon takes at most 4 media attachments; the post has " + request.media().size());
        }
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
    private CompletableFuture<PublishOutcome> upload(PublishRequest request, MastodonSteps steps) {
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
            Multipart body = Multipart.of(media, channel);
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
                    case 200 -> next(request, steps.uploaded(new MastodonSteps.Upload(mediaId(response), true), now));
                    case 202 -> new PublishOutcome.InProgress(steps.uploaded(new MastodonSteps.Upload(mediaId(response), false), now)
                            .toJson(), processingPoll, "Media " + (index + 1) + " uploaded; the instance is processing it");
                    default -> stepFailure("the upload of media " + (index + 1), response, request.serviceUrl(), now);
                })
                .exceptionally(thrown -> stepException("the upload of media " + (index + 1), thrown));
    }

    /**
     * After an upload the instance processed at once: the next upload, or (all uploaded) a stored step, so the media
     * ids are in the job before the status call that uses them.
     */
    private PublishOutcome next(PublishRequest request, MastodonSteps steps) {
        return new PublishOutcome.InProgress(steps.toJson(), Duration.ZERO,
                "Media " + steps.media().size() + " of " + request.media().size() + " uploaded");
    }

    /** {@code GET /api/v1/media/:id}: 200 with a url is processed; 206 still processing; 404 gone; 422 failed. */
    private CompletableFuture<PublishOutcome> poll(PublishRequest request, MastodonSteps steps, int index) {
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
    private CompletableFuture<PublishOutcome> createStatus(PublishRequest request, MastodonSteps steps, List<String> texts) {
        int index = steps.posted().size();
        String inReplyTo = index == 0 ? null : steps.posted().get(index - 1).id();
        HttpRequest http = authorized(request, "api/v1/statuses", requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey(request, index))
                .POST(HttpRequest.BodyPublishers.ofString(statusForm(texts.get(index), index == 0 ? steps.mediaIds() : List.of(),
                        inReplyTo)))
                .build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> statusOutcome(response, request.serviceUrl(), clock.instant()))
                .exceptionally(MastodonConnector::statusException)
                .thenApply(outcome -> threadOutcome(outcome, steps, texts.size()));
    }

    /**
     * What one status call means for the whole post. The last status done: published (as the first status, whose id
     * and URL the target keeps). An earlier one done: stored, and the next sent at once. A later thread part that
     * failed: the first status exists, so nothing fails from here: a refusal publishes in part (the owner is told),
     * anything else is an unknown outcome whose lookup finds the part or sends it again.
     */
    static PublishOutcome threadOutcome(PublishOutcome outcome, MastodonSteps steps, int statuses) {
        int index = steps.posted().size();
        if (outcome instanceof PublishOutcome.Published p) {
            MastodonSteps done = steps.withPosted(new MastodonSteps.Posted(p.externalId(), p.url()));
            if (done.posted().size() < statuses) {
                return new PublishOutcome.InProgress(done.toJson(), Duration.ZERO,
                        "Status " + done.posted().size() + " of " + statuses + " posted");
            }
            MastodonSteps.Posted first = done.posted().get(0);
            return new PublishOutcome.Published(first.id(), first.url());
        }
        if (index == 0 || outcome instanceof PublishOutcome.RateLimited || outcome instanceof PublishOutcome.Unknown) {
            return outcome;
        }
        MastodonSteps.Posted first = steps.posted().get(0);
        String part = "thread part " + index + " of " + (statuses - 1);
        if (outcome instanceof PublishOutcome.NotProcessed n) {
            return new PublishOutcome.Unknown("The call of " + part + " was not processed (" + n.reason()
                    + "); the thread is looked up before it is sent again");
        }
        String reason = outcome instanceof PublishOutcome.Permanent p ? p.reason()
                : outcome instanceof PublishOutcome.TokenRefused t ? t.reason() : outcome.toString();
        return new PublishOutcome.PublishedInPart(first.id(), first.url(), "The first " + index + " status(es) of the"
                + " thread were posted, but " + part + " was refused: " + reason);
    }

    /**
     * The form of {@code POST /api/v1/statuses}: {@code status}, one {@code media_ids[]} per attachment, and
     * {@code in_reply_to_id} for a thread part.
     */
    static String statusForm(String text, List<String> mediaIds, String inReplyTo) {
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
        return form.toString();
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

    private static PublishOutcome stepException(String what, Throwable thrown) {
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

    // ---- check: look the status up --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        MastodonSteps steps = MastodonSteps.parse(request.platformState());
        HttpRequest http = authorized(request, "api/v1/accounts/" + encode(request.platformAccountId())
                + "/statuses?limit=" + LOOKUP_DEPTH, requestTimeout).GET().build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> lookup(response, statusTexts(request), steps))
                .exceptionally(thrown -> new CheckOutcome.CannotTell(describe(unwrap(thrown))));
    }

    /**
     * Finds the status in doubt among the account's recent ones: the first status by the stored media ids (an
     * attachment belongs to one status only) or, without media, by its text; a thread part by the status it replies
     * to and its text. Once the first status exists the post is never reported missing: a thread part not found is
     * sent again, with its idempotency key, from the parts recorded.
     */
    static CheckOutcome lookup(HttpResponse<String> response, List<String> texts, MastodonSteps steps) {
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
        MastodonSteps done = steps.withPosted(new MastodonSteps.Posted(text(found.get(), "id"), urlOf(found.get())));
        if (done.posted().size() < texts.size()) {
            return new CheckOutcome.FoundInPart(done.toJson(), "Status " + done.posted().size() + " of " + texts.size()
                    + " found on the instance; sending the rest");
        }
        MastodonSteps.Posted first = done.posted().get(0);
        return new CheckOutcome.Found(first.id(), first.url());
    }

    private static Optional<JsonObject> find(JsonArray statuses, String text, List<String> mediaIds, String inReplyTo) {
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

    private static List<String> attachmentIds(JsonObject status) {
        JsonArray media = status.getJsonArray("media_attachments");
        return media == null ? List.of() : media.stream().map(m -> text(m.asJsonObject(), "id")).toList();
    }

    /** A status's {@code content} is HTML; its text is the tags removed, line breaks kept, entities decoded. */
    static String plainText(String html) {
        String text = TAG.matcher(BREAK.matcher(html).replaceAll("\n")).replaceAll("");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
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

    private static String mediaId(HttpResponse<String> response) {
        return readObject(response.body()).map(o -> text(o, "id"))
                .orElseThrow(() -> new IllegalStateException("the media answer has no id"));
    }

    /** Mastodon ids are strings, but some servers that speak its API send numbers. */
    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(name) : v.toString();
    }

    /** The status's public page ({@code url}); {@code uri} when the server gives none. */
    private static String urlOf(JsonObject status) {
        String url = text(status, "url");
        return url != null ? url : text(status, "uri");
    }

    private static Optional<JsonObject> readObject(String body) {
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Throwable unwrap(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only; nothing was lost
        }
    }

    /**
     * A {@code multipart/form-data} body of {@code description} (the alt text) and {@code file}, with the file's
     * bytes streamed from the library channel and the length declared up front.
     */
    record Multipart(String boundary, byte[] head, byte[] tail, long fileSize, SeekableByteChannel channel) {

        static Multipart of(PublishMedia media, SeekableByteChannel channel) throws IOException {
            String boundary = "syndicast-" + UUID.randomUUID();
            StringBuilder head = new StringBuilder();
            if (media.altText() != null && !media.altText().isBlank()) {
                head.append("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"description\"\r\n")
                        .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                        .append(media.altText()).append("\r\n");
            }
            String type = media.mimeType() == null ? "application/octet-stream" : media.mimeType();
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName(media, type)).append("\"\r\n")
                    .append("Content-Type: ").append(type).append("\r\n\r\n");
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            return new Multipart(boundary, head.toString().getBytes(StandardCharsets.UTF_8), tail, channel.size(), channel);
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher publisher() {
            HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofInputStream(this::stream),
                    HttpRequest.BodyPublishers.ofByteArray(tail));
            return HttpRequest.BodyPublishers.fromPublisher(parts, head.length + fileSize + tail.length);
        }

        private InputStream stream() {
            try {
                channel.position(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Channels.newInputStream(channel);
        }

        /** A quoted-string-safe name with the type's extension (instances pick the processor by it too). */
        private static String fileName(PublishMedia media, String type) {
            String name = media.fileName() == null ? media.reference() : media.fileName();
            String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
            String ext = type.substring(type.indexOf('/') + 1).toLowerCase(Locale.ROOT).replace("jpeg", "jpg").replace("quicktime", "mov");
            return safe.contains(".") ? safe : safe + "." + ext;
        }
    }

}
