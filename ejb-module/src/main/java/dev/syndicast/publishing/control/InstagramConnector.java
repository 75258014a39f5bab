package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static dev.syndicast.publishing.control.GraphAnswers.encode;

/**
 * Instagram professional (business and creator) accounts through the Instagram API with Instagram Login
 * (developers.facebook.com/docs/instagram-platform/content-publishing). Instagram fetches media itself, by URL: each
 * library item is handed over as a signed, expiring public URL of this installation ({@link PublicMediaUrls}), so
 * {@code syndicast.public-url} must be set. One step per call, each stored in the job ({@link ContainerSteps}):
 * <ol>
 *   <li>for a carousel (2 to 10 media), one item container per medium ({@code POST /{ig-user-id}/media} with
 *   {@code image_url} or {@code media_type=VIDEO&video_url}, {@code is_carousel_item=true}), each polled
 *   ({@code GET /{container-id}?fields=status_code,status}) until FINISHED;</li>
 *   <li>the post's container: an image ({@code image_url}, Instagram's default media type), a reel
 *   ({@code media_type=REELS&video_url}, with the target's {@code share_to_feed} and {@code thumb_offset}) or the
 *   carousel ({@code media_type=CAROUSEL&children}), with {@code caption}, {@code alt_text} for an image, and the
 *   target's {@code collaborators} and {@code location_id}; polled until FINISHED;</li>
 *   <li>{@code GET /{ig-user-id}/content_publishing_limit}: a used-up rolling 24-hour quota waits
 *   ({@code quota-wait}) without spending an attempt;</li>
 *   <li>{@code POST /{ig-user-id}/media_publish?creation_id=…}, then the permalink ({@code GET /{media-id}?fields=permalink}).</li>
 * </ol>
 * Exactly once: containers are invisible until published, so a failed container call is simply made again. The
 * container id is stored before {@code media_publish}; after an unknown outcome its {@code status_code} tells:
 * PUBLISHED means the post exists (found among the account's recent media by caption and time), anything else means
 * it does not. ERROR with a subcode Instagram's error page calls the media's fault fails the post with that reason;
 * any other ERROR, and EXPIRED (not published within 24 hours), start over with new containers.
 */
@ApplicationScoped
public class InstagramConnector implements Connector {

    public static final String PLATFORM = "instagram";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** content-publishing#carousel-posts: a carousel has 2 to 10 images, videos or a mix. */
    static final int MAX_CAROUSEL = 10;
    /** How many recent media a lookup reads. */
    static final int LOOKUP_DEPTH = 25;

    /**
     * Instagram Login's host (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container,
     * "Host URL"): graph.instagram.com with Instagram User tokens; graph.facebook.com serves Facebook Login tokens.
     */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.instagram.api-url", defaultValue = "https://graph.instagram.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.instagram.api-version", defaultValue = "v25.0")
    String apiVersion;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.instagram.processing-poll", defaultValue = "PT30S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.instagram.processing-deadline", defaultValue = "PT30M")
    Duration processingDeadline;

    /** The publishing limit is a rolling 24 hours: a used-up quota is asked again after this. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.instagram.quota-wait", defaultValue = "PT1H")
    Duration quotaWait;

    @Inject
    PublicMediaUrls publicUrls;

    @Inject
    PlatformCalls calls;

    private GraphClient graph;

    @PostConstruct
    void init() {
        graph = new GraphClient(calls.http(), apiUrl, apiVersion, calls.requestTimeout());
    }

    /** Instagram accounts connected directly (one connected through the sandbox is the sandbox connector's). */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        ContainerSteps steps = ContainerSteps.parse(request.platformState());
        Instant now = calls.now();
        if (steps.container() == null && steps.children().isEmpty()) {
            Optional<String> refused = refusal(request, publicUrls.available());
            if (refused.isPresent()) {
                return done(new PublishOutcome.Permanent(refused.get()));
            }
        }
        if (steps.children().size() > carouselSize(request)) {
            return done(new PublishOutcome.StartOver("the post's media changed"));
        }
        boolean waiting = steps.container() == null || !steps.container().ready();
        if (waiting && steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
            return done(new PublishOutcome.StartOver("Instagram did not finish the media within " + processingDeadline));
        }
        if (steps.container() == null) {
            if (steps.children().size() < carouselSize(request)) {
                int index = steps.children().size();
                return create(request, childForm(request.media().get(index), this::mediaUrl), "the container of carousel item " + (index + 1),
                        id -> steps.withChild(new ContainerSteps.Container(id, false), now));
            }
            for (int i = 0; i < steps.children().size(); i++) {
                if (!steps.children().get(i).ready()) {
                    int index = i;
                    return poll(request, steps.children().get(i).id(), "carousel item " + (i + 1), steps, () -> steps.childReady(index));
                }
            }
            return create(request, containerForm(request, steps, this::mediaUrl), "the post's container",
                    id -> steps.withContainer(new ContainerSteps.Container(id, false), now));
        }
        if (!steps.container().ready()) {
            return poll(request, steps.container().id(), "the post's container", steps, steps::containerReady);
        }
        return publishContainer(request, steps);
    }

    /** Item containers come first only for a carousel (two or more media). */
    static int carouselSize(PublishRequest request) {
        return request.media().size() > 1 ? request.media().size() : 0;
    }

    /** What Instagram cannot take at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request, boolean publicUrls) {
        if (request.media().isEmpty()) {
            return Optional.of("An Instagram post needs an image or a video (content-publishing: no text-only posts)");
        }
        if (request.media().size() > MAX_CAROUSEL) {
            return Optional.of("An Instagram carousel takes at most " + MAX_CAROUSEL + " items; the post has " + request.media().size());
        }
        for (PublishMedia m : request.media()) {
            Optional<String> unreachable = MetaMediaUrls.unreachable("Instagram", "media", m, publicUrls);
            if (unreachable.isPresent()) {
                return unreachable;
            }
        }
        return Optional.empty();
    }

    static boolean isVideo(PublishMedia media) {
        return media.mimeType() != null && media.mimeType().startsWith("video/");
    }

    /** A carousel item (ig-user/media, "Carousel item"): an image by URL, or a video ({@code media_type=VIDEO}). */
    static Map<String, String> childForm(PublishMedia media, Function<PublishMedia, String> url) {
        Map<String, String> form = new LinkedHashMap<>();
        if (isVideo(media)) {
            form.put("media_type", "VIDEO");
            form.put("video_url", url.apply(media));
        } else {
            form.put("image_url", url.apply(media));
            altText(media).ifPresent(alt -> form.put("alt_text", alt));
        }
        form.put("is_carousel_item", "true");
        return form;
    }

    /**
     * The post's container (ig-user/media): an image, a reel or the carousel of the stored children, with the caption
     * and the target's options where Instagram documents them for that kind.
     */
    static Map<String, String> containerForm(PublishRequest request, ContainerSteps steps, Function<PublishMedia, String> url) {
        Map<String, String> form = new LinkedHashMap<>();
        boolean reel = false;
        if (carouselSize(request) > 0) {
            form.put("media_type", "CAROUSEL");
            form.put("children", String.join(",", steps.childIds()));
        } else if (isVideo(request.media().get(0))) {
            reel = true;
            form.put("media_type", "REELS");
            form.put("video_url", url.apply(request.media().get(0)));
        } else {
            form.put("image_url", url.apply(request.media().get(0)));
            altText(request.media().get(0)).ifPresent(alt -> form.put("alt_text", alt));
        }
        if (request.text() != null && !request.text().isBlank()) {
            form.put("caption", request.text());
        }
        if (reel) {
            request.flag("share_to_feed").ifPresent(share -> form.put("share_to_feed", share.toString()));
            if (request.options().get("thumb_offset") instanceof jakarta.json.JsonNumber offset) {
                form.put("thumb_offset", String.valueOf(offset.longValue()));
            }
        }
        collaborators(request).ifPresent(list -> form.put("collaborators", list));
        request.option("location_id").ifPresent(location -> form.put("location_id", location));
        return form;
    }

    private static Optional<String> altText(PublishMedia media) {
        return Optional.ofNullable(media.altText()).filter(alt -> !alt.isBlank());
    }

    /** The target's {@code collaborators}, as the JSON list of usernames Instagram takes. */
    static Optional<String> collaborators(PublishRequest request) {
        if (!(request.options().get("collaborators") instanceof jakarta.json.JsonArray names) || names.isEmpty()) {
            return Optional.empty();
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        names.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString().replaceFirst("^@", "")).forEach(list::add);
        return Optional.of(list.build().toString());
    }

    private String mediaUrl(PublishMedia media) {
        return MetaMediaUrls.url(publicUrls, media);
    }

    /** A container call: its id is stored (nothing visible was created), and its status is asked next. */
    private CompletableFuture<PublishOutcome> create(PublishRequest request, Map<String, String> form, String what,
                                                     Function<String, ContainerSteps> stored) {
        Instant now = calls.now();
        return graph.post(request.accessToken(), encode(request.platformAccountId()) + "/media", form)
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return InstagramAnswers.classify(response, now, what, false, quotaWait);
                    }
                    return GraphAnswers.id(response.body())
                            .<PublishOutcome>map(id -> new PublishOutcome.InProgress(stored.apply(id).toJson(), processingPoll,
                                    "Instagram is fetching the media of " + what))
                            .orElseGet(() -> new PublishOutcome.NotProcessed(what + " answered with no id (nothing visible was created)", null));
                })
                .exceptionally(thrown -> InstagramAnswers.exception(what, thrown, false));
    }

    /**
     * {@code GET /{container-id}?fields=status_code,status}: FINISHED is ready; IN_PROGRESS asks again later; ERROR
     * fails the post when the media is at fault and starts over otherwise; EXPIRED starts over; PUBLISHED (a container
     * an earlier attempt published) is looked up rather than published twice.
     */
    private CompletableFuture<PublishOutcome> poll(PublishRequest request, String containerId, String what, ContainerSteps steps,
                                                   java.util.function.Supplier<ContainerSteps> ready) {
        Instant now = calls.now();
        return graph.get(request.accessToken(), encode(containerId) + "?fields=status_code,status")
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        PublishOutcome failure = InstagramAnswers.classify(response, now, "the status check of " + what, false, quotaWait);
                        return failure instanceof PublishOutcome.NotProcessed n && (n.retryAfter() == null || n.retryAfter().isZero())
                                ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failure;
                    }
                    return switch (InstagramAnswers.containerStatus(response.body())) {
                        case FINISHED -> new PublishOutcome.InProgress(ready.get().toJson(), Duration.ZERO, "Instagram finished " + what);
                        case IN_PROGRESS, UNREADABLE -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                                "Instagram is still processing " + what);
                        case PUBLISHED -> new PublishOutcome.Unknown(what + " is already published; looking the post up");
                        case EXPIRED -> new PublishOutcome.StartOver(what + " expired (not published within 24 hours)");
                        case ERROR -> {
                            String error = InstagramAnswers.containerError(response.body());
                            yield InstagramAnswers.mediaRefused(error)
                                    ? new PublishOutcome.Permanent("Instagram refused the media of " + what + ": " + error)
                                    : new PublishOutcome.StartOver(what + " failed: " + error);
                        }
                    };
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                        "The status check of " + what + " failed: " + GraphAnswers.describe(GraphAnswers.unwrap(thrown))));
    }

    /**
     * The visible call. The quota is read first; a used-up quota waits. The container id is already stored, so an
     * unknown outcome is looked up through it.
     */
    private CompletableFuture<PublishOutcome> publishContainer(PublishRequest request, ContainerSteps steps) {
        Instant now = calls.now();
        String user = encode(request.platformAccountId());
        return graph.get(request.accessToken(), user + "/content_publishing_limit?fields=quota_usage,config")
                .handle((limit, thrown) -> {
                    if (thrown == null && limit.statusCode() == 200 && InstagramAnswers.quotaUsedUp(limit.body())) {
                        return Optional.<PublishOutcome>of(new PublishOutcome.RateLimited(
                                "The Instagram account used up its publishing quota of the last 24 hours", quotaWait));
                    }
                    if (thrown == null && limit.statusCode() != 200) {
                        PublishOutcome refused = InstagramAnswers.classify(limit, now, "the publishing limit check", false, quotaWait);
                        if (refused instanceof PublishOutcome.TokenRefused || refused instanceof PublishOutcome.RateLimited) {
                            return Optional.of(refused);
                        }
                    }
                    // Any other failure to read the limit: Instagram enforces it on media_publish all the same (2207042).
                    return Optional.<PublishOutcome>empty();
                })
                .thenCompose(waiting -> waiting.isPresent() ? done(waiting.get())
                        : graph.post(request.accessToken(), user + "/media_publish", Map.of("creation_id", steps.container().id()))
                        .thenCompose(response -> published(request, steps, response, now))
                        .exceptionally(thrown -> InstagramAnswers.exception("the publish call", thrown, true)));
    }

    private CompletableFuture<PublishOutcome> published(PublishRequest request, ContainerSteps steps, HttpResponse<String> response, Instant now) {
        if (response.statusCode() != 200) {
            PublishOutcome failed = InstagramAnswers.classify(response, now, "the publish call", true, quotaWait);
            if (failed instanceof PublishOutcome.NotProcessed n && n.retryAfter() != null) {
                // 2207027: not ready after all; ask the container again before publishing.
                return done(new PublishOutcome.InProgress(steps.withContainer(
                        new ContainerSteps.Container(steps.container().id(), false), now).toJson(), n.retryAfter(), n.reason()));
            }
            return done(failed);
        }
        Optional<String> id = GraphAnswers.id(response.body());
        if (id.isEmpty()) {
            return done(new PublishOutcome.Unknown("Instagram answered the publish call with no media id"));
        }
        // The permalink is a nicety: the post exists whether or not it can be read now.
        return graph.get(request.accessToken(), encode(id.get()) + "?fields=permalink")
                .<PublishOutcome>thenApply(r -> new PublishOutcome.Published(id.get(), r.statusCode() == 200
                        ? GraphAnswers.field(r.body(), "permalink").orElse(null) : null))
                .exceptionally(thrown -> new PublishOutcome.Published(id.get(), null));
    }

    // ---- check: look the post up ----------------------------------------------------------------------------------

    /**
     * The container's {@code status_code} decides: PUBLISHED means the post exists and is found among the account's
     * recent media by its caption and time; anything else means it was not published; a failure to ask cannot tell.
     */
    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        ContainerSteps steps = ContainerSteps.parse(request.platformState());
        if (steps.container() == null) {
            return done(new CheckOutcome.NotFound());
        }
        return graph.get(request.accessToken(), encode(steps.container().id()) + "?fields=status_code,status")
                .thenCompose(response -> {
                    if (response.statusCode() != 200) {
                        return done(new CheckOutcome.CannotTell("the container lookup answered HTTP " + response.statusCode()));
                    }
                    return switch (InstagramAnswers.containerStatus(response.body())) {
                        case PUBLISHED -> find(request, steps);
                        case UNREADABLE -> done(new CheckOutcome.CannotTell("the container's status could not be read"));
                        default -> done(new CheckOutcome.NotFound());
                    };
                })
                .exceptionally(thrown -> new CheckOutcome.CannotTell(GraphAnswers.describe(GraphAnswers.unwrap(thrown))));
    }

    private CompletableFuture<CheckOutcome> find(PublishRequest request, ContainerSteps steps) {
        return graph.get(request.accessToken(), encode(request.platformAccountId())
                        + "/media?fields=id,caption,permalink,timestamp&limit=" + LOOKUP_DEPTH)
                .thenApply(response -> {
                    Optional<JsonObject> found = response.statusCode() == 200
                            ? InstagramAnswers.findPublished(response.body(), request.text(), steps.since()) : Optional.empty();
                    // Published, but not (yet) listed: the post exists, so nothing may be sent again.
                    return found.<CheckOutcome>map(m -> new CheckOutcome.Found(GraphAnswers.text(m, "id"), m.getString("permalink", null)))
                            .orElseGet(() -> new CheckOutcome.CannotTell("the container was published but its post is not listed yet"));
                });
    }

    // ---- delete -------------------------------------------------------------------------------------------------

    /** The Instagram API cannot delete published media (only the app can): nothing is removed. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        return false;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
