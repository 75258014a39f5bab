package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.MediaContent;
import dev.syndicast.publishing.control.RedditAnswers.Found;
import dev.syndicast.publishing.control.RedditAnswers.Submitted;
import dev.syndicast.publishing.control.RedditAnswers.Wanted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Publishes to Reddit through its OAuth API (www.reddit.com/dev/api, base {@code https://oauth.reddit.com}), into the
 * subreddit the target's {@code subreddit} option names (required), as the connected user. Every call carries the
 * account's bearer token and a descriptive {@code User-Agent} ({@code syndicast.platforms.reddit.user-agent}, in the
 * form {@code <platform>:<app id>:<version> (by /u/<user>)} Reddit's API rules ask for; default Java agents are
 * throttled hard).
 *
 * <p>The post's title is its own title, else the first line of its text (at most 300 characters); the text (without
 * that first line when it became the title) is the body of a text post. A target with the {@code url} option is a link
 * post. One image or one video goes up through Reddit's media asset lease ({@code POST /api/media/asset.json} with the
 * file's name and type answers an upload URL and form fields; the file is POSTed there as {@code multipart/form-data},
 * streamed with its length), a video with its poster image (the JPEG the media library cut from it), each upload one
 * stored step. Then {@code POST /api/submit} ({@code api_type=json}, {@code sr}, {@code kind} self/link/image/video,
 * {@code title}, {@code text} or {@code url}, {@code video_poster_url}, {@code flair_id}, {@code flair_text},
 * {@code nsfw}, {@code spoiler}). Two to twenty images make a gallery: each goes up through a lease of its own (its
 * {@code asset_id} stored before the next), then {@code POST /api/submit_gallery_post.json} takes a JSON body with
 * {@code items} of {@code media_id}, {@code caption} and {@code outbound_url} and answers the post's {@code id} and
 * {@code url}. Reddit answers refusals inside a 200 ({@link RedditAnswers}); {@code RATELIMIT} waits
 * the time it names without spending an attempt, like a 429 and like an answer whose {@code X-Ratelimit-Remaining} is
 * used up.
 *
 * <p>Reddit takes no idempotency key. A text or link submit answers the post's fullname ({@code t3_…}); after an
 * unknown outcome the author's submissions ({@code GET /user/{name}/submitted}) are searched by title, subreddit and
 * text or URL. An image or video submit answers no post at all (a websocket URL; the post appears once Reddit has
 * processed the media): the time it is sent is stored first, the submissions are searched right after it and then
 * every {@code processing-poll}, and a lookup that finds nothing within {@code processing-deadline} of that time cannot
 * tell yet, so nothing is sent twice while Reddit may still be processing. A gallery submit is treated the same way
 * after an unknown outcome (its time stored first, a gallery with its title looked for among the submissions before
 * it is sent again). A 401 renews the token once.
 */
@ApplicationScoped
public class RedditConnector implements Connector {

    public static final String PLATFORM = "reddit";
    /** The most a Reddit title holds (POST /api/submit: title, up to 300 characters). */
    static final int MAX_TITLE = 300;
    /**
     * Reddit's announcement of galleries (www.reddit.com/r/modnews/comments/hisodw): "we will only allow 20 images per
     * Image Gallery", each with "an optional caption (180 character max) and/or a URL link". The validator refuses
     * larger galleries first, by the registry's figure; this guards the call itself.
     */
    static final int MAX_GALLERY = 20;
    static final int MAX_CAPTION = 180;
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Listings return at most 100 things; the post in doubt is among the author's newest. */
    static final int LOOKUP_DEPTH = 25;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.reddit.api-url", defaultValue = "https://oauth.reddit.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.reddit.user-agent", defaultValue = "server:dev.syndicast:1.0 (by /u/syndicast)")
    String userAgent;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.reddit.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.reddit.processing-poll", defaultValue = "PT15S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.reddit.processing-deadline", defaultValue = "PT30M")
    Duration processingDeadline;

    @Inject
    PlatformCalls calls;

    /** Images and videos go through Reddit's media lease: only library items can be sent. */
    @Override
    public boolean uploadsFiles() {
        return true;
    }

    /** Reddit accounts, except those connected through the sandbox. */
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
        return calls.async(() -> checkNow(request));
    }

    /** {@code POST /api/del} with the post's fullname: 200 (Reddit answers 200 for a post already gone too). */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            HttpAnswer answer = new Session(request).send(() -> form(api("api/del"), Map.of("id", externalId)), "the delete");
            return answer.ok();
        } catch (Stop | IOException e) {
            return false;
        }
    }

    /**
     * What kind of post the target makes: POST /api/submit's {@code kind} (self, link, image, video), or a gallery of two
     * or more images ({@code POST /api/submit_gallery_post.json}).
     */
    enum Kind {
        SELF, LINK, IMAGE, VIDEO, GALLERY;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean media() {
            return this == IMAGE || this == VIDEO || this == GALLERY;
        }
    }

    static Kind kind(PublishRequest request) {
        if (request.option("url").filter(u -> !u.isBlank()).isPresent()) {
            return Kind.LINK;
        }
        if (request.media().isEmpty()) {
            return Kind.SELF;
        }
        if (request.media().size() > 1) {
            return Kind.GALLERY;
        }
        return isVideo(request.media().get(0)) ? Kind.VIDEO : Kind.IMAGE;
    }

    static boolean isVideo(PublishMedia media) {
        return media.mimeType() != null && media.mimeType().toLowerCase(Locale.ROOT).startsWith("video/");
    }

    /** The post's title, else the first line of its text, at most {@value #MAX_TITLE} characters. */
    static String title(PublishRequest request) {
        if (request.title() != null && !request.title().isBlank()) {
            return cut(request.title().strip());
        }
        return cut(firstLine(request.text()));
    }

    /** A text post's body: the text, without its first line when that line became the title. */
    static String body(PublishRequest request) {
        String text = request.text() == null ? "" : request.text();
        if (request.title() != null && !request.title().isBlank()) {
            return text.strip();
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? "" : stripped.substring(newline + 1).strip();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }

    private static String cut(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE) {
            return title;
        }
        return title.substring(0, title.offsetByCodePoints(0, MAX_TITLE - 1)).strip() + "…";
    }

    /** What cannot be submitted at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (request.option("subreddit").filter(s -> !s.isBlank()).isEmpty()) {
            return Optional.of("Reddit needs a subreddit to submit to: set the target's subreddit option");
        }
        if (!request.threadParts().isEmpty()) {
            return Optional.of("Reddit has no threads: a post with thread parts cannot be submitted");
        }
        if (title(request).isEmpty()) {
            return Optional.of("A Reddit post needs a title: give the post a title or text");
        }
        if (kind(request) == Kind.LINK && !request.media().isEmpty()) {
            return Optional.of("A Reddit link post (option url) cannot carry media");
        }
        if (request.media().size() > MAX_GALLERY) {
            return Optional.of("A Reddit gallery takes at most " + MAX_GALLERY + " images; the post has " + request.media().size());
        }
        if (kind(request) == Kind.GALLERY && request.media().stream().anyMatch(RedditConnector::isVideo)) {
            return Optional.of("A Reddit gallery is images only: a video is posted alone");
        }
        for (PublishMedia m : request.media()) {
            if (m.opener() == null) {
                return Optional.of("Reddit takes media as uploads: media " + m.reference()
                        + " is not an item of the media library (upload it to the library first, or post it as a link with the url option)");
            }
        }
        if (kind(request) == Kind.VIDEO && request.media().get(0).thumbnail() == null) {
            return Optional.of("Reddit needs a poster image with a video, and media " + request.media().get(0).reference()
                    + " has no thumbnail (the library cuts one with ffmpeg when the video is imported)");
        }
        return Optional.empty();
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    PublishOutcome publishNow(PublishRequest request) throws Stop {
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        Kind kind = kind(request);
        Session session = new Session(request);
        if (!kind.media()) {
            return submit(session, request, RedditSteps.none(), kind);
        }
        RedditSteps steps = RedditSteps.parse(request.platformState());
        Instant now = calls.now();
        if (steps.accepted()) {
            return awaitListed(session, request, steps, kind);
        }
        if (steps.submitting() == null && steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
            return new PublishOutcome.StartOver("the media did not reach Reddit within " + processingDeadline);
        }
        if (kind == Kind.GALLERY) {
            if (steps.gallery().size() > request.media().size()) {
                return new PublishOutcome.StartOver("the post's media changed");
            }
            if (steps.gallery().size() < request.media().size()) {
                return uploadGalleryImage(session, request, steps, now);
            }
        } else if (steps.mediaUrl() == null) {
            PublishMedia media = request.media().get(0);
            String url = mediaUrl(upload(session, media.opener(), fileName(media, kind), media.mimeType(), kind.wire()));
            return new PublishOutcome.InProgress(steps.withMedia(url, now).toJson(), Duration.ZERO,
                    "The " + kind.wire() + " was uploaded to Reddit");
        }
        if (kind == Kind.VIDEO && steps.posterUrl() == null) {
            String url = mediaUrl(upload(session, request.media().get(0).thumbnail(), "poster.jpg", "image/jpeg", "poster image"));
            return new PublishOutcome.InProgress(steps.withPoster(url).toJson(), Duration.ZERO,
                    "The video's poster image was uploaded to Reddit");
        }
        if (steps.submitting() == null || request.verifyFirst()) {
            // Stored before the submit goes out: a lookup after an unknown outcome then knows that Reddit may still
            // be processing the media, and does not send it again too early.
            String user = steps.user() != null ? steps.user() : userName(session);
            return new PublishOutcome.InProgress(steps.aboutToSubmit(user, now).toJson(), Duration.ZERO,
                    "Submitting the " + kind.wire() + " post to r/" + subreddit(request));
        }
        return submit(session, request, steps, kind);
    }

    /**
     * The next image of a gallery through its own media lease; the lease's asset id becomes the gallery item's
     * {@code media_id} and is stored before the next image goes up. Nothing visible exists yet.
     */
    private PublishOutcome uploadGalleryImage(Session session, PublishRequest request, RedditSteps steps, Instant now) throws Stop {
        int index = steps.gallery().size();
        PublishMedia image = request.media().get(index);
        String what = "image " + (index + 1) + " of " + request.media().size() + " of the gallery";
        RedditAnswers.Lease lease = upload(session, image.opener(), fileName(image, Kind.GALLERY), image.mimeType(), what);
        if (lease.assetId() == null || lease.assetId().isBlank()) {
            throw new Stop(new PublishOutcome.NotProcessed("Reddit's media lease for the " + what + " named no asset id", null));
        }
        return new PublishOutcome.InProgress(steps.withGalleryImage(lease.assetId(), now).toJson(), Duration.ZERO,
                "The " + what + " was uploaded to Reddit");
    }

    private static String fileName(PublishMedia media, Kind kind) {
        String name = media.fileName() == null || media.fileName().isBlank() ? kind.wire() : media.fileName();
        return name.replaceAll("[\"\\r\\n/\\\\]", "_");
    }

    /**
     * The media asset lease and the upload: {@code POST /api/media/asset.json} ({@code filepath}, {@code mimetype})
     * answers {@code args.action} (a scheme-relative URL, resolved against the API's scheme) and {@code args.fields};
     * the fields and then the file are POSTed there. Answers the lease with its action resolved. Nothing visible exists
     * yet; a failure is tried again.
     */
    private RedditAnswers.Lease upload(Session session, MediaContent.Opener opener, String name, String type, String what) throws Stop {
        String leaseCall = "the media lease of the " + what;
        try {
            HttpAnswer leased = session.send(() -> form(api("api/media/asset.json"), Map.of("filepath", name, "mimetype", type)), leaseCall);
            if (!leased.ok()) {
                throw new Stop(RedditAnswers.classify(leased, calls.now(), leaseCall, false));
            }
            RedditAnswers.Lease lease = RedditAnswers.lease(leased.body()).orElseThrow(() -> new Stop(new PublishOutcome.NotProcessed(
                    "Reddit's answer to " + leaseCall + " had no upload action or key", null)));
            URI action = URI.create(apiUrl).resolve(lease.action());
            try (SeekableByteChannel channel = opener.open()) {
                MultipartBody body = MultipartBody.of(lease.fields(), "file", name, type, channel);
                HttpResponse<String> response = calls.http().send(HttpRequest.newBuilder(action).timeout(uploadTimeout)
                        .header("Content-Type", body.contentType()).header("User-Agent", userAgent).POST(body.publisher()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new Stop(new PublishOutcome.NotProcessed("The upload of the " + what + " answered HTTP "
                            + response.statusCode() + " (nothing visible was created)", null));
                }
            }
            return new RedditAnswers.Lease(action.toString(), lease.fields(), lease.assetId());
        } catch (IOException | UncheckedIOException e) {
            throw new Stop(new PublishOutcome.NotProcessed("The upload of the " + what + " failed (nothing visible was created): "
                    + RedditAnswers.describe(e), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(new PublishOutcome.NotProcessed("Interrupted while uploading the " + what, null));
        }
    }

    /** An image's or video's URL as the submit names it: the upload action and the lease's key. */
    private static String mediaUrl(RedditAnswers.Lease uploaded) {
        return uploaded.action().replaceAll("/+$", "") + "/" + uploaded.key();
    }

    /**
     * The visible call: {@code POST /api/submit}, or for a gallery {@code POST /api/submit_gallery_post.json}; its
     * outcome follows the exactly-once rule.
     */
    private PublishOutcome submit(Session session, PublishRequest request, RedditSteps steps, Kind kind) throws Stop {
        String what = kind == Kind.GALLERY ? "the gallery submit" : "the submit";
        Supplier<HttpRequest.Builder> call;
        if (kind == Kind.GALLERY) {
            String body = galleryBody(request, steps);
            call = () -> api("api/submit_gallery_post.json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            Map<String, String> fields = submitForm(request, steps, kind);
            call = () -> form(api("api/submit"), fields);
        }
        HttpAnswer answer;
        try {
            answer = session.send(call, what);
        } catch (IOException e) {
            return RedditAnswers.exception(what, e, true);
        }
        if (!answer.ok()) {
            return RedditAnswers.classify(answer, calls.now(), what, true);
        }
        Submitted submitted = RedditAnswers.submitted(answer, calls.now());
        if (submitted instanceof Submitted.Created created) {
            return new PublishOutcome.Published(created.name(), created.url());
        }
        if (submitted instanceof Submitted.Refused refusal) {
            return refusal.outcome();
        }
        // Accepted: the post exists once Reddit has processed the media; it is looked for now and from now on.
        RedditSteps taken = steps.acceptedByReddit();
        Optional<Found> found;
        try {
            found = find(session, request, taken, kind);
        } catch (Stop stop) {
            found = Optional.empty();
        }
        return found.<PublishOutcome>map(f -> new PublishOutcome.Published(f.name(), f.url()))
                .orElseGet(() -> new PublishOutcome.InProgress(taken.toJson(), processingPoll, "Reddit accepted the "
                        + kind.wire() + " post; waiting for it to appear in u/" + taken.user() + "'s submissions"));
    }

    /** POST /api/submit's form for this post. */
    static Map<String, String> submitForm(PublishRequest request, RedditSteps steps, Kind kind) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_type", "json");
        form.put("sr", subreddit(request));
        form.put("kind", kind.wire());
        form.put("title", title(request));
        switch (kind) {
            case SELF -> form.put("text", body(request));
            case LINK -> {
                form.put("url", request.option("url").orElseThrow());
                form.put("resubmit", "true");
            }
            case IMAGE -> form.put("url", steps.mediaUrl());
            case VIDEO -> {
                form.put("url", steps.mediaUrl());
                form.put("video_poster_url", steps.posterUrl());
            }
        }
        request.option("flair_id").filter(f -> !f.isBlank()).ifPresent(f -> form.put("flair_id", f));
        request.option("flair_text").filter(f -> !f.isBlank()).ifPresent(f -> form.put("flair_text", f));
        form.put("nsfw", String.valueOf(request.flag("nsfw").orElse(false)));
        form.put("spoiler", String.valueOf(request.flag("spoiler").orElse(false)));
        form.put("sendreplies", "true");
        return form;
    }

    /**
     * The gallery submit's JSON body, in the shape Reddit's own clients send (praw {@code Subreddit.submit_gallery}):
     * {@code api_type}, {@code sr}, {@code title}, the body {@code text} (when there is one), {@code items} in the post's
     * order, each {@code media_id} (the uploaded asset), {@code caption} (the image's alt text, at most
     * {@value #MAX_CAPTION} characters) and {@code outbound_url} (none), the flair options, {@code nsfw},
     * {@code spoiler}, {@code sendreplies}, {@code show_error_list} and {@code validate_on_submit}.
     */
    static String galleryBody(PublishRequest request, RedditSteps steps) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("api_type", "json").add("sr", subreddit(request))
                .add("title", title(request));
        String text = body(request);
        if (!text.isEmpty()) {
            body.add("text", text);
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (int i = 0; i < steps.gallery().size(); i++) {
            items.add(JSON.createObjectBuilder().add("media_id", steps.gallery().get(i))
                    .add("caption", caption(request.media().get(i))).add("outbound_url", ""));
        }
        body.add("items", items);
        request.option("flair_id").filter(f -> !f.isBlank()).ifPresent(f -> body.add("flair_id", f));
        request.option("flair_text").filter(f -> !f.isBlank()).ifPresent(f -> body.add("flair_text", f));
        return body.add("nsfw", request.flag("nsfw").orElse(false)).add("spoiler", request.flag("spoiler").orElse(false))
                .add("sendreplies", true).add("show_error_list", true).add("validate_on_submit", true).build().toString();
    }

    /** A gallery item's caption: the image's alt text, cut to {@value #MAX_CAPTION} characters. */
    static String caption(PublishMedia image) {
        String alt = image.altText() == null ? "" : image.altText().strip();
        return alt.codePointCount(0, alt.length()) <= MAX_CAPTION ? alt
                : alt.substring(0, alt.offsetByCodePoints(0, MAX_CAPTION - 1)).strip() + "…";
    }

    /** The subreddit's name as Reddit's {@code sr} takes it: without a leading {@code r/}. */
    static String subreddit(PublishRequest request) {
        return request.option("subreddit").orElse("").strip().replaceFirst("^/?r/", "");
    }

    /** After Reddit accepted a media submission: the post, once it is listed; past the deadline the outcome is unknown. */
    private PublishOutcome awaitListed(Session session, PublishRequest request, RedditSteps steps, Kind kind) {
        Optional<Found> found;
        try {
            found = find(session, request, steps, kind);
        } catch (Stop stop) {
            // The post may exist: a wait is kept as a wait (the state stays), anything else leaves the outcome unknown.
            return stop.outcome instanceof PublishOutcome.RateLimited ? stop.outcome
                    : new PublishOutcome.Unknown("Reddit accepted the " + kind.wire() + " post, but looking it up failed: " + stop.outcome);
        }
        if (found.isPresent()) {
            return new PublishOutcome.Published(found.get().name(), found.get().url());
        }
        Instant since = steps.submitting() != null ? steps.submitting() : steps.since();
        if (since != null && calls.now().isAfter(since.plus(processingDeadline))) {
            return new PublishOutcome.Unknown("Reddit accepted the " + kind.wire() + " post at " + since + " but it is not listed"
                    + " among u/" + steps.user() + "'s submissions after " + processingDeadline);
        }
        return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "Waiting for the " + kind.wire()
                + " post to appear in u/" + steps.user() + "'s submissions");
    }

    /** The post among the author's newest submissions; empty when it is not listed (or the listing failed). */
    private Optional<Found> find(Session session, PublishRequest request, RedditSteps steps, Kind kind) throws Stop {
        try {
            String user = steps.user() != null ? steps.user() : userName(session);
            HttpAnswer answer = lookup(session, user);
            return answer.ok() ? RedditAnswers.find(answer.body(), wanted(request, steps, kind)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private HttpAnswer lookup(Session session, String user) throws IOException, Stop {
        return session.send(() -> api("user/" + encode(user) + "/submitted?sort=new&limit=" + LOOKUP_DEPTH + "&raw_json=1").GET(),
                "the submissions lookup");
    }

    static Wanted wanted(PublishRequest request, RedditSteps steps, Kind kind) {
        Instant notBefore = steps.submitting() == null ? null : steps.submitting().minus(Duration.ofMinutes(1));
        return new Wanted(title(request), subreddit(request), kind.wire(), kind == Kind.SELF ? body(request) : null,
                kind == Kind.LINK ? request.option("url").orElse(null) : null, notBefore);
    }

    /** {@code GET /api/v1/me}: whose submissions to search. */
    private String userName(Session session) throws Stop {
        try {
            HttpAnswer me = session.send(() -> api("api/v1/me").GET(), "the account lookup");
            if (!me.ok()) {
                throw new Stop(RedditAnswers.classify(me, calls.now(), "the account lookup", false));
            }
            return RedditAnswers.userName(me.body()).orElseThrow(() -> new Stop(new PublishOutcome.NotProcessed(
                    "Reddit's account lookup named no user", null)));
        } catch (IOException e) {
            throw new Stop(RedditAnswers.exception("the account lookup", e, false));
        }
    }

    // ---- check: look the post up among the author's submissions ----------------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        Kind kind = kind(request);
        RedditSteps steps = kind.media() ? RedditSteps.parse(request.platformState()) : RedditSteps.none();
        if (request.option("subreddit").filter(s -> !s.isBlank()).isEmpty() || title(request).isEmpty()) {
            return new CheckOutcome.NotFound();
        }
        if (kind.media() && steps.submitting() == null) {
            // The submit of a media post is only sent after its time is stored: it was never sent.
            return new CheckOutcome.NotFound();
        }
        try {
            Session session = new Session(request);
            String user = steps.user() != null ? steps.user() : userName(session);
            HttpAnswer answer = lookup(session, user);
            if (!answer.ok() || !RedditAnswers.isListing(answer.body())) {
                return new CheckOutcome.CannotTell("the submissions lookup answered HTTP " + answer.status());
            }
            Optional<Found> found = RedditAnswers.find(answer.body(), wanted(request, steps, kind));
            if (found.isPresent()) {
                return new CheckOutcome.Found(found.get().name(), found.get().url());
            }
            if (kind.media() && (steps.accepted() || calls.now().isBefore(steps.submitting().plus(processingDeadline)))) {
                return new CheckOutcome.CannotTell("the " + kind.wire() + " post is not listed among u/" + user
                        + "'s submissions yet; Reddit may still be processing it");
            }
            return new CheckOutcome.NotFound();
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(String.valueOf(stop.outcome));
        } catch (IOException e) {
            return new CheckOutcome.CannotTell("the submissions lookup failed: " + RedditAnswers.describe(e));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/" + path)).timeout(calls.requestTimeout());
    }

    private static HttpRequest.Builder form(HttpRequest.Builder builder, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
        return builder.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Until when each account's requests are used up, from the last answer whose {@code X-Ratelimit-Remaining} fell
     * below one ({@code X-Ratelimit-Reset} seconds later): a call before then would be refused, so it is not sent.
     * Kept in memory by this instance; another instance learns it from Reddit's own answers.
     */
    private final Map<String, Instant> usedUpUntil = new ConcurrentHashMap<>();

    /**
     * The account's calls: its bearer token and the User-Agent on each; a 401 renews the token once and repeats the
     * call; a 429, or a call while the account's requests are used up, ends the step as rate limited (no attempt).
     */
    private final class Session {
        private final TokenSession tokens;
        private final String account;

        Session(PublishRequest request) {
            // Reddit's documentation spells the scheme "bearer".
            this.tokens = calls.session(request, TokenSession.Refusal.on401(refused ->
                    RedditAnswers.classify(refused, calls.now(), "the call", false))).scheme("bearer").header("User-Agent", userAgent);
            this.account = request.accountId() != null ? request.accountId().toString() : String.valueOf(request.platformAccountId());
        }

        HttpAnswer send(Supplier<HttpRequest.Builder> call, String what) throws IOException, Stop {
            Instant now = calls.now();
            Instant until = usedUpUntil.get(account);
            if (until != null && now.isBefore(until)) {
                throw new Stop(new PublishOutcome.RateLimited("Reddit's rate limit for this account is used up"
                        + " (X-Ratelimit-Remaining 0) until " + until + "; " + what + " waits", Duration.between(now, until)));
            }
            HttpAnswer answer = tokens.sendOrFail(call);
            if (RedditAnswers.usedUp(answer)) {
                usedUpUntil.put(account, calls.now().plus(RedditAnswers.rateLimitWait(answer, calls.now())));
            } else if (answer.header("X-Ratelimit-Remaining").isPresent()) {
                usedUpUntil.remove(account);
            }
            if (answer.status() == 429) {
                throw new Stop(RedditAnswers.classify(answer, calls.now(), what, false));
            }
            return answer;
        }
    }
}
