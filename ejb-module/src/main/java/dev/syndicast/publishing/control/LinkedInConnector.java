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
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Publishes to LinkedIn through the versioned Posts API
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api), as the connected member
 * ({@code urn:li:person:<id>}) or organization ({@code urn:li:organization:<id>}) whose id the account stores. Every call
 * carries {@code LinkedIn-Version} ({@code syndicast.platforms.linkedin.version}) and
 * {@code X-Restli-Protocol-Version: 2.0.0}.
 *
 * <p>Steps, one per call, each stored in the job before the next (see {@link PublishOutcome.InProgress}): an image is
 * registered ({@code POST /rest/images?action=initializeUpload}) and its bytes streamed to the upload URL; a video is
 * registered ({@code POST /rest/videos?action=initializeUpload} with its size), each byte range LinkedIn names is
 * streamed to its own upload URL and its {@code ETag} kept, the upload is finalized with the ETags, and
 * {@code GET /rest/videos/{urn}} is asked until the video is {@code AVAILABLE} ({@code PROCESSING_FAILED} starts
 * over). The registration is a step of its own, stored before any part goes out; the parts and finalize then follow
 * one another within one step for up to {@code upload-step} (always at least one call), then the ETags so far are
 * stored and the next step goes on from there: a restart resends at most one step's parts to the same registered
 * video, and a large video does not wait for the dispatcher between its parts. None of this is visible. Then
 * {@code POST /rest/posts} creates the post;
 * its URN comes back in {@code x-restli-id}.
 *
 * <p>LinkedIn takes no idempotency key, so a post call whose outcome is unknown (5xx, a timeout or broken connection
 * after sending) is never repeated blindly: {@code check} looks for it among the author's latest posts
 * ({@code GET /rest/posts?q=author}) by the media URNs it carries or, text only, by its commentary. LinkedIn has no
 * threads; the post validator refuses thread parts for it. A 401 refreshes the token once through the accounts
 * capability; refused again (or not refreshable: LinkedIn gives refresh tokens only to some apps), the account must be
 * reconnected.
 */
@ApplicationScoped
public class LinkedInConnector implements Connector {

    public static final String PLATFORM = "linkedin";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Posts API, "Find posts by authors": count is at most 100; the post in doubt is among the newest. */
    static final int LOOKUP_DEPTH = 20;
    /** Video parts on their way at once: the next part's bytes go out while the answer to the one before comes back. */
    static final int PARTS_IN_FLIGHT = 2;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.api-url", defaultValue = "https://api.linkedin.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.version", defaultValue = "202605")
    String version;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    /** How long one step goes on uploading a video (registration, parts, finalize) before its progress is stored. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.upload-step", defaultValue = "PT30S")
    Duration uploadStep;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.processing-poll", defaultValue = "PT10S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.linkedin.processing-deadline", defaultValue = "PT1H")
    Duration processingDeadline;

    @Inject
    PlatformCalls calls;

    /** The file is uploaded from the media library. */
    @Override
    public boolean uploadsFiles() {
        return true;
    }

    /** LinkedIn accounts, except those connected through the sandbox. */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        return calls.publishing(() -> publishNow(request));
    }

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        return calls.async(() -> {
            LinkedInSteps steps = LinkedInSteps.parse(request.platformState());
            try {
                Session session = new Session(request);
                HttpAnswer answer = session.send(request("rest/posts?author=" + encode(author(request.platformAccountId()))
                        + "&q=author&count=" + LOOKUP_DEPTH + "&sortBy=LAST_MODIFIED").GET(), calls.requestTimeout());
                return LinkedInAnswers.lookup(answer.status(), answer.body(), LinkedInText.escape(request.text()), steps.media());
            } catch (Stop stop) {
                return new CheckOutcome.CannotTell(stop.outcome.toString());
            } catch (IOException e) {
                return new CheckOutcome.CannotTell(LinkedInAnswers.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CheckOutcome.CannotTell("interrupted");
            }
        });
    }

    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            HttpAnswer answer = new Session(request).send(request("rest/posts/" + encode(externalId)).DELETE(), calls.requestTimeout());
            return answer.status() == 204 || answer.status() == 200;
        } catch (Stop | IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    private PublishOutcome publishNow(PublishRequest request) throws Stop, InterruptedException {
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        LinkedInSteps steps = LinkedInSteps.parse(request.platformState());
        if (steps.media().size() > request.media().size()) {
            return new PublishOutcome.StartOver("the post's media changed");
        }
        Instant now = calls.now();
        if (steps.since() != null && steps.media().size() < request.media().size()
                && now.isAfter(steps.since().plus(processingDeadline))) {
            return new PublishOutcome.StartOver("LinkedIn did not take the media within " + processingDeadline);
        }
        Session session = new Session(request);
        if (steps.media().size() < request.media().size()) {
            PublishMedia next = request.media().get(steps.media().size());
            return isVideo(next) ? videoStep(session, request, steps, next) : image(session, request, steps, next);
        }
        return createPost(session, request, steps);
    }

    /** What LinkedIn cannot take at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (!request.threadParts().isEmpty()) {
            return Optional.of("LinkedIn has no threads: a post with thread parts cannot be published there");
        }
        long videos = request.media().stream().filter(LinkedInConnector::isVideo).count();
        if (videos > 0 && request.media().size() > 1) {
            // Posts API: content.media holds one video; content.multiImage holds images only.
            return Optional.of("A LinkedIn post carries one video alone or 1 to 20 images, not both");
        }
        if (request.media().size() > 20) {
            return Optional.of("A LinkedIn post carries at most 20 images (multiImage); the post has " + request.media().size());
        }
        for (PublishMedia m : request.media()) {
            if (m.opener() == null) {
                return Optional.of("LinkedIn needs the file itself: media " + m.reference()
                        + " is not an item of the media library (upload it to the library first)");
            }
        }
        if ((request.text() == null || request.text().isBlank()) && request.media().isEmpty()) {
            return Optional.of("A LinkedIn post needs text or media");
        }
        return Optional.empty();
    }

    static boolean isVideo(PublishMedia media) {
        return media.mimeType() != null && media.mimeType().startsWith("video/");
    }

    /** The author URN: a stored URN as it is, a bare member id as {@code urn:li:person:<id>} (OpenID {@code sub}). */
    static String author(String platformAccountId) {
        return platformAccountId.startsWith("urn:li:") ? platformAccountId : "urn:li:person:" + platformAccountId;
    }

    /** Images API: initializeUpload (owner) gives an upload URL and the image URN; the bytes are PUT there. */
    private PublishOutcome image(Session session, PublishRequest request, LinkedInSteps steps, PublishMedia media)
            throws Stop, InterruptedException {
        int index = steps.media().size() + 1;
        String what = "The upload of image " + index;
        String body = JSON.createObjectBuilder().add("initializeUploadRequest", JSON.createObjectBuilder()
                .add("owner", author(request.platformAccountId()))).build().toString();
        try {
            HttpAnswer init = session.send(json(request("rest/images?action=initializeUpload"), body), calls.requestTimeout());
            if (init.status() != 200) {
                return stepFailure(init, what);
            }
            JsonObject value = LinkedInAnswers.readObject(init.body()).map(o -> o.getJsonObject("value")).orElse(null);
            if (value == null || !value.containsKey("uploadUrl") || !value.containsKey("image")) {
                return new PublishOutcome.NotProcessed(what + ": LinkedIn's answer had no upload URL", null);
            }
            try (SeekableByteChannel channel = media.opener().open()) {
                HttpAnswer put = session.upload(value.getString("uploadUrl"), channel, 0, channel.size(), media.mimeType());
                if (put.status() / 100 != 2) {
                    return stepFailure(put, what);
                }
            }
            LinkedInSteps done = steps.uploaded(value.getString("image"), calls.now());
            return new PublishOutcome.InProgress(done.toJson(), Duration.ZERO, "Image " + index + " of "
                    + request.media().size() + " uploaded");
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed(what + " failed (nothing visible was created): "
                    + LinkedInAnswers.describe(e), null);
        }
    }

    /**
     * The next calls of a video: its registration as a step of its own (stored before any part goes out); then, one
     * after another for up to {@code upload-step}, its parts and finalize (at least one call each step); or, once
     * finalized, one question whether it is AVAILABLE. The step ends with what it achieved stored, also when a call
     * fails: parts already sent are not sent again. A crash in the middle of a step loses only that step's part ETags:
     * those parts are sent again to the same registered video.
     */
    private PublishOutcome videoStep(Session session, PublishRequest request, LinkedInSteps steps, PublishMedia media)
            throws Stop, InterruptedException {
        long ends = System.nanoTime() + uploadStep.toNanos();
        LinkedInSteps current = steps;
        while (true) {
            LinkedInSteps.Video video = current.video();
            VideoCall call;
            try {
                if (video == null) {
                    call = initializeVideo(session, request, current, media);
                } else if (!video.allSent()) {
                    call = sendParts(session, current, video, media, ends);
                } else if (!video.finalized()) {
                    call = finalizeVideo(session, current, video);
                } else {
                    return pollVideo(session, request, current, video);
                }
            } catch (IOException e) {
                String reason = "The video upload step failed (nothing visible was created): " + LinkedInAnswers.describe(e);
                return video != null ? new PublishOutcome.InProgress(current.toJson(), processingPoll, reason)
                        : new PublishOutcome.NotProcessed(reason, null);
            }
            if (call.ended() != null) {
                // A call not processed after this step sent parts: the parts are kept and the call made again later.
                return call.ended() instanceof PublishOutcome.NotProcessed n && current != steps
                        ? new PublishOutcome.InProgress(current.toJson(), processingPoll, n.reason()) : call.ended();
            }
            current = call.next();
            if (video == null || System.nanoTime() - ends >= 0) {
                // The registration is stored before any part goes out: after a crash the same video is resumed, never
                // registered again.
                return new PublishOutcome.InProgress(current.toJson(), Duration.ZERO, call.note());
            }
        }
    }

    /** One call of a video upload: the state to go on from at once (with what it did), or the outcome ending the step. */
    private record VideoCall(LinkedInSteps next, String note, PublishOutcome ended) {
        static VideoCall goOn(LinkedInSteps next, String note) {
            return new VideoCall(next, note, null);
        }

        static VideoCall end(PublishOutcome outcome) {
            return new VideoCall(null, null, outcome);
        }
    }

    private VideoCall initializeVideo(Session session, PublishRequest request, LinkedInSteps steps, PublishMedia media)
            throws Stop, IOException, InterruptedException {
        long size = media.size();
        if (size <= 0) {
            try (SeekableByteChannel channel = media.opener().open()) {
                size = channel.size();
            }
        }
        String body = JSON.createObjectBuilder().add("initializeUploadRequest", JSON.createObjectBuilder()
                .add("owner", author(request.platformAccountId())).add("fileSizeBytes", size)
                .add("uploadCaptions", false).add("uploadThumbnail", false)).build().toString();
        HttpAnswer init = session.send(json(request("rest/videos?action=initializeUpload"), body), calls.requestTimeout());
        if (init.status() != 200) {
            return VideoCall.end(stepFailure(init, "The video registration"));
        }
        Optional<LinkedInSteps.Video> video = LinkedInAnswers.readObject(init.body()).map(o -> o.getJsonObject("value"))
                .map(LinkedInConnector::videoOf);
        if (video.isEmpty()) {
            return VideoCall.end(new PublishOutcome.NotProcessed("LinkedIn's video registration answer could not be read", null));
        }
        return VideoCall.goOn(steps.withVideo(video.get(), calls.now()),
                "Video registered: " + video.get().parts().size() + " part(s) to upload");
    }

    /** Videos API, initializeUpload's answer: {@code video}, {@code uploadToken}, {@code uploadInstructions}. */
    static LinkedInSteps.Video videoOf(JsonObject value) {
        try {
            List<LinkedInSteps.Part> parts = new ArrayList<>();
            for (var v : value.getJsonArray("uploadInstructions")) {
                JsonObject p = v.asJsonObject();
                parts.add(new LinkedInSteps.Part(p.getString("uploadUrl"), p.getJsonNumber("firstByte").longValue(),
                        p.getJsonNumber("lastByte").longValue()));
            }
            return parts.isEmpty() ? null
                    : new LinkedInSteps.Video(value.getString("video"), value.getString("uploadToken", ""), parts, List.of(), false);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The parts not sent yet, in order, {@value #PARTS_IN_FLIGHT} at a time (while one part's answer comes back the next
     * part's bytes already go out; the parts are separate uploads to URLs of their own), starting no new part once the
     * step's time is up. The ETags are kept in part order: a part that fails keeps the parts before it, and parts after
     * it that went through are simply sent again with it later.
     */
    private VideoCall sendParts(Session session, LinkedInSteps steps, LinkedInSteps.Video video, PublishMedia media, long ends)
            throws Stop, IOException, InterruptedException {
        Deque<Sending> window = new ArrayDeque<>();
        LinkedInSteps.Video sent = video;
        int next = video.etags().size();
        try {
            while (true) {
                while (window.size() < PARTS_IN_FLIGHT && next < video.parts().size()
                        && (window.isEmpty() && sent == video || System.nanoTime() - ends < 0)) {
                    window.add(new Sending(next, session.uploadAsync(video.parts().get(next), media)));
                    next++;
                }
                if (window.isEmpty()) {
                    break;
                }
                Sending head = window.poll();
                LinkedInSteps.Part part = video.parts().get(head.index());
                String what = "The upload of video part " + (head.index() + 1) + " of " + video.parts().size();
                HttpAnswer put = head.answer();
                if (put.status() == 401) {
                    // The token: this part again, alone, through the refresh (or the step ends without its token).
                    try (SeekableByteChannel channel = media.opener().open()) {
                        put = session.upload(part.url(), channel, part.first(), part.length(), "application/octet-stream");
                    }
                }
                LinkedInSteps sentSoFar = steps.withVideo(sent, calls.now());
                if (put.status() / 100 != 2) {
                    PublishOutcome failed = stepFailure(put, what);
                    return VideoCall.end(failed instanceof PublishOutcome.NotProcessed n
                            ? new PublishOutcome.InProgress(sentSoFar.toJson(), processingPoll, n.reason()) : failed);
                }
                String etag = put.header("ETag").map(String::strip).orElse(null);
                if (etag == null) {
                    return VideoCall.end(new PublishOutcome.InProgress(sentSoFar.toJson(), processingPoll,
                            what + ": LinkedIn sent no ETag; sending it again"));
                }
                sent = sent.sent(etag);
            }
        } catch (IOException e) {
            if (sent == video) {
                throw e;
            }
            return VideoCall.end(new PublishOutcome.InProgress(steps.withVideo(sent, calls.now()).toJson(), processingPoll,
                    "The upload of video part " + (sent.etags().size() + 1) + " failed (nothing visible was created): "
                            + LinkedInAnswers.describe(e)));
        } finally {
            for (Sending rest : window) {
                rest.await();
            }
        }
        return VideoCall.goOn(steps.withVideo(sent, calls.now()),
                "Video part " + sent.etags().size() + " of " + video.parts().size() + " uploaded");
    }

    /** A part on its way: its index and the answer to come. */
    private record Sending(int index, CompletableFuture<HttpAnswer> pending) {
        HttpAnswer answer() throws IOException, InterruptedException {
            try {
                return pending.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }

        /** Waits for a part whose answer no longer matters (the step ends): nothing is left running behind it. */
        void await() throws InterruptedException {
            try {
                pending.get();
            } catch (ExecutionException ignored) {
                // the step already ended for another reason
            }
        }
    }

    private VideoCall finalizeVideo(Session session, LinkedInSteps steps, LinkedInSteps.Video video)
            throws Stop, IOException, InterruptedException {
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        video.etags().forEach(ids::add);
        String body = JSON.createObjectBuilder().add("finalizeUploadRequest", JSON.createObjectBuilder()
                .add("video", video.urn()).add("uploadToken", video.token()).add("uploadedPartIds", ids)).build().toString();
        HttpAnswer answer = session.send(json(request("rest/videos?action=finalizeUpload"), body), calls.requestTimeout());
        if (answer.status() / 100 != 2) {
            if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 401 && answer.status() != 429
                    && answer.status() != 408) {
                return VideoCall.end(new PublishOutcome.StartOver("LinkedIn refused to finalize the video upload: "
                        + LinkedInAnswers.messageOf(answer.body())));
            }
            return VideoCall.end(stepFailure(answer, "The video finalization"));
        }
        return VideoCall.end(new PublishOutcome.InProgress(steps.withVideo(video.finished(), calls.now()).toJson(),
                processingPoll, "Video uploaded; LinkedIn is processing it"));
    }

    /** Videos API, "Get a video": status WAITING_UPLOAD, PROCESSING, AVAILABLE or PROCESSING_FAILED. */
    private PublishOutcome pollVideo(Session session, PublishRequest request, LinkedInSteps steps, LinkedInSteps.Video video)
            throws Stop, IOException, InterruptedException {
        HttpAnswer answer = session.send(request("rest/videos/" + encode(video.urn())).GET(), calls.requestTimeout());
        if (answer.status() == 404) {
            return new PublishOutcome.StartOver("the video is no longer on LinkedIn");
        }
        if (answer.status() != 200) {
            PublishOutcome failed = stepFailure(answer, "The video processing check");
            return failed instanceof PublishOutcome.NotProcessed n
                    ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failed;
        }
        String status = LinkedInAnswers.readObject(answer.body()).map(o -> o.getString("status", "")).orElse("");
        return switch (status) {
            case "AVAILABLE" -> new PublishOutcome.InProgress(steps.uploaded(video.urn(), calls.now()).toJson(), Duration.ZERO,
                    "LinkedIn processed the video");
            case "PROCESSING_FAILED" -> new PublishOutcome.StartOver("LinkedIn failed to process the video");
            default -> new PublishOutcome.InProgress(steps.toJson(), processingPoll, "LinkedIn is processing the video ("
                    + (status.isEmpty() ? "no status yet" : status) + ")");
        };
    }

    /** The visible call: {@code POST /rest/posts}; its outcome follows the exactly-once rule. */
    private PublishOutcome createPost(Session session, PublishRequest request, LinkedInSteps steps) throws Stop, InterruptedException {
        String body = postBody(request, steps.media()).toString();
        try {
            HttpAnswer answer = session.send(json(request("rest/posts"), body), calls.requestTimeout());
            if (answer.status() == 201 || answer.status() == 200) {
                Optional<String> id = LinkedInAnswers.postId(answer.headers());
                return id.<PublishOutcome>map(urn -> new PublishOutcome.Published(urn, LinkedInAnswers.postUrl(urn)))
                        .orElseGet(() -> new PublishOutcome.Unknown("LinkedIn created the post without naming it (no x-restli-id)"));
            }
            return LinkedInAnswers.classify(answer.status(), answer.body(), answer.header("Retry-After"), calls.now(), "The post call");
        } catch (IOException e) {
            return LinkedInAnswers.postException(e);
        }
    }

    /**
     * Posts API, "Create a post": the author, the escaped commentary, the target's visibility option (default PUBLIC)
     * on the main feed, published,
     * and the media: one image or video as {@code content.media}, several images as {@code content.multiImage}.
     */
    static JsonObject postBody(PublishRequest request, List<String> mediaUrns) {
        JsonObjectBuilder post = JSON.createObjectBuilder()
                .add("author", author(request.platformAccountId()))
                .add("commentary", LinkedInText.escape(request.text() == null ? "" : request.text()))
                .add("visibility", request.option("visibility").orElse("PUBLIC"))
                .add("distribution", JSON.createObjectBuilder().add("feedDistribution", "MAIN_FEED")
                        .add("targetEntities", JSON.createArrayBuilder()).add("thirdPartyDistributionChannels", JSON.createArrayBuilder()))
                .add("lifecycleState", "PUBLISHED")
                .add("isReshareDisabledByAuthor", false);
        if (mediaUrns.size() == 1) {
            JsonObjectBuilder media = JSON.createObjectBuilder().add("id", mediaUrns.get(0));
            PublishMedia item = request.media().get(0);
            if (isVideo(item)) {
                if (request.title() != null && !request.title().isBlank()) {
                    media.add("title", request.title());
                }
            } else if (item.altText() != null && !item.altText().isBlank()) {
                media.add("altText", item.altText());
            }
            post.add("content", JSON.createObjectBuilder().add("media", media));
        } else if (mediaUrns.size() > 1) {
            JsonArrayBuilder images = JSON.createArrayBuilder();
            for (int i = 0; i < mediaUrns.size(); i++) {
                JsonObjectBuilder image = JSON.createObjectBuilder().add("id", mediaUrns.get(i));
                String alt = request.media().get(i).altText();
                if (alt != null && !alt.isBlank()) {
                    image.add("altText", alt);
                }
                images.add(image);
            }
            post.add("content", JSON.createObjectBuilder().add("multiImage", JSON.createObjectBuilder().add("images", images)));
        }
        return post.build();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private PublishOutcome stepFailure(HttpAnswer answer, String what) {
        return LinkedInAnswers.stepFailure(answer.status(), answer.body(), answer.header("Retry-After"), calls.now(), what);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/").resolve(path))
                .header("LinkedIn-Version", version)
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String body) {
        return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The account's calls with its token; a refused token is refreshed once. */
    private final class Session {
        private final TokenSession tokens;

        Session(PublishRequest request) {
            this.tokens = calls.session(request, TokenSession.Refusal.on401(refused ->
                    LinkedInAnswers.classify(401, refused.body(), Optional.empty(), calls.now(), "The call")));
        }

        HttpAnswer send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException, Stop {
            return tokens.send(() -> request.copy().timeout(timeout));
        }

        /**
         * A PUT of {@code length} bytes of the channel from {@code first}, streamed (see {@link ChannelRange}). The
         * upload URLs take the token too; a 401 there is the token, and the range is read again from the start.
         */
        HttpAnswer upload(String url, SeekableByteChannel channel, long first, long length, String type)
                throws IOException, InterruptedException, Stop {
            return tokens.send(() -> HttpRequest.newBuilder(URI.create(url)).timeout(uploadTimeout)
                    .header("Content-Type", type == null ? "application/octet-stream" : type)
                    .PUT(ChannelRange.publisher(channel, first, length)));
        }

        /**
         * A PUT of one video part without waiting for its answer; the part's own channel is opened for it and closed
         * when the answer is in. A 401 comes back as an answer: the caller sends the part again through
         * {@link #upload}, which refreshes the token.
         */
        CompletableFuture<HttpAnswer> uploadAsync(LinkedInSteps.Part part, PublishMedia media) throws IOException {
            SeekableByteChannel channel = media.opener().open();
            HttpRequest put = HttpRequest.newBuilder(URI.create(part.url())).timeout(uploadTimeout)
                    .header("Content-Type", "application/octet-stream").header("Authorization", tokens.authorization())
                    .PUT(ChannelRange.publisher(channel, part.first(), part.length())).build();
            return calls.http().sendAsync(put, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                try {
                    channel.close();
                } catch (IOException closing) {
                    // a read-only channel: nothing was left unwritten
                }
                if (failure != null) {
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }
                return HttpAnswer.of(response);
            });
        }
    }
}
