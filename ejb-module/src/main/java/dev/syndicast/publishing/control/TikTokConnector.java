package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static dev.syndicast.publishing.control.TikTokAnswers.PUBLIC;

/**
 * Publishes to TikTok through the Content Posting API's Direct Post (developers.tiktok.com/doc/content-posting-api-
 * reference-direct-post), one step per call, each stored in the job before the next:
 * <ol>
 *     <li>{@code POST /v2/post/publish/creator_info/query/}: the account's privacy levels, whether it turned comments,
 *     duets or stitches off, and its longest video. The post is checked against them (the target's
 *     {@code privacy_level} must be offered; without one PUBLIC_TO_EVERYONE if offered, else the first; a video longer
 *     than the account may post is refused, saying so).</li>
 *     <li>A video: {@code POST /v2/post/publish/video/init/} with {@code post_info} and {@code source_info}
 *     FILE_UPLOAD (size and chunk plan, {@link TikTokChunkPlan}); {@code publish_id} and {@code upload_url} are stored
 *     before any byte is sent. Then the chunks are PUT to the upload URL ({@code Content-Type: video/mp4},
 *     {@code Content-Range: bytes a-b/N}), streamed from the library file, one after another within a step of up to
 *     {@code upload-step}; the chunks TikTok acknowledged (206; 201 for the last) are stored when the step ends. With {@code syndicast.platforms.tiktok.pull-from-url} (the deployment's domain is verified
 *     with TikTok) the video is PULL_FROM_URL instead, handed over as a signed public URL. Photos
 *     ({@code POST /v2/post/publish/content/init/}, media_type PHOTO) are always pulled by URL.</li>
 *     <li>{@code POST /v2/post/publish/status/fetch/} until PUBLISH_COMPLETE (the post id, once moderation let a public
 *     post through, gives its page {@code https://www.tiktok.com/@user/video/id}) or FAILED (its fail_reason kept).</li>
 * </ol>
 *
 * <p>Exactly once, with {@code publish_id} as the anchor. TikTok has no lookup by any key of ours, so an init must
 * never be repeated once it may publish: an init of a <b>file upload</b> whose answer was lost creates at most an
 * upload slot, which publishes nothing without its bytes ("201 Created: All parts are uploaded. TikTok will start the
 * posting process", Media Transfer Guide; "The upload_url is valid for one hour after issuance. The upload must be
 * completed in this time range", direct post), so it is simply made again. A chunk whose answer was lost (a broken
 * connection, a 5xx, after which TikTok says to send the chunk again) is resolved by asking {@code status/fetch} how
 * many bytes TikTok has ({@code uploaded_bytes}); re-sending a chunk to the same upload URL can never make a second
 * post. Once every byte may be with TikTok the job only asks about the stored {@code publish_id}; it starts over (a
 * new init) only while the upload is provably incomplete (the URL expired, the task is gone, TikTok refused a chunk)
 * or the post FAILED for a reason TikTok calls retryable. An init that <b>pulls by URL</b> publishes by itself: its
 * lost answer is an unknown outcome that cannot be looked up (no publish_id), and the job waits, asking, rather than
 * post twice (docs/platforms/tiktok.md).
 */
@ApplicationScoped
public class TikTokConnector implements Connector {

    public static final String PLATFORM = "tiktok";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Direct post: "The upload_url is valid for one hour after issuance." */
    static final Duration UPLOAD_URL_TTL = Duration.ofHours(1);
    /** Media transfer guide: a pull "times out one hour after the download task is initiated"; the URL outlives it. */
    static final Duration MEDIA_URL_TTL = Duration.ofHours(3);
    /** Photo post: photo_images holds "up to 35 photo content URLs". */
    static final int MAX_PHOTOS = 35;
    /** Direct post, "Send Video to TikTok Servers": Content-Type is one of these. */
    static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime", "video/webm");
    /** Media transfer guide, "Image restrictions": WebP and JPEG. */
    static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/webp");

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.api-url", defaultValue = "https://open.tiktokapis.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.chunk-size", defaultValue = "33554432")
    long chunkSize;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.upload-step", defaultValue = "PT30S")
    Duration uploadStep;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.processing-poll", defaultValue = "PT10S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.publish-deadline", defaultValue = "PT2H")
    Duration publishDeadline;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.rate-limit-wait", defaultValue = "PT1M")
    Duration rateLimitWait;

    /**
     * A used-up quota (the creator's daily cap of API posts, the app's daily active users) frees by itself some time
     * within a day: the post is asked for again after this, without spending an attempt.
     */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.quota-wait", defaultValue = "PT1H")
    Duration quotaWait;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.tiktok.pull-from-url", defaultValue = "false")
    boolean pullFromUrl;

    @Inject
    PublicMediaUrls publicUrls;

    @Inject
    PlatformCalls calls;

    /** TikTok accounts, except those connected through the sandbox. */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        return calls.publishing(() -> publishNow(request));
    }

    /** The Content Posting API has no call that deletes a post. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        return false;
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    private PublishOutcome publishNow(PublishRequest request) throws Stop, InterruptedException {
        TikTokSteps steps = TikTokSteps.parse(request.platformState());
        Session session = new Session(request);
        if (!steps.started()) {
            return begin(session, request);
        }
        if (steps.sent() == null && steps.upload() != null) {
            return steps.upload().uncertain() ? resolveUpload(session, steps) : sendChunks(session, request, steps);
        }
        return poll(session, steps);
    }

    /** What TikTok cannot take at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request, boolean publicUrls, boolean pullFromUrl) {
        List<PublishMedia> media = request.media();
        if (media.isEmpty()) {
            return Optional.of("A TikTok post needs a video or photos (TikTok has no text-only posts)");
        }
        if (!request.threadParts().isEmpty()) {
            return Optional.of("TikTok has no threads: a post with thread parts cannot be published there");
        }
        long videos = media.stream().filter(TikTokConnector::isVideo).count();
        if (videos > 0 && media.size() > 1) {
            return Optional.of("A TikTok post is one video, or 1 to " + MAX_PHOTOS + " photos, not several videos or both");
        }
        if (videos == 1) {
            PublishMedia video = media.get(0);
            if (video.mimeType() != null && !VIDEO_TYPES.contains(video.mimeType().toLowerCase(Locale.ROOT))) {
                return Optional.of("TikTok takes MP4, WebM or MOV videos, not " + video.mimeType());
            }
            if (video.opener() == null && !pullFromUrl) {
                return Optional.of("TikTok takes the video as a file: media " + video.reference() + " is not an item of the"
                        + " media library (upload it to the library first)");
            }
            if (video.opener() != null && pullFromUrl && !publicUrls) {
                return Optional.of("syndicast.platforms.tiktok.pull-from-url hands TikTok the video by URL: set"
                        + " syndicast.public-url (the externally reachable base of this installation, verified with TikTok)");
            }
            return Optional.empty();
        }
        if (media.size() > MAX_PHOTOS) {
            return Optional.of("A TikTok photo post takes at most " + MAX_PHOTOS + " photos; the post has " + media.size());
        }
        Optional<Long> cover = number(request, "photo_cover_index");
        if (cover.isPresent() && cover.get() >= media.size()) {
            return Optional.of("photo_cover_index " + cover.get() + " names no photo of the post (it has " + media.size()
                    + ", counted from 0)");
        }
        for (PublishMedia photo : media) {
            if (photo.mimeType() != null && !PHOTO_TYPES.contains(photo.mimeType().toLowerCase(Locale.ROOT))) {
                return Optional.of("TikTok photo posts take JPEG or WebP photos, not " + photo.mimeType());
            }
            if (photo.opener() != null && !publicUrls) {
                return Optional.of("TikTok fetches photos by URL: set syndicast.public-url (the externally reachable base"
                        + " of this installation, verified with TikTok) so library photos can be handed over");
            }
        }
        return Optional.empty();
    }

    static boolean isVideo(PublishMedia media) {
        return media.mimeType() != null && media.mimeType().toLowerCase(Locale.ROOT).startsWith("video/");
    }

    static boolean isPhotoPost(PublishRequest request) {
        return !request.media().isEmpty() && request.media().stream().noneMatch(TikTokConnector::isVideo);
    }

    /** Whether the post's init makes TikTok fetch the media by URL (and so may publish on its own). */
    boolean pulls(PublishRequest request) {
        return isPhotoPost(request) || pullFromUrl;
    }

    /** creator_info, the checks against it, then the init; its publish id is stored before anything else. */
    private PublishOutcome begin(Session session, PublishRequest request) throws Stop, InterruptedException {
        Optional<String> refused = refusal(request, publicUrls != null && publicUrls.available(), pullFromUrl);
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        TikTokAnswers.CreatorInfo creator;
        try {
            HttpAnswer info = session.post("v2/post/publish/creator_info/query/", null, calls.requestTimeout());
            if (!TikTokAnswers.succeeded(info.status(), info.body())) {
                return failure(info, "the creator_info query", false);
            }
            Optional<TikTokAnswers.CreatorInfo> read = TikTokAnswers.creatorInfo(info.body());
            if (read.isEmpty()) {
                return new PublishOutcome.NotProcessed("TikTok's creator_info answer could not be read", null);
            }
            creator = read.get();
        } catch (IOException e) {
            return TikTokAnswers.exception("the creator_info query", e, false);
        }
        TikTokAnswers.Privacy privacy = TikTokAnswers.privacy(request.option("privacy_level"), creator.privacyOptions());
        if (privacy.refusal() != null) {
            return new PublishOutcome.Permanent("TikTok cannot take the post: " + privacy.refusal());
        }
        boolean photo = isPhotoPost(request);
        if (!photo) {
            Optional<String> tooLong = tooLong(request.media().get(0), creator.maxVideoSeconds());
            if (tooLong.isPresent()) {
                return new PublishOutcome.Permanent(tooLong.get());
            }
        }
        return photo ? initPhoto(session, request, creator, privacy.level()) : initVideo(session, request, creator, privacy.level());
    }

    /** creator_info's max_video_post_duration_sec: "Developers should use this field to stop video posts that are too long." */
    static Optional<String> tooLong(PublishMedia video, int maxSeconds) {
        Double seconds = video.durationSeconds();
        if (seconds == null || maxSeconds <= 0 || seconds <= maxSeconds) {
            return Optional.empty();
        }
        return Optional.of("The video is " + Math.round(Math.ceil(seconds)) + " s long; this TikTok account can post videos of at"
                + " most " + maxSeconds + " s (creator_info max_video_post_duration_sec)");
    }

    private PublishOutcome initVideo(Session session, PublishRequest request, TikTokAnswers.CreatorInfo creator, String privacy)
            throws Stop, InterruptedException {
        PublishMedia video = request.media().get(0);
        boolean pull = pullFromUrl;
        String what = "the video init";
        try {
            TikTokChunkPlan plan = null;
            JsonObjectBuilder source = JSON.createObjectBuilder();
            if (pull) {
                source.add("source", TikTokSteps.PULL_FROM_URL).add("video_url", mediaUrl(video));
            } else {
                long size = video.size();
                if (size <= 0) {
                    try (SeekableByteChannel channel = video.opener().open()) {
                        size = channel.size();
                    }
                }
                plan = TikTokChunkPlan.of(size, chunkSize);
                source.add("source", TikTokSteps.FILE_UPLOAD).add("video_size", plan.videoSize())
                        .add("chunk_size", plan.chunkSize()).add("total_chunk_count", plan.count());
            }
            JsonObject body = JSON.createObjectBuilder().add("post_info", videoPostInfo(request, creator, privacy))
                    .add("source_info", source).build();
            HttpAnswer answer = session.post("v2/post/publish/video/init/", body.toString(), calls.requestTimeout());
            if (!TikTokAnswers.succeeded(answer.status(), answer.body())) {
                return failure(answer, what, pull);
            }
            Optional<TikTokAnswers.Init> init = TikTokAnswers.init(answer.body());
            if (init.isEmpty() || !pull && (init.get().uploadUrl() == null || init.get().uploadUrl().isBlank())) {
                return pull ? new PublishOutcome.Unknown("TikTok answered the video init without a publish_id")
                        : new PublishOutcome.NotProcessed("TikTok answered the video init without publish_id and upload_url"
                        + " (nothing is published without the bytes)", null);
            }
            Instant now = calls.now();
            TikTokSteps.Upload upload = pull ? null : new TikTokSteps.Upload(init.get().uploadUrl(), now, plan, 0, false);
            TikTokSteps steps = TikTokSteps.initialized(now, "video", pull ? TikTokSteps.PULL_FROM_URL : TikTokSteps.FILE_UPLOAD,
                    init.get().publishId(), creator.username(), privacy, upload);
            return new PublishOutcome.InProgress(steps.toJson(), pull ? processingPoll : Duration.ZERO, pull
                    ? "TikTok is fetching the video (publish_id " + steps.publishId() + ")"
                    : "TikTok gave publish_id " + steps.publishId() + "; uploading " + plan.count() + " chunk(s)");
        } catch (IOException e) {
            return TikTokAnswers.exception(what, e, pull);
        }
    }

    /**
     * Direct post, {@code post_info}: the post's text is the video's caption ({@code title}, up to 2200 UTF-16 units);
     * comments, duets and stitches are off where the target asks or the account turned them off (creator_info);
     * {@code brand_content_toggle} is required; the cover frame, {@code brand_organic_toggle} and {@code is_aigc} as
     * the target's options say.
     */
    static JsonObject videoPostInfo(PublishRequest request, TikTokAnswers.CreatorInfo creator, String privacy) {
        JsonObjectBuilder info = JSON.createObjectBuilder();
        if (request.text() != null && !request.text().isBlank()) {
            info.add("title", request.text());
        }
        info.add("privacy_level", privacy)
                .add("disable_duet", request.flag("disable_duet").orElse(false) || creator.duetDisabled())
                .add("disable_comment", request.flag("disable_comment").orElse(false) || creator.commentDisabled())
                .add("disable_stitch", request.flag("disable_stitch").orElse(false) || creator.stitchDisabled());
        number(request, "video_cover_timestamp_ms").ifPresent(ms -> info.add("video_cover_timestamp_ms", ms));
        info.add("brand_content_toggle", request.flag("brand_content_toggle").orElse(false))
                .add("brand_organic_toggle", request.flag("brand_organic_toggle").orElse(false));
        request.flag("is_aigc").ifPresent(aigc -> info.add("is_aigc", aigc));
        return info.build();
    }

    private PublishOutcome initPhoto(Session session, PublishRequest request, TikTokAnswers.CreatorInfo creator, String privacy)
            throws Stop, InterruptedException {
        String what = "the photo post init";
        try {
            JsonObject body = photoBody(request, creator, privacy, this::mediaUrl);
            HttpAnswer answer = session.post("v2/post/publish/content/init/", body.toString(), calls.requestTimeout());
            if (!TikTokAnswers.succeeded(answer.status(), answer.body())) {
                return failure(answer, what, true);
            }
            Optional<TikTokAnswers.Init> init = TikTokAnswers.init(answer.body());
            if (init.isEmpty()) {
                return new PublishOutcome.Unknown("TikTok answered the photo post init without a publish_id");
            }
            TikTokSteps steps = TikTokSteps.initialized(calls.now(), "photo", TikTokSteps.PULL_FROM_URL,
                    init.get().publishId(), creator.username(), privacy, null);
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "TikTok is fetching "
                    + request.media().size() + " photo(s) (publish_id " + steps.publishId() + ")");
        } catch (IOException e) {
            return TikTokAnswers.exception(what, e, true);
        }
    }

    /**
     * Photo post ({@code content/init}): media_type PHOTO, post_mode DIRECT_POST; the post's title (up to 90 UTF-16
     * units) and its text as the description (up to 4000); the photos as URLs TikTok pulls, the cover the target's
     * {@code photo_cover_index} (default the first).
     */
    static JsonObject photoBody(PublishRequest request, TikTokAnswers.CreatorInfo creator, String privacy,
                                Function<PublishMedia, String> urls) {
        JsonObjectBuilder info = JSON.createObjectBuilder();
        if (request.title() != null && !request.title().isBlank()) {
            info.add("title", request.title());
        }
        if (request.text() != null && !request.text().isBlank()) {
            info.add("description", request.text());
        }
        info.add("privacy_level", privacy)
                .add("disable_comment", request.flag("disable_comment").orElse(false) || creator.commentDisabled());
        request.flag("auto_add_music").ifPresent(music -> info.add("auto_add_music", music));
        info.add("brand_content_toggle", request.flag("brand_content_toggle").orElse(false))
                .add("brand_organic_toggle", request.flag("brand_organic_toggle").orElse(false));
        JsonArrayBuilder images = JSON.createArrayBuilder();
        request.media().forEach(m -> images.add(urls.apply(m)));
        long cover = number(request, "photo_cover_index").orElse(0L);
        return JSON.createObjectBuilder().add("media_type", "PHOTO").add("post_mode", "DIRECT_POST")
                .add("post_info", info)
                .add("source_info", JSON.createObjectBuilder().add("source", TikTokSteps.PULL_FROM_URL)
                        .add("photo_images", images).add("photo_cover_index", cover))
                .build();
    }

    private static Optional<Long> number(PublishRequest request, String name) {
        return request.options().get(name) instanceof JsonNumber n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** A library item's signed public URL; media named by a URL outside the library is handed over as it is. */
    private String mediaUrl(PublishMedia media) {
        if (media.opener() == null) {
            return media.reference();
        }
        return publicUrls.url(UUID.fromString(media.reference()), MEDIA_URL_TTL)
                .orElseThrow(() -> new IllegalStateException("syndicast.public-url is not set"));
    }

    /**
     * The chunks not acknowledged yet, in order, one after another for up to {@code upload-step} (always at least one;
     * no chunk is begun that, at the rate of the one before, would end after it), each streamed from the file; the step
     * then ends with the chunks TikTok acknowledged stored. 206 acknowledges a
     * chunk, 201 the last one (every byte is with TikTok); 416 says how far TikTok really got ({@code Content-Range}); a
     * lost answer or a 5xx leaves the chunk in doubt, to be resolved through {@code status/fetch}; 403 (the URL
     * expired), 404 (no such upload) and any other refusal of a chunk start over, which is safe because the upload
     * provably lacks its last chunk. A crash in the middle of a step loses only that step's acknowledgements: the next
     * step sends the first chunk it does not know of, and TikTok's 416 says where the upload stands.
     */
    private PublishOutcome sendChunks(Session session, PublishRequest request, TikTokSteps stored) throws InterruptedException {
        long ends = System.nanoTime() + uploadStep.toNanos();
        TikTokSteps steps = stored;
        TikTokSteps.Upload upload = steps.upload();
        TikTokChunkPlan plan = upload.plan();
        int index = upload.acked();
        Instant now = calls.now();
        if (index >= plan.count()) {
            return new PublishOutcome.InProgress(steps.allSent(now).toJson(), processingPoll, "Every chunk is with TikTok");
        }
        if (!now.isBefore(upload.issued().plus(UPLOAD_URL_TTL))) {
            return new PublishOutcome.StartOver("TikTok's upload URL expired (it is valid one hour) with " + index + " of "
                    + plan.count() + " chunks sent");
        }
        PublishMedia video = request.media().get(0);
        String what = "chunk " + (index + 1) + " of " + plan.count();
        try (SeekableByteChannel channel = video.opener().open()) {
            if (channel.size() != plan.videoSize()) {
                return new PublishOutcome.StartOver("the video's file changed size (" + channel.size() + " bytes, "
                        + plan.videoSize() + " announced to TikTok)");
            }
            while (true) {
                long sending = System.nanoTime();
                HttpAnswer answer = session.upload(upload.url(), channel, plan.first(index), plan.length(index),
                        plan.contentRange(index), contentType(video));
                now = calls.now();
                if (answer.status() == 206 && index < plan.count() - 1) {
                    upload = upload.acknowledged(index + 1);
                    steps = steps.withUpload(upload);
                    long sent = System.nanoTime();
                    // The next chunk, at the rate this one went, should end within the step: else the next step sends it.
                    long expected = (long) ((sent - sending) * ((double) plan.length(index + 1) / plan.length(index)));
                    index++;
                    if (sent - ends >= 0 || sent + expected - ends >= 0) {
                        return new PublishOutcome.InProgress(steps.toJson(), Duration.ZERO,
                                "Chunk " + index + " of " + plan.count() + " uploaded");
                    }
                    what = "chunk " + (index + 1) + " of " + plan.count();
                    continue;
                }
                return afterChunk(steps, answer, what, now);
            }
        } catch (IOException e) {
            if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
                return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "TikTok's upload server is not reachable ("
                        + TikTokAnswers.describe(e) + "); " + what + " is sent later");
            }
            return new PublishOutcome.InProgress(steps.withUpload(upload.inDoubt()).toJson(), processingPoll, what
                    + " broke after sending (" + TikTokAnswers.describe(e) + "); TikTok is asked how far it got");
        }
    }

    /** What TikTok's answer to a chunk other than an acknowledged one before the last means for the upload. */
    private PublishOutcome afterChunk(TikTokSteps steps, HttpAnswer answer, String what, Instant now) {
        TikTokSteps.Upload upload = steps.upload();
        TikTokChunkPlan plan = upload.plan();
        return switch (answer.status()) {
            case 201 -> new PublishOutcome.InProgress(steps.allSent(now).toJson(), processingPoll,
                    "All " + plan.count() + " chunk(s) are with TikTok; it is processing the video");
            case 206 -> new PublishOutcome.InProgress(steps.withUpload(upload.inDoubt()).toJson(), processingPoll,
                    "TikTok answered the last chunk with 206; it is asked how far it got");
            case 416 -> TikTokAnswers.uploadProgress(answer.header("Content-Range").orElse(null))
                    .map(bytes -> progress(steps, bytes, now, "TikTok answered 416 for " + what))
                    .orElseGet(() -> new PublishOutcome.InProgress(steps.withUpload(upload.inDoubt()).toJson(), Duration.ZERO,
                            "TikTok answered 416 for " + what + " without its progress; it is asked how far it got"));
            case 403 -> new PublishOutcome.StartOver("TikTok's upload URL expired (403 for " + what + ")");
            case 404 -> new PublishOutcome.StartOver("TikTok has no upload task for the upload URL (404 for " + what + ")");
            default -> answer.status() >= 500 || answer.status() == 408 || answer.status() == 429
                    ? new PublishOutcome.InProgress(steps.withUpload(upload.inDoubt()).toJson(), processingPoll,
                    "TikTok answered HTTP " + answer.status() + " for " + what + "; it is asked how far it got and the chunk sent again")
                    : new PublishOutcome.StartOver("TikTok refused " + what + " (HTTP " + answer.status() + ")");
        };
    }

    /** TikTok holds the first {@code bytes} bytes: the chunks wholly among them are acknowledged. */
    private PublishOutcome progress(TikTokSteps steps, long bytes, Instant now, String why) {
        TikTokSteps.Upload upload = steps.upload();
        TikTokChunkPlan plan = upload.plan();
        if (bytes >= plan.videoSize()) {
            return new PublishOutcome.InProgress(steps.allSent(now).toJson(), processingPoll, why + ": every byte is with TikTok");
        }
        int whole = plan.chunksWithin(bytes);
        if (!now.isBefore(upload.issued().plus(UPLOAD_URL_TTL))) {
            return new PublishOutcome.StartOver("TikTok's upload URL expired (it is valid one hour) with " + whole + " of "
                    + plan.count() + " chunks at TikTok");
        }
        return new PublishOutcome.InProgress(steps.withUpload(upload.acknowledged(whole)).toJson(), Duration.ZERO,
                why + ": TikTok has " + whole + " of " + plan.count() + " chunks; continuing with chunk " + (whole + 1));
    }

    static String contentType(PublishMedia video) {
        String type = video.mimeType() == null ? "" : video.mimeType().toLowerCase(Locale.ROOT);
        return VIDEO_TYPES.contains(type) ? type : "video/mp4";
    }

    /**
     * A chunk whose answer was lost: {@code status/fetch} says how many bytes TikTok has ({@code uploaded_bytes}); the
     * upload continues from the first chunk it lacks, or, with every byte there, waits for the post.
     */
    private PublishOutcome resolveUpload(Session session, TikTokSteps steps) throws Stop, InterruptedException {
        Optional<TikTokAnswers.PostStatus> status;
        try {
            HttpAnswer answer = session.post("v2/post/publish/status/fetch/", publishIdBody(steps), calls.requestTimeout());
            if (!TikTokAnswers.succeeded(answer.status(), answer.body())) {
                return readFailure(answer, steps, steps.since(), "the status check after a lost chunk answer");
            }
            status = TikTokAnswers.status(answer.body());
        } catch (IOException e) {
            return waitOrUnknown(steps, steps.since(), "the status check after a lost chunk answer failed: " + TikTokAnswers.describe(e));
        }
        Instant now = calls.now();
        if (status.isEmpty()) {
            return waitOrUnknown(steps, steps.since(), "TikTok's status answer could not be read");
        }
        TikTokAnswers.PostStatus s = status.get();
        if ("PROCESSING_UPLOAD".equals(s.status())) {
            if (s.uploadedBytes() == null) {
                return waitOrUnknown(steps, steps.since(), "TikTok did not say how many bytes it has (uploaded_bytes)");
            }
            return progress(steps, s.uploadedBytes(), now, "After a lost chunk answer");
        }
        return afterSent(steps.allSent(now), s, now);
    }

    /** Every byte is with TikTok (or it pulls them): {@code status/fetch} until the post is published or failed. */
    private PublishOutcome poll(Session session, TikTokSteps steps) throws Stop, InterruptedException {
        if (steps.sent() == null) {
            steps = steps.allSent(calls.now());
        }
        try {
            HttpAnswer answer = session.post("v2/post/publish/status/fetch/", publishIdBody(steps), calls.requestTimeout());
            if (!TikTokAnswers.succeeded(answer.status(), answer.body())) {
                return readFailure(answer, steps, steps.sent(), "the status check");
            }
            Optional<TikTokAnswers.PostStatus> status = TikTokAnswers.status(answer.body());
            if (status.isEmpty()) {
                return waitOrUnknown(steps, steps.sent(), "TikTok's status answer could not be read");
            }
            return afterSent(steps, status.get(), calls.now());
        } catch (IOException e) {
            return waitOrUnknown(steps, steps.sent(), "the status check failed: " + TikTokAnswers.describe(e));
        }
    }

    /**
     * PUBLISH_COMPLETE is published: with its public post id (and page), or, for a post not public to everyone (which
     * never gets one, get-video-status: "post_id is returned only if the post is published for public viewership"), as
     * its publish_id; a public post's id is waited for while moderation runs (up to the publish deadline). FAILED
     * follows its fail_reason. Anything else is still on its way.
     */
    PublishOutcome afterSent(TikTokSteps steps, TikTokAnswers.PostStatus status, Instant now) {
        if (status.complete()) {
            if (!status.postIds().isEmpty()) {
                String id = status.postIds().get(0);
                return new PublishOutcome.Published(id, TikTokAnswers.postUrl(steps.username(), id));
            }
            if (PUBLIC.equals(steps.privacy()) && now.isBefore(steps.sent().plus(publishDeadline))) {
                return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "TikTok published the post; its id"
                        + " follows once moderation is through");
            }
            return new PublishOutcome.Published(steps.publishId(), null);
        }
        if (status.failed()) {
            return TikTokAnswers.failed(status.failReason());
        }
        return waitOrUnknown(steps, steps.sent(), "TikTok is processing the post (" + status.status() + ")");
    }

    /**
     * Waiting for TikTok, bounded: past the publish deadline (counted from {@code from}) the post may still appear, so
     * the outcome becomes unknown and the job asks with back-off instead of polling on.
     */
    private PublishOutcome waitOrUnknown(TikTokSteps steps, Instant from, String note) {
        if (from != null && calls.now().isAfter(from.plus(publishDeadline))) {
            return new PublishOutcome.Unknown(note + "; TikTok has not finished within " + publishDeadline
                    + ", the post (publish_id " + steps.publishId() + ") is asked about with back-off");
        }
        return new PublishOutcome.InProgress(steps.toJson(), processingPoll, note);
    }

    /** A status call that failed: a refused token or a rate limit as such; anything else is asked again later. */
    private PublishOutcome readFailure(HttpAnswer answer, TikTokSteps steps, Instant from, String what) {
        PublishOutcome outcome = failure(answer, what, false);
        if (outcome instanceof PublishOutcome.TokenRefused || outcome instanceof PublishOutcome.RateLimited) {
            return outcome;
        }
        return waitOrUnknown(steps, from, outcome instanceof PublishOutcome.Permanent p ? p.reason()
                : outcome instanceof PublishOutcome.NotProcessed n ? n.reason() : outcome.toString());
    }

    private static String publishIdBody(TikTokSteps steps) {
        return JSON.createObjectBuilder().add("publish_id", steps.publishId()).build().toString();
    }

    // ---- check: the stored publish_id -------------------------------------------------------------------------------

    /**
     * Whether an earlier attempt's post exists. Without a stored publish_id: a file upload's init publishes nothing
     * without the bytes (not found); an init that pulls by URL may have, and TikTok cannot be asked (cannot tell). With
     * one, {@code status/fetch} decides: PUBLISH_COMPLETE is found; FAILED, or a file upload that lacks bytes, is not;
     * a post on its way continues (found in part) until the publish deadline.
     */
    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        return calls.async(() -> {
            TikTokSteps steps = TikTokSteps.parse(request.platformState());
            if (!steps.started()) {
                return pulls(request) ? new CheckOutcome.CannotTell("an init that has TikTok fetch the media by URL may have"
                        + " reached TikTok, and TikTok offers no lookup of a post without its publish_id")
                        : new CheckOutcome.NotFound();
            }
            try {
                HttpAnswer answer = new Session(request).post("v2/post/publish/status/fetch/", publishIdBody(steps), calls.requestTimeout());
                if (!TikTokAnswers.succeeded(answer.status(), answer.body())) {
                    return new CheckOutcome.CannotTell("the status check answered HTTP " + answer.status() + ": "
                            + TikTokAnswers.ApiError.of(answer.body()).describe());
                }
                return TikTokAnswers.status(answer.body()).map(s -> lookup(steps, s, calls.now()))
                        .orElseGet(() -> new CheckOutcome.CannotTell("TikTok's status answer could not be read"));
            } catch (Stop stop) {
                return new CheckOutcome.CannotTell(stop.outcome.toString());
            } catch (IOException e) {
                return new CheckOutcome.CannotTell(TikTokAnswers.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CheckOutcome.CannotTell("interrupted");
            }
        });
    }

    CheckOutcome lookup(TikTokSteps steps, TikTokAnswers.PostStatus status, Instant now) {
        if (status.failed()) {
            return new CheckOutcome.NotFound();
        }
        if (steps.sent() == null && "PROCESSING_UPLOAD".equals(status.status())) {
            if (status.uploadedBytes() == null) {
                return new CheckOutcome.CannotTell("TikTok did not say how many bytes of the upload it has");
            }
            if (status.uploadedBytes() < steps.upload().plan().videoSize()) {
                // TikTok lacks bytes: nothing can be published; the upload goes on from the stored chunks.
                return new CheckOutcome.NotFound();
            }
        }
        TikTokSteps sent = steps.allSent(now);
        if (status.complete()) {
            if (!status.postIds().isEmpty()) {
                String id = status.postIds().get(0);
                return new CheckOutcome.Found(id, TikTokAnswers.postUrl(steps.username(), id));
            }
            return PUBLIC.equals(steps.privacy()) && now.isBefore(sent.sent().plus(publishDeadline))
                    ? new CheckOutcome.FoundInPart(sent.toJson(), "TikTok published the post; its id follows moderation")
                    : new CheckOutcome.Found(steps.publishId(), null);
        }
        if (now.isAfter(sent.sent().plus(publishDeadline))) {
            return new CheckOutcome.CannotTell("TikTok is still processing the post (" + status.status() + ")");
        }
        return new CheckOutcome.FoundInPart(sent.toJson(), "TikTok has the post and is processing it (" + status.status() + ")");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private PublishOutcome failure(HttpAnswer answer, String what, boolean mayHaveActed) {
        return TikTokAnswers.classify(answer.status(), answer.body(), answer.header("Retry-After"), calls.now(),
                rateLimitWait, quotaWait, what, mayHaveActed);
    }

    /** The account's API calls with its token, renewed once when TikTok says it is invalid or expired. */
    private final class Session {
        private final TokenSession tokens;

        Session(PublishRequest request) {
            this.tokens = calls.session(request, new TokenSession.Refusal(
                    answer -> answer.status() == 401 && TikTokAnswers.renewable(answer.status(), answer.body()),
                    refused -> TikTokAnswers.classify(refused.status(), refused.body(), Optional.empty(), calls.now(),
                            rateLimitWait, quotaWait, "the call", false)));
        }

        /** A JSON POST to the API ({@code body} null: none, as creator_info takes). */
        HttpAnswer post(String path, String body, Duration timeout) throws IOException, InterruptedException, Stop {
            return tokens.send(() -> HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/").resolve(path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
        }

        /**
         * {@code PUT {upload_url}} of {@code length} bytes from {@code first}, streamed from the channel in pieces of
         * {@value ChannelRange#PIECE} bytes (never the chunk, let alone the file, in memory). The upload URL carries its
         * own token; no Authorization header goes there.
         */
        HttpAnswer upload(String url, SeekableByteChannel channel, long first, long length, String contentRange, String type)
                throws IOException, InterruptedException {
            HttpRequest put = HttpRequest.newBuilder(URI.create(url)).timeout(uploadTimeout)
                    .header("Content-Type", type)
                    .header("Content-Range", contentRange)
                    .PUT(ChannelRange.publisher(channel, first, length))
                    .build();
            return HttpAnswer.of(calls.http().send(put, HttpResponse.BodyHandlers.ofString()));
        }
    }
}
