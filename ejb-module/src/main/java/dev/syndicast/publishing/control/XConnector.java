package dev.syndicast.publishing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static dev.syndicast.publishing.control.XAnswers.Answer;
import static dev.syndicast.publishing.control.XAnswers.describe;

/**
 * X (API v2, OAuth 2.0 user token), after docs.x.com. A post with media is published in steps, one per call, its
 * state stored with the job between them (the same shape as Mastodon's: uploaded media ids and whether X finished
 * processing them, then the tweets of a thread): an image is one {@code POST /2/media/upload} (category
 * {@code tweet_image}); a video or GIF is uploaded in chunks streamed from the library
 * ({@code POST /2/media/upload/initialize} with its type, size and category {@code tweet_video}/{@code tweet_gif}, one
 * {@code .../{id}/append} per chunk with its {@code segment_index}, {@code .../{id}/finalize}). The initialize is a
 * step of its own; the appends and finalize then follow one another for up to {@code upload-step} a step (always at
 * least one call), each step storing the media id and the next segment index, so a large video never holds one step
 * for longer than that and a crash or a lost lease resumes from the stored index (see {@link #chunkedStep}). While the
 * media's {@code processing_info} is not {@code succeeded} the job comes back after X's {@code check_after_secs} to ask
 * {@code GET /2/media/upload?command=STATUS}; {@code failed} starts over. Uploads leave nothing visible (an unattached
 * upload expires), so a failed upload step is simply tried again.
 *
 * <p>{@code POST /2/tweets} has no idempotency key. After an unknown outcome the tweet is looked up among the user's
 * recent tweets ({@code GET /2/users/:id/tweets}) by its media ids, or by its text (links and entities normalized),
 * before anything is sent again; a resend X refuses as duplicate content is looked up once more rather than failed.
 * Thread parts follow as {@code reply.in_reply_to_tweet_id} chains, each stored before the next.
 *
 * <p>A 401 refreshes the account's token once through the token refresher and repeats the call (401 means X did not
 * act on it); refused again, or not refreshable, the token is refused. 429 waits until {@code x-rate-limit-reset}.
 */
@ApplicationScoped
public class XConnector implements Connector {

    /** X's name in the platform registry ("x" is its alias). */
    public static final String PLATFORM = "twitter";
    /** docs.x.com/x-api/users/get-posts: {@code max_results} is at most 100. */
    static final int LOOKUP_DEPTH = 100;
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.api-url", defaultValue = "https://api.x.com")
    String apiUrl;

    /** Where media uploads go; empty: the API URL. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.upload-url")
    Optional<String> uploadUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.upload-timeout", defaultValue = "PT5M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.chunk-size", defaultValue = "4194304")
    int chunkSize;

    /** How long one step goes on appending a chunked upload's segments (and finalizing it) before its progress is stored. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.upload-step", defaultValue = "PT30S")
    Duration uploadStep;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.processing-poll", defaultValue = "PT5S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.x.processing-deadline", defaultValue = "PT30M")
    Duration processingDeadline;

    /** Steps run off the worker's thread; a step never waits for X's processing, it comes back later. */
    @Inject
    PlatformCalls calls;

    /** The file is uploaded from the media library. */
    @Override
    public boolean uploadsFiles() {
        return true;
    }

    /** X accounts, except those connected through the sandbox. */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return (PLATFORM.equals(platform) || "x".equals(platform)) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        return calls.async(() -> publishNow(request));
    }

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        return calls.async(() -> checkNow(request));
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    PublishOutcome publishNow(PublishRequest request) {
        UploadSteps steps = UploadSteps.parse(request.platformState());
        List<String> texts = UploadSteps.texts(request);
        Session session = new Session(request);
        try {
            if (!steps.posted().isEmpty()) {
                return steps.posted().size() >= texts.size()
                        ? new PublishOutcome.Published(steps.posted().get(0).id(), steps.posted().get(0).url())
                        : createTweet(session, request, steps, texts);
            }
            Optional<String> refused = refusal(request);
            if (refused.isPresent()) {
                return new PublishOutcome.Permanent(refused.get());
            }
            if (steps.media().size() > request.media().size()) {
                return new PublishOutcome.StartOver("the post's media changed");
            }
            for (int i = 0; i < steps.media().size(); i++) {
                if (!steps.media().get(i).ready()) {
                    return poll(session, steps, i);
                }
            }
            if (steps.media().size() < request.media().size()) {
                return upload(session, request, steps);
            }
            return createTweet(session, request, steps, texts);
        } catch (Stop stop) {
            return stop.outcome;
        }
    }

    /** What X cannot take at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        long videos = request.media().stream().filter(XConnector::chunked).count();
        if (request.media().size() > 4) {
            // docs.x.com/x-api/posts/create-post: media.media_ids takes 1 to 4 ids.
            return Optional.of("X takes at most 4 media items; the post has " + request.media().size());
        }
        if (videos > 0 && request.media().size() > 1) {
            // docs.x.com/x-api/media/quickstart/best-practices: a tweet carries 4 images or 1 video or 1 GIF.
            return Optional.of("X takes one video or GIF alone, or up to 4 images; the post mixes " + request.media().size() + " items");
        }
        for (PublishMedia m : request.media()) {
            if (m.opener() == null) {
                return Optional.of("X needs the file itself: media " + m.reference()
                        + " is not an item of the media library (upload it to the library first)");
            }
        }
        if ((request.text() == null || request.text().isBlank()) && request.media().isEmpty()) {
            return Optional.of("A tweet needs text or media");
        }
        return Optional.empty();
    }

    /** Videos and GIFs go through the chunked upload; other images are one simple upload. */
    static boolean chunked(PublishMedia media) {
        String type = media.mimeType() == null ? "" : media.mimeType().toLowerCase(Locale.ROOT);
        return type.startsWith("video/") || type.equals("image/gif");
    }

    static String category(PublishMedia media) {
        String type = media.mimeType() == null ? "" : media.mimeType().toLowerCase(Locale.ROOT);
        return type.startsWith("video/") ? "tweet_video" : type.equals("image/gif") ? "tweet_gif" : "tweet_image";
    }

    private PublishOutcome upload(Session session, PublishRequest request, UploadSteps steps) throws Stop {
        int index = steps.media().size();
        PublishMedia media = request.media().get(index);
        String what = "the upload of media " + (index + 1);
        if (chunked(media)) {
            return chunkedStep(session, request, steps, media, what);
        }
        if (steps.chunked() != null) {
            return new PublishOutcome.StartOver("the post's media changed while media " + (index + 1) + " was being uploaded");
        }
        try (SeekableByteChannel channel = media.opener().open()) {
            JsonObject data = simpleUpload(session, media, channel, what);
            return uploaded(session, request, steps, media, XAnswers.text(data, "id"), data, what);
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): " + describe(e), null);
        }
    }

    /**
     * An upload X took (a simple upload's answer, or a chunked upload's finalize): its alt text, then its id joins the
     * stored media, with the processing still to wait for.
     */
    private PublishOutcome uploaded(Session session, PublishRequest request, UploadSteps steps, PublishMedia media, String id,
                                    JsonObject data, String what) throws IOException, Stop {
        int index = steps.media().size();
        if (id == null) {
            return new PublishOutcome.NotProcessed(what + ": X answered without a media id (nothing visible was created)", null);
        }
        XAnswers.Processing processing = XAnswers.processing(data);
        if (processing.failed()) {
            return new PublishOutcome.StartOver("X failed to process media " + (index + 1) + ": " + processing.error());
        }
        describeMedia(session, id, media, what);
        UploadSteps next = steps.uploaded(new UploadSteps.Upload(id, processing.done()), calls.now());
        return new PublishOutcome.InProgress(next.toJson(), processing.done() ? Duration.ZERO : after(processing),
                "Media " + (index + 1) + " of " + request.media().size() + " uploaded"
                        + (processing.done() ? "" : "; X is processing it"));
    }

    /**
     * docs.x.com/x-api/media/metadata-create: the item's alt text ({@code metadata.alt_text.text}, at most 1000
     * characters) on the uploaded media, before the tweet attaches it. A failure here fails the upload step, which is
     * then made again (nothing visible exists yet), so a tweet never goes out without the alt text it was given.
     */
    private void describeMedia(Session session, String id, PublishMedia media, String what) throws IOException, Stop {
        if (media.altText() == null || media.altText().isBlank()) {
            return;
        }
        String alt = media.altText().strip();
        String body = JSON.createObjectBuilder().add("id", id).add("metadata", JSON.createObjectBuilder()
                .add("alt_text", JSON.createObjectBuilder().add("text", alt.length() <= 1000 ? alt : alt.substring(0, 1000))))
                .build().toString();
        Answer answer = session.send(() -> HttpRequest.newBuilder(upload("2/media/metadata")).timeout(calls.requestTimeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), what);
        if (!answer.ok()) {
            throw new Stop(XAnswers.stepFailure(answer, calls.now(), what + " (its alt text)"));
        }
    }

    /** docs.x.com/x-api/media/upload-media: the file as {@code media} with its {@code media_category}. */
    private JsonObject simpleUpload(Session session, PublishMedia media, SeekableByteChannel channel, String what) throws IOException, Stop {
        MultipartBody body = MultipartBody.of(java.util.Map.of("media_category", category(media)), "media", fileName(media),
                type(media), channel);
        Answer answer = session.send(() -> HttpRequest.newBuilder(upload("2/media/upload")).timeout(uploadTimeout)
                .header("Content-Type", body.contentType()).POST(body.publisher()), what);
        return dataOf(answer, what);
    }

    /**
     * The next calls of a chunked upload (docs.x.com/x-api/media/quickstart/media-upload-chunked): initialize with
     * type, size and category, as a step of its own, so the media id is stored before any segment goes out; then the
     * appends, one after another in {@code segment_index} order, each chunk read from the library as it is sent, for up
     * to {@code upload-step} (always at least one call a step), then finalize. A step that runs out of time stores the
     * next segment index and the next step goes on from there; a large video never holds one step (and its dispatch
     * lease) for the whole file.
     *
     * <p>X takes a segment again: the same guide says uploads "can be paused and resumed" and failed chunks "can be
     * retried individually" (and the APPEND reference, developer.x.com/en/docs/media/upload-media/api-reference/post-media-upload-append,
     * that "file chunks can be retried individually"). So a step cut short by a crash or a lost lease is simply made
     * again from the stored index: what X already has of it is sent once more under the same indexes; an append that
     * failed for now (a dropped connection, a 5xx) is sent again, that one segment and no earlier one. Chunks are at
     * most {@code chunk-size} bytes (X takes up to 5 MB per append); the chunk size is stored with the upload, so a
     * changed setting does not cut a half-sent file differently.
     *
     * <p>An unfinalized upload expires: "The entire file must be uploaded before expires_after_secs seconds" (the INIT
     * reference, developer.x.com/en/docs/media/upload-media/api-reference/post-media-upload-init; the v2 initialize
     * answers {@code expires_after_secs} too), and a media id used after that is answered with a 4xx (the FINALIZE
     * reference). An upload past its expiry, or whose append or finalize X refuses, starts over from initialize as one
     * more attempt.
     */
    private PublishOutcome chunkedStep(Session session, PublishRequest request, UploadSteps steps, PublishMedia media, String what)
            throws Stop {
        int item = steps.media().size() + 1;
        UploadSteps.Chunked upload = steps.chunked();
        try (SeekableByteChannel channel = media.opener().open()) {
            long total = channel.size();
            if (upload == null) {
                return initialize(session, steps, media, total, what);
            }
            if (upload.bytes() != total) {
                return new PublishOutcome.StartOver("the file of media " + item + " is not the one whose upload X took ("
                        + total + " bytes, not " + upload.bytes() + ")");
            }
            if (upload.expired(calls.now())) {
                return new PublishOutcome.StartOver("X's upload of media " + item + " expired at " + upload.expires()
                        + " before all of it was appended and finalized");
            }
            long ends = System.nanoTime() + uploadStep.toNanos();
            UploadSteps.Chunked sent = upload;
            while (!sent.allAppended()) {
                if (sent != upload && System.nanoTime() - ends >= 0) {
                    return new PublishOutcome.InProgress(steps.withChunked(sent).toJson(), Duration.ZERO, appended(sent, item));
                }
                PublishOutcome failed = append(session, channel, sent, what);
                if (failed != null) {
                    return keepProgress(steps, upload, sent, failed);
                }
                sent = sent.appended();
            }
            if (sent != upload && System.nanoTime() - ends >= 0) {
                return new PublishOutcome.InProgress(steps.withChunked(sent).toJson(), Duration.ZERO, appended(sent, item));
            }
            try {
                return finalizeUpload(session, request, steps, media, sent, what);
            } catch (Stop stop) {
                return keepProgress(steps, upload, sent, stop.outcome);
            } catch (IOException e) {
                return keepProgress(steps, upload, sent, new PublishOutcome.NotProcessed(what + ": finalize failed"
                        + " (nothing visible was created): " + describe(e), null));
            }
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed(what + ": the file could not be read: " + describe(e), null);
        }
    }

    /** {@code POST /2/media/upload/initialize}: the media id, stored (with the chunk size and X's expiry) as a step. */
    private PublishOutcome initialize(Session session, UploadSteps steps, PublishMedia media, long total, String what)
            throws IOException, Stop {
        String init = JSON.createObjectBuilder().add("media_type", type(media)).add("total_bytes", total)
                .add("media_category", category(media)).build().toString();
        Answer started = session.send(() -> HttpRequest.newBuilder(upload("2/media/upload/initialize")).timeout(calls.requestTimeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(init)), what);
        JsonObject data = dataOf(started, what);
        String id = XAnswers.text(data, "id");
        if (id == null) {
            return new PublishOutcome.NotProcessed(what + ": X's initialize answer has no media id", null);
        }
        Instant now = calls.now();
        UploadSteps.Chunked upload = new UploadSteps.Chunked(id, 0, chunkSize, total,
                XAnswers.expiresAfter(data).map(now::plus).orElse(null));
        return new PublishOutcome.InProgress(steps.withChunked(upload).toJson(), Duration.ZERO,
                "X took the upload of media " + (steps.media().size() + 1) + ": " + upload.segments() + " segment(s) to append");
    }

    /**
     * {@code POST /2/media/upload/{id}/append} of the upload's next segment; null when X acknowledged it, else how the
     * step ends: a refusal starts over (the upload may have expired), anything else is for now.
     */
    private PublishOutcome append(Session session, SeekableByteChannel channel, UploadSteps.Chunked upload, String what) {
        String segment = what + ", segment " + upload.segment() + " of " + upload.segments();
        ChunkBody chunk = ChunkBody.of(upload.segment(), channel, upload.offset(), upload.length());
        try {
            Answer appended = session.send(() -> HttpRequest.newBuilder(upload("2/media/upload/" + encode(upload.id()) + "/append"))
                    .timeout(uploadTimeout).header("Content-Type", chunk.contentType()).POST(chunk.publisher()), segment);
            return appended.ok() ? null : refusedStartsOver(XAnswers.stepFailure(appended, calls.now(), segment), segment);
        } catch (Stop stop) {
            return stop.outcome;
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed(segment + " failed (nothing visible was created; it is sent again): "
                    + describe(e), null);
        }
    }

    /** {@code POST /2/media/upload/{id}/finalize}, once every segment was appended; then as any upload X took. */
    private PublishOutcome finalizeUpload(Session session, PublishRequest request, UploadSteps steps, PublishMedia media,
                                          UploadSteps.Chunked upload, String what) throws IOException, Stop {
        Answer finalized = session.send(() -> HttpRequest.newBuilder(upload("2/media/upload/" + encode(upload.id()) + "/finalize"))
                .timeout(calls.requestTimeout()).POST(HttpRequest.BodyPublishers.noBody()), what);
        if (!finalized.ok()) {
            return refusedStartsOver(XAnswers.stepFailure(finalized, calls.now(), what + " (finalize)"), what);
        }
        JsonObject data = finalized.data().orElseThrow(() -> new Stop(new PublishOutcome.NotProcessed(what
                + ": X's finalize answer could not be read (nothing visible was created)", null)));
        return uploaded(session, request, steps, media, upload.id(), data, what);
    }

    /**
     * X refusing an append or finalize to a media id it gave (a 4xx other than 401, 408 and 429): the id has expired or
     * X no longer takes the upload, so it starts over from initialize as one more attempt.
     */
    private static PublishOutcome refusedStartsOver(PublishOutcome failure, String what) {
        return failure instanceof PublishOutcome.Permanent p
                ? new PublishOutcome.StartOver(what + ": X refused it (the upload may have expired): " + p.reason()) : failure;
    }

    /**
     * A step of a chunked upload ended by a failure for now (not processed, a rate limit) after appending segments:
     * those are stored and the upload comes back after {@code processing-poll} (no attempt used up: it got further);
     * the next step meets the failure again as its first call and answers it as usual. A step that appended nothing
     * ends with the failure itself (an attempt; the stored progress stays).
     */
    private PublishOutcome keepProgress(UploadSteps steps, UploadSteps.Chunked before, UploadSteps.Chunked sent, PublishOutcome ended) {
        String reason = ended instanceof PublishOutcome.NotProcessed n ? n.reason()
                : ended instanceof PublishOutcome.RateLimited r ? r.reason() : null;
        return reason != null && sent != before
                ? new PublishOutcome.InProgress(steps.withChunked(sent).toJson(), processingPoll, reason) : ended;
    }

    private static String appended(UploadSteps.Chunked upload, int item) {
        return "Media " + item + ": " + upload.segment() + " of " + upload.segments() + " segment(s) appended";
    }

    /** {@code GET /2/media/upload?command=STATUS&media_id=…}: succeeded, still working, or failed (start over). */
    private PublishOutcome poll(Session session, UploadSteps steps, int index) throws Stop {
        String id = steps.media().get(index).id();
        Instant now = calls.now();
        if (steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
            return new PublishOutcome.StartOver("X did not finish processing media " + (index + 1) + " within " + processingDeadline);
        }
        String what = "the processing check of media " + (index + 1);
        Answer answer;
        try {
            answer = session.send(() -> HttpRequest.newBuilder(upload("2/media/upload?command=STATUS&media_id=" + encode(id)))
                    .timeout(calls.requestTimeout()).GET(), what);
        } catch (IOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, what + " failed: " + describe(e));
        }
        if (answer.status() == 404 || answer.status() == 400) {
            return new PublishOutcome.StartOver("media " + (index + 1) + " is no longer on X: " + XAnswers.problemOf(answer.body()));
        }
        if (!answer.ok()) {
            PublishOutcome failure = XAnswers.stepFailure(answer, now, what);
            return failure instanceof PublishOutcome.NotProcessed n && n.retryAfter() == null
                    ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failure;
        }
        Optional<JsonObject> data = answer.data();
        if (data.isEmpty()) {
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, what + ": X's answer could not be read");
        }
        XAnswers.Processing processing = XAnswers.processing(data.get());
        if (processing.failed()) {
            return new PublishOutcome.StartOver("X failed to process media " + (index + 1) + ": " + processing.error());
        }
        if (processing.done()) {
            return new PublishOutcome.InProgress(steps.processed(index).toJson(), Duration.ZERO, "X processed media " + (index + 1));
        }
        return new PublishOutcome.InProgress(steps.toJson(), after(processing), "X is still processing media " + (index + 1)
                + " (" + processing.state() + ")");
    }

    /** X's own {@code check_after_secs}, never sooner than the configured poll. */
    private Duration after(XAnswers.Processing processing) {
        return processing.checkAfter() != null && processing.checkAfter().compareTo(processingPoll) > 0
                ? processing.checkAfter() : processingPoll;
    }

    /**
     * The visible call: {@code POST /2/tweets} with the text, the media ids on the first tweet, and the tweet before
     * as {@code reply.in_reply_to_tweet_id} for a thread part.
     */
    private PublishOutcome createTweet(Session session, PublishRequest request, UploadSteps steps, List<String> texts) throws Stop {
        int index = steps.posted().size();
        String inReplyTo = index == 0 ? null : steps.posted().get(index - 1).id();
        String body = tweetBody(texts.get(index), index == 0 ? steps.mediaIds() : List.of(), inReplyTo,
                request.option("reply_settings").orElse(null));
        PublishOutcome outcome;
        try {
            Answer answer = session.send(() -> HttpRequest.newBuilder(api("2/tweets")).timeout(calls.requestTimeout())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "the tweet call");
            if (request.verifyFirst() && XAnswers.duplicateContent(answer)) {
                outcome = new PublishOutcome.Unknown("X refused the resend as duplicate content after an unknown outcome:"
                        + " the tweet most likely exists; it is looked up again");
            } else {
                outcome = XAnswers.tweetOutcome(answer, calls.now());
            }
        } catch (IOException e) {
            outcome = XAnswers.tweetException(e);
        }
        return steps.after(outcome, texts.size());
    }

    static String tweetBody(String text, List<String> mediaIds, String inReplyTo) {
        return tweetBody(text, mediaIds, inReplyTo, null);
    }

    /** The body of {@code POST /2/tweets}; {@code replySettings} is the target's {@code reply_settings} option, if any. */
    static String tweetBody(String text, List<String> mediaIds, String inReplyTo, String replySettings) {
        JsonObjectBuilder tweet = JSON.createObjectBuilder();
        if (text != null && !text.isBlank()) {
            tweet.add("text", text);
        }
        if (!mediaIds.isEmpty()) {
            JsonArrayBuilder ids = JSON.createArrayBuilder();
            mediaIds.forEach(ids::add);
            tweet.add("media", JSON.createObjectBuilder().add("media_ids", ids));
        }
        if (inReplyTo != null) {
            tweet.add("reply", JSON.createObjectBuilder().add("in_reply_to_tweet_id", inReplyTo));
        }
        if (replySettings != null) {
            tweet.add("reply_settings", replySettings);
        }
        return tweet.build().toString();
    }

    // ---- check: look the tweet up --------------------------------------------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        UploadSteps steps = UploadSteps.parse(request.platformState());
        Session session = new Session(request);
        try {
            Answer answer = session.send(() -> HttpRequest.newBuilder(api("2/users/" + encode(request.platformAccountId())
                    + "/tweets?max_results=" + LOOKUP_DEPTH + "&tweet.fields=attachments,referenced_tweets"))
                    .timeout(calls.requestTimeout()).GET(), "the lookup");
            return XAnswers.lookup(answer, UploadSteps.texts(request), steps);
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(String.valueOf(stop.outcome));
        } catch (IOException e) {
            return new CheckOutcome.CannotTell("the lookup failed: " + describe(e));
        }
    }

    // ---- delete -------------------------------------------------------------------------------------------------

    /** {@code DELETE /2/tweets/:id}: 200 with {@code deleted: true}. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            Answer answer = new Session(request).send(() -> HttpRequest.newBuilder(api("2/tweets/" + encode(externalId)))
                    .timeout(calls.requestTimeout()).DELETE(), "the delete");
            return answer.ok();
        } catch (Stop | IOException e) {
            return false;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------


    /** The calls of one step with the account's token; a 401 refreshes it once and repeats the call; a 429 ends the step. */
    private final class Session {
        private final TokenSession tokens;

        Session(PublishRequest request) {
            this.tokens = calls.session(request, TokenSession.Refusal.on401(refused ->
                    XAnswers.classify(answerOf(refused), calls.now(), "the call")));
        }

        Answer send(Supplier<HttpRequest.Builder> call, String what) throws IOException, Stop {
            Answer answer = answerOf(tokens.sendOrFail(call));
            if (answer.status() == 429) {
                throw new Stop(XAnswers.classify(answer, calls.now(), what));
            }
            return answer;
        }

        private static Answer answerOf(HttpAnswer answer) {
            return new Answer(answer.status(), answer.body(), answer.header("x-rate-limit-reset"));
        }
    }

    private JsonObject dataOf(Answer answer, String what) throws Stop {
        if (!answer.ok()) {
            throw new Stop(XAnswers.stepFailure(answer, calls.now(), what));
        }
        return answer.data().orElseThrow(() -> new Stop(new PublishOutcome.NotProcessed(what
                + ": X's answer could not be read (nothing visible was created)", null)));
    }

    private URI api(String path) {
        return URI.create(withSlash(apiUrl)).resolve(path);
    }

    private URI upload(String path) {
        String base = uploadUrl == null ? apiUrl : uploadUrl.filter(u -> !u.isBlank()).map(String::strip).orElse(apiUrl);
        return URI.create(withSlash(base)).resolve(path);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String type(PublishMedia media) {
        return media.mimeType() == null ? "application/octet-stream" : media.mimeType();
    }

    private static String fileName(PublishMedia media) {
        return (media.fileName() == null ? media.reference() : media.fileName()).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * One append: {@code segment_index} and the chunk as {@code media}, the chunk's bytes read from the library file at
     * its offset while the request is sent (never the file, nor the chunk, held whole; see {@link ChannelRange}).
     */
    record ChunkBody(String boundary, byte[] head, byte[] tail, SeekableByteChannel channel, long offset, long length) {

        static ChunkBody of(int segment, SeekableByteChannel channel, long offset, long length) {
            String boundary = "syndicast-" + UUID.randomUUID();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"segment_index\"\r\n\r\n" + segment + "\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"chunk" + segment + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            return new ChunkBody(boundary, head.getBytes(StandardCharsets.UTF_8), tail, channel, offset, length);
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher publisher() {
            HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                    ChannelRange.publisher(channel, offset, length), HttpRequest.BodyPublishers.ofByteArray(tail));
            return HttpRequest.BodyPublishers.fromPublisher(parts, head.length + length + tail.length);
        }
    }
}
