package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static dev.syndicast.publishing.control.GraphAnswers.encode;

/**
 * Facebook Pages through the Graph API (developers.facebook.com/docs/pages-api/posts), as the connected Page with its
 * own Page access token (the account's {@code platform_account_id} is the Page id; connecting picks the pages from
 * {@code /me/accounts} and keeps each page's token, see docs/platforms/facebook.md). What a post becomes:
 * <ul>
 *   <li>text (and the target's {@code link} option): {@code POST /{page-id}/feed} with {@code message} and {@code link};</li>
 *   <li>one photo: {@code POST /{page-id}/photos} with {@code url} (the signed public URL Facebook fetches) and
 *   {@code message};</li>
 *   <li>several photos: each first as an unpublished photo ({@code published=false}, its id stored), then
 *   {@code POST /{page-id}/feed} with {@code message} and {@code attached_media[i]={"media_fbid":…}};</li>
 *   <li>a video, through the Resumable Upload API (developers.facebook.com/docs/graph-api/guides/upload): an upload
 *   session ({@code POST /{app-id}/uploads?file_name&file_length&file_type}, its id stored), the bytes
 *   ({@code POST /upload:{id}} with the {@code file_offset} header, streamed from the library; a broken transfer asks
 *   {@code GET /upload:{id}} for the offset Facebook has and sends the rest from there, and so does a refused one, as
 *   the stored offset may be behind Facebook's after a crash), then
 *   {@code POST /{page-id}/videos} with {@code fbuploader_video_file_chunk} (the file handle), {@code title} and
 *   {@code description} (developers.facebook.com/docs/video-api/guides/publishing); the video's id is stored and
 *   {@code GET /{video-id}?fields=status,permalink_url} asked until it is ready.</li>
 * </ul>
 * Exactly once: feed posts, photos and videos take no idempotency key, so a visible call whose outcome is unknown is
 * never repeated blindly: {@code check} looks for the post among the Page's recent posts ({@code /published_posts}) by
 * its message, or among its videos ({@code /videos}) by description, from the time the work began.
 */
@ApplicationScoped
public class FacebookConnector implements Connector {

    public static final String PLATFORM = "facebook";
    /** How many recent posts (or videos) a lookup reads. */
    static final int LOOKUP_DEPTH = 25;

    enum Kind { TEXT, PHOTO, PHOTOS, VIDEO }

    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.api-url", defaultValue = "https://graph.facebook.com")
    String apiUrl;

    /** developers.facebook.com/docs/video-api/guides/publishing sends {@code /{page-id}/videos} to graph-video. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.video-url", defaultValue = "https://graph-video.facebook.com")
    String videoUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.api-version", defaultValue = "v25.0")
    String apiVersion;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.processing-poll", defaultValue = "PT30S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.facebook.processing-deadline", defaultValue = "PT2H")
    Duration processingDeadline;

    @Inject
    PublicMediaUrls publicUrls;

    @Inject
    Accounts accounts;

    @Inject
    PlatformCalls calls;

    private GraphClient graph;
    private GraphClient videos;

    @PostConstruct
    void init() {
        graph = new GraphClient(calls.http(), apiUrl, apiVersion, calls.requestTimeout());
        videos = new GraphClient(calls.http(), videoUrl, apiVersion, calls.requestTimeout());
    }

    /** Facebook Pages connected directly (one connected through the sandbox is the sandbox connector's). */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    // ---- publish ---------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        FacebookSteps steps = FacebookSteps.parse(request.platformState());
        Optional<String> refused = refusal(request, publicUrls.available());
        if (refused.isPresent()) {
            return done(new PublishOutcome.Permanent(refused.get()));
        }
        Instant now = calls.now();
        return switch (kind(request)) {
            case TEXT -> visible(request, "feed", feedForm(request, steps), "the feed post", now);
            case PHOTO -> visible(request, "photos", photoForm(request, this::mediaUrl), "the photo post", now);
            case PHOTOS -> steps.photos().size() < request.media().size() ? unpublishedPhoto(request, steps, now)
                    : visible(request, "feed", feedForm(request, steps), "the multi-photo post", now);
            case VIDEO -> video(request, steps, now);
        };
    }

    static Kind kind(PublishRequest request) {
        if (request.media().isEmpty()) {
            return Kind.TEXT;
        }
        if (request.media().stream().anyMatch(InstagramConnector::isVideo)) {
            return Kind.VIDEO;
        }
        return request.media().size() == 1 ? Kind.PHOTO : Kind.PHOTOS;
    }

    /** What a Page post cannot be; the post validator refuses it before anything is queued. */
    static Optional<String> refusal(PublishRequest request, boolean publicUrls) {
        if ((request.text() == null || request.text().isBlank()) && request.media().isEmpty()) {
            return Optional.of("A Facebook post needs text or media");
        }
        long videos = request.media().stream().filter(InstagramConnector::isVideo).count();
        if (videos > 0 && request.media().size() > 1) {
            return Optional.of("A Facebook Page post takes one video alone, or photos (pages-api/posts)");
        }
        for (PublishMedia m : request.media()) {
            if (InstagramConnector.isVideo(m)) {
                if (m.opener() == null) {
                    return Optional.of("Facebook videos are uploaded from the media library; " + m.reference() + " is not a library item");
                }
            } else {
                Optional<String> unreachable = MetaMediaUrls.unreachable("Facebook", "photos", m, publicUrls);
                if (unreachable.isPresent()) {
                    return unreachable;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code POST /{page-id}/feed}: the message, the target's {@code link}, or the stored unpublished photos. */
    static Map<String, String> feedForm(PublishRequest request, FacebookSteps steps) {
        Map<String, String> form = new LinkedHashMap<>();
        if (request.text() != null && !request.text().isBlank()) {
            form.put("message", request.text());
        }
        if (steps.photos().isEmpty()) {
            request.option("link").ifPresent(link -> form.put("link", link));
        }
        for (int i = 0; i < steps.photos().size(); i++) {
            form.put("attached_media[" + i + "]", "{\"media_fbid\":\"" + steps.photos().get(i) + "\"}");
        }
        return form;
    }

    /** {@code POST /{page-id}/photos}: one published photo by URL, with the post's message. */
    static Map<String, String> photoForm(PublishRequest request, java.util.function.Function<PublishMedia, String> url) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("url", url.apply(request.media().get(0)));
        if (request.text() != null && !request.text().isBlank()) {
            form.put("message", request.text());
        }
        return form;
    }

    private String mediaUrl(PublishMedia media) {
        return MetaMediaUrls.url(publicUrls, media);
    }

    /** A call that makes a post people see: its outcome follows the exactly-once rules. */
    private CompletableFuture<PublishOutcome> visible(PublishRequest request, String edge, Map<String, String> form, String what, Instant now) {
        return graph.post(request.accessToken(), encode(request.platformAccountId()) + "/" + edge, form)
                .thenCompose(response -> {
                    if (response.statusCode() != 200) {
                        return done(FacebookAnswers.classify(response, now, what, true));
                    }
                    Optional<String> id = FacebookAnswers.postId(response.body());
                    if (id.isEmpty()) {
                        return done(new PublishOutcome.Unknown("Facebook answered " + what + " with no id"));
                    }
                    return permalink(request, id.get());
                })
                .exceptionally(thrown -> FacebookAnswers.exception(what, thrown, true));
    }

    /** The post's permalink is a nicety: the post exists whether or not it can be read now. */
    private CompletableFuture<PublishOutcome> permalink(PublishRequest request, String postId) {
        return graph.get(request.accessToken(), encode(postId) + "?fields=permalink_url")
                .<PublishOutcome>thenApply(r -> new PublishOutcome.Published(postId, r.statusCode() == 200
                        ? FacebookAnswers.absolute(GraphAnswers.field(r.body(), "permalink_url").orElse(null)) : null))
                .exceptionally(thrown -> new PublishOutcome.Published(postId, null));
    }

    /** One photo of a multi-photo post, unpublished (invisible until the feed post attaches it); its id is stored. */
    private CompletableFuture<PublishOutcome> unpublishedPhoto(PublishRequest request, FacebookSteps steps, Instant now) {
        int index = steps.photos().size();
        String what = "unpublished photo " + (index + 1) + " of " + request.media().size();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("url", mediaUrl(request.media().get(index)));
        form.put("published", "false");
        return graph.post(request.accessToken(), encode(request.platformAccountId()) + "/photos", form)
                .thenApply(response -> response.statusCode() != 200 ? FacebookAnswers.classify(response, now, what, false)
                        : GraphAnswers.id(response.body()).<PublishOutcome>map(id -> new PublishOutcome.InProgress(
                                steps.withPhoto(id, now).toJson(), Duration.ZERO, "Facebook took " + what))
                        .orElseGet(() -> new PublishOutcome.NotProcessed(what + " answered with no id", null)))
                .exceptionally(thrown -> FacebookAnswers.exception(what, thrown, false));
    }

    // ---- video: resumable upload, publish, processing ----------------------------------------------------------------

    private CompletableFuture<PublishOutcome> video(PublishRequest request, FacebookSteps steps, Instant now) {
        if (steps.video() != null) {
            return videoStatus(request, steps, now);
        }
        if (steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
            // Nothing visible exists before the videos call: a fresh session is safe.
            return done(new PublishOutcome.StartOver("The video upload did not finish within " + processingDeadline));
        }
        PublishMedia media = request.media().get(0);
        if (steps.upload() == null) {
            return startUpload(request, steps, media, now);
        }
        if (steps.upload().handle() == null) {
            return steps.upload().resume() ? askOffset(request, steps, now) : transfer(request, steps, media, now);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("fbuploader_video_file_chunk", steps.upload().handle());
        if (request.title() != null && !request.title().isBlank()) {
            form.put("title", request.title());
        }
        if (request.text() != null && !request.text().isBlank()) {
            form.put("description", request.text());
        }
        String what = "the video post";
        return videos.post(request.accessToken(), encode(request.platformAccountId()) + "/videos", form)
                .thenApply(response -> response.statusCode() != 200 ? FacebookAnswers.classify(response, now, what, true)
                        : GraphAnswers.id(response.body()).<PublishOutcome>map(id -> new PublishOutcome.InProgress(
                                steps.withVideo(id, now).toJson(), processingPoll, "Facebook is processing the video"))
                        .orElseGet(() -> new PublishOutcome.Unknown("Facebook answered " + what + " with no video id")))
                .exceptionally(thrown -> FacebookAnswers.exception(what, thrown, true));
    }

    /** {@code POST /{app-id}/uploads}: the session belongs to the app the Page was connected with. */
    private CompletableFuture<PublishOutcome> startUpload(PublishRequest request, FacebookSteps steps, PublishMedia media, Instant now) {
        Optional<String> app = request.accountId() == null ? Optional.empty() : accounts.appId(request.accountId(), PLATFORM);
        if (app.isEmpty()) {
            return done(new PublishOutcome.Permanent("Facebook video uploads name the app: no Facebook OAuth client id is"
                    + " configured (syndicast.platforms.facebook.oauth.client-id or the workspace's platform-oauth settings)"));
        }
        long size;
        try {
            size = size(media);
        } catch (IOException e) {
            return done(new PublishOutcome.NotProcessed("The video cannot be read: " + GraphAnswers.describe(e), null));
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("file_name", media.fileName() == null || media.fileName().isBlank() ? "video.mp4" : media.fileName());
        query.put("file_length", String.valueOf(size));
        query.put("file_type", media.mimeType() == null ? "video/mp4" : media.mimeType());
        String what = "the upload session";
        return graph.post(request.accessToken(), encode(app.get()) + "/uploads", query)
                .thenApply(response -> response.statusCode() != 200 ? FacebookAnswers.classify(response, now, what, false)
                        : GraphAnswers.id(response.body()).<PublishOutcome>map(session -> new PublishOutcome.InProgress(
                                steps.withUpload(new FacebookSteps.Upload(session, 0, false, null), now).toJson(), Duration.ZERO,
                                "Upload session " + session + " opened for " + size + " bytes"))
                        .orElseGet(() -> new PublishOutcome.NotProcessed(what + " answered with no id", null)))
                .exceptionally(thrown -> FacebookAnswers.exception(what, thrown, false));
    }

    private static long size(PublishMedia media) throws IOException {
        if (media.size() > 0) {
            return media.size();
        }
        try (SeekableByteChannel channel = media.opener().open()) {
            return channel.size();
        }
    }

    /**
     * {@code POST /upload:{id}} with {@code file_offset}: the rest of the file from the stored offset, streamed from the
     * library. The handle ({@code h}) completes the upload; a broken transfer asks for the offset next.
     */
    private CompletableFuture<PublishOutcome> transfer(PublishRequest request, FacebookSteps steps, PublishMedia media, Instant now) {
        FacebookSteps.Upload upload = steps.upload();
        SeekableByteChannel channel;
        long length;
        try {
            channel = media.opener().open();
            length = channel.size() - upload.offset();
            channel.position(upload.offset());
        } catch (IOException e) {
            return done(new PublishOutcome.InProgress(steps.toJson(), processingPoll, "The video cannot be read: " + GraphAnswers.describe(e)));
        }
        InputStream rest = new Bounded(Channels.newInputStream(channel), length);
        HttpRequest post = uploadRequest(request, upload.session())
                .timeout(uploadTimeout)
                .header("file_offset", String.valueOf(upload.offset()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> rest), length))
                .build();
        String what = "the upload from byte " + upload.offset();
        return calls.http().sendAsync(post, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, t) -> close(channel))
                .thenApply(response -> {
                    Optional<String> handle = response.statusCode() == 200 ? FacebookAnswers.handle(response.body()) : Optional.empty();
                    if (handle.isPresent()) {
                        return (PublishOutcome) new PublishOutcome.InProgress(steps.withUpload(upload.complete(handle.get()), now).toJson(),
                                Duration.ZERO, "Video uploaded");
                    }
                    PublishOutcome failed = FacebookAnswers.classify(response, now, what, false);
                    if (failed instanceof PublishOutcome.TokenRefused || failed instanceof PublishOutcome.RateLimited) {
                        return failed;
                    }
                    if (failed instanceof PublishOutcome.Permanent refused && response.statusCode() / 100 == 4
                            && FacebookAnswers.fileOffset(response.body()).isEmpty()) {
                        // The stored offset may be stale (a transfer cut off by a crash): ask Facebook before failing.
                        return new PublishOutcome.InProgress(steps.withUpload(upload.refused(refused.reason()), now).toJson(),
                                Duration.ZERO, what + " was refused (HTTP " + response.statusCode() + "); asking Facebook which byte it holds");
                    }
                    return new PublishOutcome.InProgress(steps.withUpload(upload.broken(), now).toJson(), processingPoll,
                            what + " did not complete (HTTP " + response.statusCode() + "); asking Facebook where to resume");
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.withUpload(upload.broken(), now).toJson(), processingPoll,
                        what + " broke: " + GraphAnswers.describe(GraphAnswers.unwrap(thrown)) + "; asking Facebook where to resume"));
    }

    /** {@code GET /upload:{id}}: where Facebook has the upload, to resume from there. */
    private CompletableFuture<PublishOutcome> askOffset(PublishRequest request, FacebookSteps steps, Instant now) {
        FacebookSteps.Upload upload = steps.upload();
        return calls.http().sendAsync(uploadRequest(request, upload.session()).timeout(calls.requestTimeout()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    OptionalLong offset = response.statusCode() == 200 ? FacebookAnswers.fileOffset(response.body()) : OptionalLong.empty();
                    if (offset.isPresent() && upload.refusalStanding(offset.getAsLong()) != null) {
                        return (PublishOutcome) new PublishOutcome.Permanent(upload.refusalStanding(offset.getAsLong()));
                    }
                    if (offset.isPresent()) {
                        return (PublishOutcome) new PublishOutcome.InProgress(steps.withUpload(upload.at(offset.getAsLong()), now).toJson(),
                                Duration.ZERO, "Resuming the upload from byte " + offset.getAsLong());
                    }
                    PublishOutcome failed = FacebookAnswers.classify(response, now, "the upload offset check", false);
                    if (failed instanceof PublishOutcome.Permanent) {
                        // The session is gone (expired, unknown): nothing visible exists, so a new one is safe.
                        return new PublishOutcome.StartOver("The upload session can no longer be resumed: " + ((PublishOutcome.Permanent) failed).reason());
                    }
                    return failed instanceof PublishOutcome.NotProcessed n
                            ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failed;
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                        "The upload offset check failed: " + GraphAnswers.describe(GraphAnswers.unwrap(thrown))));
    }

    /** The Resumable Upload API authenticates with {@code Authorization: OAuth <token>}. */
    private HttpRequest.Builder uploadRequest(PublishRequest request, String session) {
        return HttpRequest.newBuilder(java.net.URI.create(GraphAnswers.join(GraphAnswers.join(apiUrl, apiVersion), session)))
                .header("Authorization", "OAuth " + request.accessToken());
    }

    /**
     * {@code GET /{video-id}?fields=status,permalink_url}: ready publishes; an error fails (the video never shows);
     * still processing asks again. The video post exists once created: past the deadline it counts as published.
     */
    private CompletableFuture<PublishOutcome> videoStatus(PublishRequest request, FacebookSteps steps, Instant now) {
        String id = steps.video();
        return graph.get(request.accessToken(), encode(id) + "?fields=status,permalink_url")
                .thenApply(response -> {
                    String url = response.statusCode() == 200
                            ? FacebookAnswers.absolute(GraphAnswers.field(response.body(), "permalink_url").orElse(null)) : null;
                    if (response.statusCode() == 200) {
                        switch (FacebookAnswers.videoStatus(response.body())) {
                            case READY:
                                return new PublishOutcome.Published(id, url);
                            case ERROR:
                                return new PublishOutcome.Permanent("Facebook could not process the video: "
                                        + FacebookAnswers.videoError(response.body()));
                            default:
                                break;
                        }
                    } else {
                        PublishOutcome failed = FacebookAnswers.classify(response, now, "the video status check", false);
                        if (failed instanceof PublishOutcome.TokenRefused || failed instanceof PublishOutcome.RateLimited) {
                            return failed;
                        }
                    }
                    if (steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
                        return new PublishOutcome.Published(id, url);
                    }
                    return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "Facebook is still processing the video");
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                        "The video status check failed: " + GraphAnswers.describe(GraphAnswers.unwrap(thrown))));
    }

    // ---- check: look the post up ------------------------------------------------------------------------------------

    /**
     * Feed posts and photos: the Page's recent posts ({@code /published_posts}) with the post's message; a video: the
     * Page's videos with its description (or title). A post with neither cannot be told apart and stays unknown.
     */
    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        FacebookSteps steps = FacebookSteps.parse(request.platformState());
        String page = encode(request.platformAccountId());
        boolean video = kind(request) == Kind.VIDEO;
        if (video && steps.video() != null) {
            // The videos call answered with its id: the video exists.
            return done(new CheckOutcome.Found(steps.video(), null));
        }
        if (video && (steps.upload() == null || steps.upload().handle() == null)) {
            return done(new CheckOutcome.NotFound());
        }
        String text = request.text() != null && !request.text().isBlank() ? request.text() : video ? request.title() : null;
        if (text == null || text.isBlank()) {
            return done(new CheckOutcome.CannotTell("a Facebook post without text cannot be told apart from others on the Page"));
        }
        String field = video ? (request.text() != null && !request.text().isBlank() ? "description" : "title") : "message";
        String list = video ? page + "/videos?fields=id,title,description,permalink_url,created_time&limit=" + LOOKUP_DEPTH
                : page + "/published_posts?fields=id,message,permalink_url,created_time&limit=" + LOOKUP_DEPTH;
        return graph.get(request.accessToken(), list)
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return (CheckOutcome) new CheckOutcome.CannotTell("the Page's " + (video ? "videos" : "posts")
                                + " answered HTTP " + response.statusCode());
                    }
                    Optional<JsonObject> found = FacebookAnswers.find(response.body(), field, text, steps.since());
                    return found.<CheckOutcome>map(p -> new CheckOutcome.Found(GraphAnswers.text(p, "id"),
                            FacebookAnswers.absolute(p.getString("permalink_url", null)))).orElseGet(CheckOutcome.NotFound::new);
                })
                .exceptionally(thrown -> new CheckOutcome.CannotTell(GraphAnswers.describe(GraphAnswers.unwrap(thrown))));
    }

    // ---- delete -------------------------------------------------------------------------------------------------------

    /** {@code DELETE /{post-id}} (pages-api/posts). */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            return graph.delete(request.accessToken(), encode(externalId)).join().statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void close(SeekableByteChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
