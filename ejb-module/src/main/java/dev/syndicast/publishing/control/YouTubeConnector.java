package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Accounts.AccountCredentials;
import dev.syndicast.media.boundary.MediaFiles;
import dev.syndicast.platforms.control.YouTubeRules;
import jakarta.annotation.PostConstruct;
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
import java.net.http.HttpTimeoutException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Publishes a video to a YouTube channel through the YouTube Data API v3 (developers.google.com/youtube/v3), with the
 * resumable upload protocol (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol). One step per
 * call, each stored in the job before the next (see {@link PublishOutcome.InProgress} and {@link YouTubeSteps}):
 * <ol>
 *   <li>{@code POST <upload-url>/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status} with the video
 *   resource (title, description, tags, category; privacy, made-for-kids) and {@code X-Upload-Content-Length} /
 *   {@code X-Upload-Content-Type} opens a session; the session URL from {@code Location} is stored before any byte
 *   is sent. Nothing is visible yet.</li>
 *   <li>Each following step first asks the session what YouTube has ({@code PUT} with {@code Content-Range: bytes *}{@code /N}):
 *   a {@code 308 Resume Incomplete} names it in {@code Range}, and the upload goes on from exactly that byte, never
 *   from zero, in chunks (multiples of 256 KiB: {@code chunk-size} first, growing up to {@code max-chunk-size} while the
 *   link is fast, see {@link #nextChunk}) streamed from the library file in 256 KB pieces, each a
 *   {@code PUT} with {@code Content-Range: bytes a-b/N}, for up to {@code step-duration}; the bytes YouTube confirmed
 *   are stored. A dropped connection or a 5xx on a chunk that is not the last is an interruption: the next step asks
 *   and resumes (with back-off). A {@code 404} means the session expired: the publish starts over.</li>
 *   <li>The last chunk's {@code 200}/{@code 201} carries the video resource: the video exists. A lost answer to the
 *   last chunk is an unknown outcome: {@code check} asks the session, whose {@code 200}/{@code 201} is the video;
 *   if the session is gone, the channel's uploads playlist is searched for the title and description.</li>
 *   <li>With the target's {@code thumbnail_media_id}, the video's id is stored and the next step sets the library image
 *   as its thumbnail ({@code POST <upload-url>/upload/youtube/v3/thumbnails/set?videoId=}); a refusal (an account
 *   YouTube has not verified for custom thumbnails) keeps the video published, in part.</li>
 * </ol>
 * YouTube takes no idempotency key. A used-up daily quota waits, without using an attempt, until midnight Pacific
 * time (see {@link YouTubeAnswers}). A 401 renews the token once through the accounts capability.
 */
@ApplicationScoped
public class YouTubeConnector implements Connector {

    private static final Logger LOG = Logger.getLogger(YouTubeConnector.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    public static final String PLATFORM = YouTubeRules.PLATFORM;
    /** using_resumable_upload_protocol, "Uploading a file in chunks": every chunk but the last is a multiple of 256 KiB. */
    static final int CHUNK_UNIT = 256 * 1024;
    /** playlistItems.list: maxResults is at most 50; the video in doubt is among the newest uploads. */
    static final int LOOKUP_DEPTH = 50;
    /** Setting the thumbnail is tried this often after a failure that may pass (5xx, a dropped connection, a rate limit). */
    static final int THUMBNAIL_TRIES = 3;
    /** videos resource: status.privacyStatus and snippet.categoryId defaults of this connector. */
    static final String DEFAULT_PRIVACY = "public";
    static final String DEFAULT_CATEGORY = "22";

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.api-url", defaultValue = "https://www.googleapis.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.upload-url", defaultValue = "https://www.googleapis.com")
    String uploadUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.chunk-size", defaultValue = "8388608")
    int chunkSize;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.max-chunk-size", defaultValue = "67108864")
    int maxChunkSize;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.upload-timeout", defaultValue = "PT1M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.step-duration", defaultValue = "PT30S")
    Duration stepDuration;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.retry-delay", defaultValue = "PT5S")
    Duration retryDelay;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.upload-deadline", defaultValue = "PT24H")
    Duration uploadDeadline;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.youtube.rate-limit-wait", defaultValue = "PT1M")
    Duration rateLimitWait;

    @Inject
    PlatformCalls calls;

    /** The workspace of a thumbnail's library image. */
    @Inject
    Accounts accounts;

    @Inject
    MediaFiles media;

    @PostConstruct
    void init() {
        int chunks = Math.max(1, chunkSize / CHUNK_UNIT);
        if (chunks * CHUNK_UNIT != chunkSize) {
            int configured = chunkSize;
            LOG.warning(() -> "event=youtube_chunk_size_rounded configured=" + configured + " used=" + chunks * CHUNK_UNIT
                    + " reason=\"YouTube takes chunks in multiples of 256 KiB\"");
        }
        chunkSize = chunks * CHUNK_UNIT;
        maxChunkSize = Math.max(chunkSize, maxChunkSize / CHUNK_UNIT * CHUNK_UNIT);
    }

    /** YouTube channels, except those connected through the sandbox. */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    /** The video file is uploaded from the media library. */
    public boolean uploadsFiles() {
        return true;
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        return calls.async(() -> publishNow(request));
    }

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        return calls.async(() -> checkNow(request));
    }

    /** Deletes the video ({@code DELETE /youtube/v3/videos?id=}); false when YouTube no longer has it. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            HttpAnswer answer = new Account(request).send(HttpRequest.newBuilder(api("youtube/v3/videos?id=" + encode(externalId))).DELETE(),
                    calls.requestTimeout());
            return answer.status() == 204 || answer.status() == 200;
        } catch (Stop | IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    PublishOutcome publishNow(PublishRequest request) {
        YouTubeSteps steps = YouTubeSteps.parse(request.platformState());
        Account account = new Account(request);
        try {
            if (steps.video() != null) {
                return thumbnail(account, request, steps);
            }
            Optional<String> refused = refusal(request);
            if (refused.isPresent()) {
                return new PublishOutcome.Permanent(refused.get());
            }
            PublishMedia video = request.media().get(0);
            long size = sizeOf(video);
            if (steps.session() == null) {
                return open(account, request, video, size);
            }
            if (steps.size() != size) {
                return new PublishOutcome.StartOver("the post's video changed since its upload began");
            }
            if (steps.since() != null && calls.now().isAfter(steps.since().plus(uploadDeadline))) {
                return new PublishOutcome.StartOver("YouTube did not take the whole video within " + uploadDeadline);
            }
            return upload(account, request, steps, video);
        } catch (Stop stop) {
            return stop.outcome;
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed("The video could not be read from the media library: "
                    + YouTubeAnswers.describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return steps.session() == null ? new PublishOutcome.NotProcessed("Interrupted before YouTube was called", null)
                    : new PublishOutcome.Unknown("Interrupted while uploading to YouTube");
        }
    }

    /** What YouTube cannot take at all; the post validator refuses all of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (request.media().size() != 1 || !isVideo(request.media().get(0))) {
            return Optional.of("A YouTube post is one video (the post has " + request.media().size() + " media item(s)"
                    + (request.media().isEmpty() || isVideo(request.media().get(0)) ? "" : ", not a video") + ")");
        }
        if (request.media().get(0).opener() == null) {
            return Optional.of("YouTube needs the file itself: media " + request.media().get(0).reference()
                    + " is not an item of the media library (upload it to the library first)");
        }
        if (!request.threadParts().isEmpty()) {
            return Optional.of("YouTube has no threads: a post with thread parts cannot be published there");
        }
        List<YouTubeRules.Problem> problems = YouTubeRules.problems(request.title(), request.text(), request.options());
        if (!problems.isEmpty()) {
            return Optional.of("YouTube would refuse the video's details: "
                    + String.join("; ", problems.stream().map(YouTubeRules.Problem::message).toList()));
        }
        return Optional.empty();
    }

    static boolean isVideo(PublishMedia media) {
        return media.mimeType() != null && media.mimeType().startsWith("video/");
    }

    private static long sizeOf(PublishMedia video) throws IOException {
        if (video.size() > 0) {
            return video.size();
        }
        try (SeekableByteChannel channel = video.opener().open()) {
            return channel.size();
        }
    }

    /**
     * The video resource sent when the session is opened (videos#resource, videos/insert): the snippet's title,
     * description, tags and category; the status's privacy and the channel's made-for-kids declaration.
     */
    static JsonObject metadata(PublishRequest request) {
        JsonObjectBuilder snippet = JSON.createObjectBuilder()
                .add("title", YouTubeRules.title(request.title(), request.text()))
                .add("description", YouTubeRules.description(request.text()))
                .add("categoryId", request.option("category_id").orElse(DEFAULT_CATEGORY));
        List<String> tags = YouTubeRules.tags(request.options());
        if (!tags.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            tags.forEach(list::add);
            snippet.add("tags", list);
        }
        JsonObjectBuilder status = JSON.createObjectBuilder()
                .add("privacyStatus", request.option("privacy_status").orElse(DEFAULT_PRIVACY))
                .add("selfDeclaredMadeForKids", request.flag("made_for_kids").orElse(false));
        return JSON.createObjectBuilder().add("snippet", snippet).add("status", status).build();
    }

    /** videos/insert's query: the parts sent (URL-encoded, as the guide asks) and whether subscribers are told. */
    static String insertQuery(PublishRequest request) {
        return "uploadType=resumable&part=" + encode("snippet,status") + "&notifySubscribers="
                + request.flag("notify_subscribers").orElse(true);
    }

    /** Step 1: open a resumable session; its URL is stored before a byte is sent. Nothing is visible yet. */
    private PublishOutcome open(Account account, PublishRequest request, PublishMedia video, long size)
            throws Stop, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(upload("upload/youtube/v3/videos?" + insertQuery(request)))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Upload-Content-Length", String.valueOf(size))
                .header("X-Upload-Content-Type", video.mimeType())
                .POST(HttpRequest.BodyPublishers.ofString(metadata(request).toString()));
        try {
            HttpAnswer answer = account.send(post, calls.requestTimeout());
            if (answer.status() == 200 || answer.status() == 201) {
                Optional<String> location = answer.header("Location").filter(l -> !l.isBlank());
                if (location.isEmpty()) {
                    return new PublishOutcome.NotProcessed("YouTube opened no upload session (its answer had no Location)", null);
                }
                String session = upload("").resolve(location.get().strip()).toString();
                return new PublishOutcome.InProgress(YouTubeSteps.opened(session, size, calls.now()).toJson(), Duration.ZERO,
                        "YouTube upload session opened for " + size + " bytes");
            }
            return YouTubeAnswers.stepFailure(answer.status(), answer.body(), answer.header("Retry-After"), calls.now(),
                    rateLimitWait, "the upload session");
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed("Opening the YouTube upload session failed (nothing visible was created): "
                    + YouTubeAnswers.describe(e), null);
        }
    }

    /**
     * Step 2: ask what YouTube has, then send chunks from exactly there for up to {@code step-duration}. The bytes
     * YouTube confirmed are stored when the step ends; the last chunk's answer is the video.
     */
    private PublishOutcome upload(Account account, PublishRequest request, YouTubeSteps steps, PublishMedia video)
            throws Stop, IOException, InterruptedException {
        Instant started = calls.now();
        Session status;
        try {
            status = status(account, steps);
        } catch (IOException e) {
            return interrupted(steps, steps.received(), "Asking YouTube how much of the video it has failed: "
                    + YouTubeAnswers.describe(e));
        }
        if (status instanceof Session.Done done) {
            return created(request, steps, done.videoId());
        }
        if (status instanceof Session.Expired) {
            return new PublishOutcome.StartOver("the YouTube upload session expired (404)");
        }
        if (status instanceof Session.Failed failed) {
            return failed.outcome() instanceof PublishOutcome.Unknown u ? interrupted(steps, steps.received(), u.reason())
                    : failed.outcome();
        }
        long total = steps.size();
        long received = ((Session.Pending) status).received();
        YouTubeSteps now = steps.at(received);
        long chunk = chunkSize;
        try (SeekableByteChannel channel = video.opener().open()) {
            while (true) {
                long length = Math.min(chunk, total - received);
                boolean last = received + length >= total;
                HttpAnswer answer;
                long sending = System.nanoTime();
                try {
                    answer = account.chunk(now.session(), channel, received, length, total, video.mimeType());
                } catch (IOException e) {
                    if (!last || YouTubeAnswers.notSent(e)) {
                        return interrupted(now, received, "The upload broke off in the chunk from byte " + received + ": "
                                + YouTubeAnswers.describe(e));
                    }
                    return new PublishOutcome.Unknown((e instanceof HttpTimeoutException ? "No answer to the last chunk within "
                            + uploadTimeout : "The last chunk's answer was lost (" + YouTubeAnswers.describe(e) + ")")
                            + "; YouTube may have created the video");
                }
                if (answer.status() == 200 || answer.status() == 201) {
                    Optional<String> id = YouTubeAnswers.videoId(answer.body());
                    if (id.isEmpty()) {
                        return new PublishOutcome.Unknown("YouTube finished the upload without naming the video");
                    }
                    return created(request, now, id.get());
                }
                if (answer.status() == 308) {
                    Optional<Long> has = YouTubeAnswers.received(answer.header("Range"));
                    if (has.isEmpty() || has.get() <= received || has.get() >= total) {
                        // No progress, or all bytes without the video: the next step asks the session again.
                        long keep = has.isPresent() && has.get() < total ? has.get() : received;
                        return interrupted(now, keep, "YouTube answered the chunk from byte " + received + " with Range "
                                + answer.header("Range").orElse("(none)"));
                    }
                    received = has.get();
                    now = now.confirmed(received);
                    chunk = nextChunk(length, System.nanoTime() - sending);
                    if (!calls.now().isBefore(started.plus(stepDuration))) {
                        return new PublishOutcome.InProgress(now.toJson(), Duration.ZERO, "Uploaded " + received + " of "
                                + total + " bytes to YouTube");
                    }
                    continue;
                }
                if (answer.status() == 404) {
                    return new PublishOutcome.StartOver("the YouTube upload session expired (404)");
                }
                PublishOutcome failed = YouTubeAnswers.classify(answer.status(), answer.body(), answer.header("Retry-After"),
                        calls.now(), rateLimitWait, "the upload");
                if (failed instanceof PublishOutcome.Unknown u) {
                    // using_resumable_upload_protocol: after a 5xx, ask what YouTube has and resume from there.
                    return last ? u : interrupted(now, received, u.reason());
                }
                return failed;
            }
        }
    }

    /**
     * The size of the next chunk after one of {@code length} bytes went in {@code nanos}: what would take about an
     * eighth of {@code upload-timeout} at that rate, at most four times the last chunk, within {@code chunk-size} and
     * {@code max-chunk-size}, a multiple of 256 KiB. A fast link thus sends few large chunks (each chunk is a round
     * trip: a 2 GB video in 8 MiB chunks waits for 256 answers), a slow one stays at {@code chunk-size}, and a chunk
     * would have to go eight times slower than the one before it to run into the timeout.
     */
    long nextChunk(long length, long nanos) {
        double seconds = Math.max(nanos, 1_000_000L) / 1e9;
        double fits = length / seconds * uploadTimeout.toMillis() / 1000.0 / 8;
        long size = (long) Math.min(Math.min(fits, 4.0 * length), maxChunkSize);
        return Math.max(chunkSize, size / CHUNK_UNIT * CHUNK_UNIT);
    }

    /** An interruption before the last byte: nothing is visible; the next step asks YouTube and resumes, backing off. */
    private PublishOutcome interrupted(YouTubeSteps steps, long received, String reason) {
        YouTubeSteps next = steps.interrupted(received);
        long factor = 1L << Math.min(6, Math.max(0, next.interruptions() - 1));
        return new PublishOutcome.InProgress(next.toJson(), retryDelay.multipliedBy(factor), reason
                + "; resuming from the byte YouTube has");
    }

    /** The video exists: published, or its thumbnail is the next step. */
    private PublishOutcome created(PublishRequest request, YouTubeSteps steps, String videoId) {
        LOG.fine(() -> "event=youtube_video_created id=" + videoId + " job=" + request.jobId());
        if (request.option("thumbnail_media_id").isPresent()) {
            return new PublishOutcome.InProgress(steps.uploaded(videoId).toJson(), Duration.ZERO,
                    "YouTube has the video " + videoId + "; its thumbnail is next");
        }
        return new PublishOutcome.Published(videoId, YouTubeAnswers.watchUrl(videoId));
    }

    /**
     * Step 3, with the {@code thumbnail_media_id} option: thumbnails.set with the library image. The video exists, so
     * nothing here fails the post: a refusal, or failures past {@link #THUMBNAIL_TRIES}, publish it in part.
     */
    private PublishOutcome thumbnail(Account account, PublishRequest request, YouTubeSteps steps) throws InterruptedException {
        String videoId = steps.video();
        String url = YouTubeAnswers.watchUrl(videoId);
        Optional<String> thumbnailId = request.option("thumbnail_media_id");
        if (thumbnailId.isEmpty()) {
            return new PublishOutcome.Published(videoId, url);
        }
        Optional<MediaFiles.Sendable> image = thumbnailImage(request, thumbnailId.get());
        if (image.isEmpty()) {
            return new PublishOutcome.PublishedInPart(videoId, url, "The video was published without its thumbnail: "
                    + thumbnailId.get() + " is not a ready image of the media library");
        }
        PublishOutcome failed;
        try {
            HttpAnswer answer = account.thumbnail(videoId, image.get());
            if (answer.status() == 200 || answer.status() == 201) {
                return new PublishOutcome.Published(videoId, url);
            }
            failed = YouTubeAnswers.classify(answer.status(), answer.body(), answer.header("Retry-After"), calls.now(),
                    rateLimitWait, "the thumbnail");
        } catch (Stop stop) {
            failed = stop.outcome;
        } catch (IOException e) {
            failed = new PublishOutcome.Unknown("Setting the thumbnail failed: " + YouTubeAnswers.describe(e));
        }
        boolean passing = failed instanceof PublishOutcome.Unknown || failed instanceof PublishOutcome.NotProcessed
                || failed instanceof PublishOutcome.RateLimited r && !r.documentedReset();
        YouTubeSteps tried = steps.thumbnailTried();
        if (passing && tried.thumbnailTries() < THUMBNAIL_TRIES) {
            Duration wait = failed instanceof PublishOutcome.RateLimited r ? r.retryAfter() : retryDelay;
            return new PublishOutcome.InProgress(tried.toJson(), wait, reasonOf(failed) + "; the thumbnail is tried again");
        }
        return new PublishOutcome.PublishedInPart(videoId, url, "The video was published without its thumbnail: " + reasonOf(failed));
    }

    private Optional<MediaFiles.Sendable> thumbnailImage(PublishRequest request, String thumbnailId) {
        try {
            UUID id = UUID.fromString(thumbnailId.strip());
            return accounts.credentials(request.accountId()).map(AccountCredentials::workspaceId)
                    .flatMap(workspace -> media.sendable(workspace, id))
                    .filter(s -> s.mimeType() != null && s.mimeType().startsWith("image/"));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    // ---- check: after an unknown outcome, before anything is sent again -------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        YouTubeSteps steps = YouTubeSteps.parse(request.platformState());
        boolean thumbnailNext = request.option("thumbnail_media_id").isPresent();
        if (steps.video() != null) {
            return found(steps, steps.video(), thumbnailNext);
        }
        if (steps.session() == null) {
            // No session was ever stored: no byte was sent, so no video can exist.
            return new CheckOutcome.NotFound();
        }
        Account account = new Account(request);
        try {
            Session status = status(account, steps);
            if (status instanceof Session.Done done) {
                return found(steps, done.videoId(), thumbnailNext);
            }
            if (status instanceof Session.Pending) {
                // YouTube does not have every byte yet, so there is no video: the upload goes on from what it has.
                return new CheckOutcome.NotFound();
            }
            if (status instanceof Session.Failed failed) {
                return new CheckOutcome.CannotTell("asking the upload session failed: " + reasonOf(failed.outcome()));
            }
            return lookupUploads(account, request, steps, thumbnailNext);
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(reasonOf(stop.outcome));
        } catch (IOException e) {
            return new CheckOutcome.CannotTell("YouTube could not be asked: " + YouTubeAnswers.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckOutcome.CannotTell("interrupted");
        }
    }

    private static CheckOutcome found(YouTubeSteps steps, String videoId, boolean thumbnailNext) {
        return thumbnailNext && steps.thumbnailTries() < THUMBNAIL_TRIES
                ? new CheckOutcome.FoundInPart(steps.uploaded(videoId).toJson(), "YouTube has the video " + videoId
                + "; its thumbnail is next")
                : new CheckOutcome.Found(videoId, YouTubeAnswers.watchUrl(videoId));
    }

    /**
     * The session expired after a last chunk whose answer was lost: the channel's uploads playlist
     * (channels.list part=contentDetails mine=true, then playlistItems.list) is searched for the video by its title and
     * description, added since the session was opened.
     */
    private CheckOutcome lookupUploads(Account account, PublishRequest request, YouTubeSteps steps, boolean thumbnailNext)
            throws Stop, IOException, InterruptedException {
        HttpAnswer channel = account.send(HttpRequest.newBuilder(api("youtube/v3/channels?part=contentDetails&mine=true")).GET(),
                calls.requestTimeout());
        Optional<String> uploads = channel.status() == 200 ? YouTubeAnswers.uploadsPlaylist(channel.body()) : Optional.empty();
        if (uploads.isEmpty()) {
            return new CheckOutcome.CannotTell("the channel's uploads playlist could not be read (HTTP " + channel.status() + ")");
        }
        HttpAnswer items = account.send(HttpRequest.newBuilder(api("youtube/v3/playlistItems?part=snippet&maxResults=" + LOOKUP_DEPTH
                + "&playlistId=" + encode(uploads.get()))).GET(), calls.requestTimeout());
        CheckOutcome outcome = YouTubeAnswers.lookup(items.status(), items.body(),
                YouTubeRules.title(request.title(), request.text()), YouTubeRules.description(request.text()), steps.since());
        return outcome instanceof CheckOutcome.Found f ? found(steps, f.externalId(), thumbnailNext) : outcome;
    }

    // ---- the upload session --------------------------------------------------------------------------------------

    /** What the session said when asked ({@code Content-Range: bytes *}{@code /N}). */
    sealed interface Session {
        /** 308 Resume Incomplete: YouTube has the first {@code received} bytes. */
        record Pending(long received) implements Session {
        }

        /** 200 or 201: every byte arrived and the video exists. */
        record Done(String videoId) implements Session {
        }

        /** 404: the session expired; an upload must begin again. */
        record Expired() implements Session {
        }

        /** Any other answer, as the connector reads it. */
        record Failed(PublishOutcome outcome) implements Session {
        }
    }

    /** using_resumable_upload_protocol, step 4.1: an empty PUT with {@code Content-Range: bytes *}{@code /N}. */
    private Session status(Account account, YouTubeSteps steps) throws Stop, IOException, InterruptedException {
        HttpAnswer answer = account.send(HttpRequest.newBuilder(URI.create(steps.session()))
                .header("Content-Range", "bytes */" + steps.size())
                .PUT(HttpRequest.BodyPublishers.noBody()), calls.requestTimeout());
        if (answer.status() == 308) {
            return YouTubeAnswers.received(answer.header("Range")).<Session>map(Session.Pending::new)
                    .orElseGet(() -> new Session.Failed(new PublishOutcome.Unknown("YouTube's Range could not be read: "
                            + answer.header("Range").orElse(""))));
        }
        if (answer.status() == 200 || answer.status() == 201) {
            return YouTubeAnswers.videoId(answer.body()).<Session>map(Session.Done::new)
                    .orElseGet(() -> new Session.Failed(new PublishOutcome.Unknown("YouTube finished the upload without naming the video")));
        }
        if (answer.status() == 404) {
            return new Session.Expired();
        }
        return new Session.Failed(YouTubeAnswers.classify(answer.status(), answer.body(), answer.header("Retry-After"),
                calls.now(), rateLimitWait, "the upload status query"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private URI api(String path) {
        return URI.create(apiUrl.replaceAll("/+$", "") + "/").resolve(path);
    }

    private URI upload(String path) {
        return URI.create(uploadUrl.replaceAll("/+$", "") + "/").resolve(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String reasonOf(PublishOutcome outcome) {
        if (outcome instanceof PublishOutcome.Permanent p) {
            return p.reason();
        } else if (outcome instanceof PublishOutcome.TokenRefused t) {
            return t.reason();
        } else if (outcome instanceof PublishOutcome.Unknown u) {
            return u.reason();
        } else if (outcome instanceof PublishOutcome.NotProcessed n) {
            return n.reason();
        } else if (outcome instanceof PublishOutcome.RateLimited r) {
            return r.reason();
        } else if (outcome instanceof PublishOutcome.StartOver o) {
            return o.reason();
        } else if (outcome instanceof PublishOutcome.InProgress i) {
            return i.note();
        } else if (outcome instanceof PublishOutcome.PublishedInPart p) {
            return p.reason();
        }
        return String.valueOf(outcome);
    }

    /** The account's calls with its token; a refused token is renewed once per step. */
    private final class Account {
        private final TokenSession tokens;

        Account(PublishRequest request) {
            this.tokens = calls.session(request, TokenSession.Refusal.on401(refused ->
                    YouTubeAnswers.classify(401, refused.body(), Optional.empty(), calls.now(), rateLimitWait, "the call")));
        }

        /** A call whose body can be sent again as it is; a 401 renews the token and repeats it once. */
        HttpAnswer send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException, Stop {
            return tokens.send(() -> request.copy().timeout(timeout));
        }

        /**
         * One chunk: {@code length} bytes of the file from {@code first}, streamed (never the whole file in memory),
         * with {@code Content-Range: bytes first-last/total}. A 401 renews the token and sends the chunk again.
         */
        HttpAnswer chunk(String session, SeekableByteChannel channel, long first, long length, long total, String type)
                throws IOException, InterruptedException, Stop {
            return tokens.send(() -> HttpRequest.newBuilder(URI.create(session)).timeout(uploadTimeout)
                    .header("Content-Type", type == null ? "application/octet-stream" : type)
                    .header("Content-Range", "bytes " + first + "-" + (first + length - 1) + "/" + total)
                    .PUT(ChannelRange.publisher(channel, first, length)));
        }

        /** thumbnails/set: the image as the request body ({@code uploadType=media}), streamed from the library. */
        HttpAnswer thumbnail(String videoId, MediaFiles.Sendable image) throws IOException, InterruptedException, Stop {
            try (SeekableByteChannel channel = image.opener().open()) {
                long size = channel.size();
                return tokens.send(() -> HttpRequest.newBuilder(upload("upload/youtube/v3/thumbnails/set?videoId=" + encode(videoId)
                                + "&uploadType=media")).timeout(uploadTimeout)
                        .header("Content-Type", image.mimeType())
                        .POST(ChannelRange.publisher(channel, 0, size)));
            }
        }
    }
}
