package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Publishes pins through the Pinterest API v5 (developers.pinterest.com/docs/api/v5), onto the board the target's
 * {@code board_id} option names (required: Syndicast keeps no per-account settings, so there is no default board).
 *
 * <p>Images go in the pin call itself ({@code POST /v5/pins}, {@code media_source}): when {@code syndicast.public-url}
 * is set, as {@code image_url} (a signed, expiring public URL of this installation, which Pinterest fetches: the
 * request stays small); otherwise as {@code image_base64}, the file streamed from the library and encoded on the fly
 * with its length declared, so no public URL is needed and no image is held in memory. Two to five images make a
 * carousel ({@code multiple_image_urls} or {@code multiple_image_base64}). Media named by an outside URL is handed
 * over as that URL.
 *
 * <p>A video takes steps, one per call, each stored in the job before the next ({@link PinterestSteps}): it is
 * registered ({@code POST /v5/media}, {@code media_type: video}, answering a {@code media_id}, an {@code upload_url}
 * and {@code upload_parameters}); the file is POSTed to the upload URL as {@code multipart/form-data} with those
 * parameters first and the file last (streamed, with its length); {@code GET /v5/media/{media_id}} is asked until it
 * is {@code succeeded} ({@code failed}, or longer than the processing deadline, starts over); then the pin is created
 * with {@code media_source} {@code video_id} and the frame one second in as its cover
 * ({@code cover_image_key_frame_time}). None of this is visible before the pin call.
 *
 * <p>Pins take no idempotency key, so a pin call whose outcome is unknown (5xx, a timeout or broken connection after
 * sending) is never repeated blindly: {@code check} lists the board's pins ({@code GET /v5/boards/{board_id}/pins})
 * and looks for one with the title, description and link this post sends. A 401 renews the token once
 * ({@link AccessToken}); a 429 waits without spending an attempt.
 */
@ApplicationScoped
public class PinterestConnector implements Connector {

    public static final String PLATFORM = "pinterest";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** How long public media URLs handed to Pinterest stay valid: long enough for its fetch and for retries. */
    static final Duration MEDIA_URL_TTL = Duration.ofHours(6);
    /** List board Pins: page_size is at most 250 (default 25); the pin in doubt is among the newest. */
    static final int LOOKUP_DEPTH = 100;
    /** pins-create: a carousel has 2 to 5 images; alt_text is at most 500 characters. */
    static final int MAX_CAROUSEL = 5;
    static final int MAX_ALT_TEXT = 500;
    /** The cover frame of a video pin, in seconds: the frame the media library's own thumbnail shows. */
    static final int COVER_KEYFRAME_SECONDS = 1;
    /** The image types Pinterest takes inline (PinMediaSourceImageBase64.content_type). */
    static final Set<String> INLINE_TYPES = Set.of("image/jpeg", "image/png");

    @Inject
    @ConfigProperty(name = "syndicast.platforms.pinterest.api-url", defaultValue = "https://api.pinterest.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.pinterest.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.pinterest.processing-poll", defaultValue = "PT10S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.pinterest.processing-deadline", defaultValue = "PT1H")
    Duration processingDeadline;

    @Inject
    PlatformCalls calls;

    @Inject
    PublicMediaUrls publicUrls;

    /** Pinterest accounts, except those connected through the sandbox. */
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

    /** {@code DELETE /v5/pins/{pin_id}}: 204. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            HttpAnswer answer = new Session(request).send(() -> api("v5/pins/" + encode(externalId)).DELETE(), "the delete");
            return answer.ok();
        } catch (Stop | IOException e) {
            return false;
        }
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    PublishOutcome publishNow(PublishRequest request) throws Stop {
        Optional<String> refused = refusal(request, publicUrls != null && publicUrls.available());
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        Session session = new Session(request);
        if (!isVideo(request.media().get(0))) {
            return createPin(session, request, null);
        }
        PinterestSteps steps = PinterestSteps.parse(request.platformState());
        Instant now = calls.now();
        if (steps.since() != null && (steps.media() == null || !steps.media().ready())
                && now.isAfter(steps.since().plus(processingDeadline))) {
            return new PublishOutcome.StartOver("Pinterest did not take the video within " + processingDeadline);
        }
        PublishMedia video = request.media().get(0);
        if (steps.media() == null) {
            return register(session, steps);
        }
        if (!steps.media().uploaded()) {
            return upload(steps, video);
        }
        if (!steps.media().ready()) {
            return poll(session, steps);
        }
        return createPin(session, request, steps.media().id());
    }

    /** What a pin cannot be made of at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request, boolean publicUrls) {
        if (request.option("board_id").filter(b -> !b.isBlank()).isEmpty()) {
            return Optional.of("Pinterest needs a board to pin to: set the target's board_id option");
        }
        if (!request.threadParts().isEmpty()) {
            return Optional.of("Pinterest has no threads: a post with thread parts cannot be pinned");
        }
        List<PublishMedia> media = request.media();
        if (media.isEmpty()) {
            return Optional.of("A pin needs an image or a video (pins-create: media_source is required)");
        }
        if (media.stream().anyMatch(PinterestConnector::isVideo)) {
            if (media.size() > 1) {
                return Optional.of("A pin carries one video alone, or 1 to " + MAX_CAROUSEL + " images");
            }
            if (media.get(0).opener() == null) {
                return Optional.of("Pinterest takes a video as an upload: media " + media.get(0).reference()
                        + " is not an item of the media library (upload it to the library first)");
            }
            return Optional.empty();
        }
        if (media.size() > MAX_CAROUSEL) {
            return Optional.of("A Pinterest carousel takes at most " + MAX_CAROUSEL + " images; the post has " + media.size());
        }
        for (PublishMedia m : media) {
            if (m.opener() == null && !isUrl(m.reference())) {
                return Optional.of("Pinterest cannot fetch media " + m.reference() + ": it is neither a library item nor a URL");
            }
        }
        if (!byUrl(media, publicUrls)) {
            if (media.stream().anyMatch(m -> m.opener() == null)) {
                return Optional.of("A Pinterest carousel cannot mix images given by URL with library images unless"
                        + " syndicast.public-url is set");
            }
            for (PublishMedia m : media) {
                if (!INLINE_TYPES.contains(type(m))) {
                    return Optional.of("Pinterest takes uploaded images as JPEG or PNG only (media " + m.reference() + " is "
                            + m.mimeType() + "); set syndicast.public-url so Pinterest fetches it instead");
                }
            }
        }
        return Optional.empty();
    }

    /** Images go by URL when every one has a URL Pinterest can fetch: library items need a public base for that. */
    static boolean byUrl(List<PublishMedia> media, boolean publicUrls) {
        return media.stream().allMatch(m -> m.opener() == null || publicUrls);
    }

    static boolean isVideo(PublishMedia media) {
        return type(media).startsWith("video/");
    }

    private static String type(PublishMedia media) {
        return media.mimeType() == null ? "" : media.mimeType().toLowerCase(Locale.ROOT);
    }

    private static boolean isUrl(String reference) {
        return reference != null && (reference.startsWith("https://") || reference.startsWith("http://"));
    }

    /** Register media upload: {@code POST /v5/media} with {@code media_type: video}. Nothing visible exists yet. */
    private PublishOutcome register(Session session, PinterestSteps steps) throws Stop {
        String what = "the video registration";
        try {
            HttpAnswer answer = session.send(() -> json(api("v5/media"), "{\"media_type\":\"video\"}"), what);
            if (!answer.ok()) {
                return PinterestAnswers.classify(answer, calls.now(), what, false);
            }
            Optional<PinterestSteps.Media> media = PinterestAnswers.registered(answer.body());
            if (media.isEmpty()) {
                return new PublishOutcome.NotProcessed("Pinterest's answer to " + what + " had no media_id or upload_url", null);
            }
            return new PublishOutcome.InProgress(steps.registered(media.get(), calls.now()).toJson(), Duration.ZERO,
                    "Video registered with Pinterest as media " + media.get().id());
        } catch (IOException e) {
            return PinterestAnswers.exception(what, e, false);
        }
    }

    /**
     * The file POSTed to the registration's {@code upload_url}: {@code multipart/form-data} with every
     * {@code upload_parameters} field, then the file as {@code file} (the upload URL is pre-signed: no token goes
     * there). A refused upload (its signature ran out) registers the video again; one that broke is sent again.
     */
    private PublishOutcome upload(PinterestSteps steps, PublishMedia video) {
        PinterestSteps.Media media = steps.media();
        String name = video.fileName() == null || video.fileName().isBlank() ? "video.mp4" : video.fileName().replaceAll("[\"\\r\\n]", "_");
        try (SeekableByteChannel channel = video.opener().open()) {
            MultipartBody body = MultipartBody.of(media.uploadParameters(), "file", name, video.mimeType(), channel);
            HttpResponse<String> response = calls.http().send(HttpRequest.newBuilder(URI.create(media.uploadUrl())).timeout(uploadTimeout)
                    .header("Content-Type", body.contentType()).POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new PublishOutcome.InProgress(steps.uploaded().toJson(), processingPoll,
                        "Video uploaded to Pinterest; waiting for it to be processed");
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new PublishOutcome.InProgress(steps.withoutMedia().toJson(), Duration.ZERO, "Pinterest's upload URL refused"
                        + " the video (HTTP " + status + "); registering it again");
            }
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "The video upload answered HTTP " + status
                    + "; sending it again");
        } catch (IOException | UncheckedIOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "The video upload broke ("
                    + PinterestAnswers.describe(e) + "); sending it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.NotProcessed("Interrupted while uploading the video", null);
        }
    }

    /** Get media upload details: {@code registered}, {@code processing}, {@code succeeded} or {@code failed}. */
    private PublishOutcome poll(Session session, PinterestSteps steps) throws Stop {
        String what = "the video status check";
        try {
            HttpAnswer answer = session.send(() -> api("v5/media/" + encode(steps.media().id())).GET(), what);
            if (answer.status() == 404) {
                return new PublishOutcome.StartOver("the video upload is no longer on Pinterest");
            }
            if (!answer.ok()) {
                PublishOutcome failed = PinterestAnswers.classify(answer, calls.now(), what, false);
                return failed instanceof PublishOutcome.NotProcessed n
                        ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failed;
            }
            String status = PinterestAnswers.mediaStatus(answer.body());
            return switch (status) {
                case "succeeded" -> new PublishOutcome.InProgress(steps.ready().toJson(), Duration.ZERO, "Pinterest processed the video");
                case "failed" -> new PublishOutcome.StartOver("Pinterest failed to process the video");
                default -> new PublishOutcome.InProgress(steps.toJson(), processingPoll, "Pinterest is processing the video ("
                        + (status.isEmpty() ? "no status yet" : status) + ")");
            };
        } catch (IOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "The video status check failed: "
                    + PinterestAnswers.describe(e));
        }
    }

    /** The visible call: {@code POST /v5/pins}; its outcome follows the exactly-once rule. */
    private PublishOutcome createPin(Session session, PublishRequest request, String videoId) throws Stop {
        String what = "the pin call";
        String nonce = Base64JsonBody.nonce();
        JsonObject source = videoId != null ? videoSource(videoId)
                : imageSource(request.media(), publicUrls != null && publicUrls.available(), this::mediaUrl, nonce);
        String body = pinBody(request, source).toString();
        List<PublishMedia> inline = videoId != null || byUrl(request.media(), publicUrls != null && publicUrls.available())
                ? List.of() : request.media();
        List<SeekableByteChannel> channels = new ArrayList<>();
        try {
            for (PublishMedia m : inline) {
                channels.add(m.opener().open());
            }
            HttpAnswer answer;
            if (channels.isEmpty()) {
                answer = session.send(() -> json(api("v5/pins"), body), what);
            } else {
                Base64JsonBody inlined = Base64JsonBody.of(body, nonce, channels);
                answer = session.send(() -> api("v5/pins").header("Content-Type", "application/json")
                        .timeout(uploadTimeout).POST(inlined.publisher()), what);
            }
            if (answer.status() == 201 || answer.status() == 200) {
                return PinterestAnswers.pinId(answer.body())
                        .<PublishOutcome>map(id -> new PublishOutcome.Published(id, PinterestAnswers.pinUrl(id)))
                        .orElseGet(() -> new PublishOutcome.Unknown("Pinterest created the pin without naming it (no id)"));
            }
            return PinterestAnswers.classify(answer, calls.now(), what, true);
        } catch (IOException e) {
            if (channels.size() < inline.size()) {
                return new PublishOutcome.NotProcessed("A library image could not be read: " + PinterestAnswers.describe(e), null);
            }
            return PinterestAnswers.exception(what, e, true);
        } finally {
            for (SeekableByteChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // read-only; nothing to lose
                }
            }
        }
    }

    /**
     * pins-create's body: the board (and section), the post's title (as the pin title), text (as the description),
     * the target's link, the alt text (the target's option, else the first media item's), and the media source.
     */
    static JsonObject pinBody(PublishRequest request, JsonObject mediaSource) {
        JsonObjectBuilder pin = JSON.createObjectBuilder().add("board_id", request.option("board_id").orElseThrow());
        request.option("board_section_id").filter(s -> !s.isBlank()).ifPresent(s -> pin.add("board_section_id", s));
        title(request).ifPresent(t -> pin.add("title", t));
        description(request).ifPresent(d -> pin.add("description", d));
        request.option("link").filter(s -> !s.isBlank()).ifPresent(l -> pin.add("link", l));
        altText(request).ifPresent(a -> pin.add("alt_text", a));
        return pin.add("media_source", mediaSource).build();
    }

    static Optional<String> title(PublishRequest request) {
        return Optional.ofNullable(request.title()).map(String::strip).filter(t -> !t.isEmpty());
    }

    static Optional<String> description(PublishRequest request) {
        return Optional.ofNullable(request.text()).filter(t -> !t.isBlank());
    }

    static Optional<String> altText(PublishRequest request) {
        Optional<String> alt = request.option("alt_text").filter(a -> !a.isBlank());
        if (alt.isEmpty() && !request.media().isEmpty()) {
            alt = Optional.ofNullable(request.media().get(0).altText()).filter(a -> !a.isBlank());
        }
        return alt.map(a -> a.codePointCount(0, a.length()) <= MAX_ALT_TEXT ? a
                : a.substring(0, a.offsetByCodePoints(0, MAX_ALT_TEXT)));
    }

    /**
     * The images' media source: by URL ({@code image_url}, {@code multiple_image_urls}) when each has one Pinterest can
     * fetch, else inline ({@code image_base64}, {@code multiple_image_base64}) with a placeholder per file that
     * {@link Base64JsonBody} replaces with its bytes.
     */
    static JsonObject imageSource(List<PublishMedia> media, boolean publicUrls, Function<PublishMedia, String> urls, String nonce) {
        boolean byUrl = byUrl(media, publicUrls);
        if (media.size() == 1) {
            PublishMedia m = media.get(0);
            return byUrl ? JSON.createObjectBuilder().add("source_type", "image_url").add("url", urls.apply(m)).build()
                    : JSON.createObjectBuilder().add("source_type", "image_base64").add("content_type", type(m))
                    .add("data", Base64JsonBody.placeholder(nonce, 0)).build();
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (int i = 0; i < media.size(); i++) {
            PublishMedia m = media.get(i);
            items.add(byUrl ? JSON.createObjectBuilder().add("url", urls.apply(m))
                    : JSON.createObjectBuilder().add("content_type", type(m)).add("data", Base64JsonBody.placeholder(nonce, i)));
        }
        return JSON.createObjectBuilder().add("source_type", byUrl ? "multiple_image_urls" : "multiple_image_base64")
                .add("items", items).build();
    }

    /** A processed video upload, with the frame a second in as its cover. */
    static JsonObject videoSource(String mediaId) {
        return JSON.createObjectBuilder().add("source_type", "video_id").add("media_id", mediaId)
                .add("cover_image_key_frame_time", COVER_KEYFRAME_SECONDS).build();
    }

    /** A library item's signed public URL; media named by a URL outside the library is handed over as it is. */
    private String mediaUrl(PublishMedia media) {
        if (media.opener() == null) {
            return media.reference();
        }
        return publicUrls.url(UUID.fromString(media.reference()), MEDIA_URL_TTL)
                .orElseThrow(() -> new IllegalStateException("syndicast.public-url is not set"));
    }

    // ---- check: look the pin up among the board's pins --------------------------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        Optional<String> board = request.option("board_id").filter(b -> !b.isBlank());
        if (board.isEmpty()) {
            // No board: no pin call could have been sent.
            return new CheckOutcome.NotFound();
        }
        try {
            HttpAnswer answer = new Session(request).send(() -> api("v5/boards/" + encode(board.get()) + "/pins?page_size="
                    + LOOKUP_DEPTH).GET(), "the board's pin list");
            if (!answer.ok() || !PinterestAnswers.isListing(answer.body())) {
                return new CheckOutcome.CannotTell("the board's pin list answered HTTP " + answer.status());
            }
            return PinterestAnswers.findPin(answer.body(), title(request).orElse(null), description(request).orElse(null),
                            request.option("link").filter(l -> !l.isBlank()).orElse(null))
                    .<CheckOutcome>map(id -> new CheckOutcome.Found(id, PinterestAnswers.pinUrl(id)))
                    .orElseGet(CheckOutcome.NotFound::new);
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(String.valueOf(stop.outcome));
        } catch (IOException e) {
            return new CheckOutcome.CannotTell("the board's pin list failed: " + PinterestAnswers.describe(e));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/" + path)).timeout(calls.requestTimeout());
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String body) {
        return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The account's calls with its token; a 401 renews it once and repeats the call; a 429 ends the step. */
    private final class Session {
        private final TokenSession tokens;

        Session(PublishRequest request) {
            this.tokens = calls.session(request, TokenSession.Refusal.on401(refused ->
                    PinterestAnswers.classify(refused, calls.now(), "the call", false)));
        }

        HttpAnswer send(Supplier<HttpRequest.Builder> call, String what) throws IOException, Stop {
            HttpAnswer answer = tokens.sendOrFail(call);
            if (answer.status() == 429) {
                throw new Stop(PinterestAnswers.classify(answer, calls.now(), what, false));
            }
            return answer;
        }
    }
}
