package dev.syndicast.publishing.control;

import dev.syndicast.media.boundary.PublicMediaUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static dev.syndicast.publishing.control.ThreadsAnswers.classify;
import static dev.syndicast.publishing.control.ThreadsAnswers.containerError;
import static dev.syndicast.publishing.control.ThreadsAnswers.containerStatus;
import static dev.syndicast.publishing.control.ThreadsAnswers.describe;
import static dev.syndicast.publishing.control.ThreadsAnswers.exception;
import static dev.syndicast.publishing.control.ThreadsAnswers.unwrap;

/**
 * Threads (Meta's Threads API, developers.facebook.com/docs/threads/posts). Threads fetches media itself, by URL: each
 * library item is handed over as a signed, expiring public URL of this installation ({@link PublicMediaUrls}), so
 * {@code syndicast.public-url} must be set. A post is published in steps, one per call: for several media, one item
 * container per item ({@code POST /{user-id}/threads} with {@code is_carousel_item=true}); then the post's container
 * ({@code media_type} TEXT, IMAGE with {@code image_url}, VIDEO with {@code video_url}, or CAROUSEL with
 * {@code children}); each container id is stored, and {@code GET /{container-id}?fields=status,error_message} is asked
 * until it is FINISHED. Then {@code GET /{user-id}/threads_publishing_limit} (a used-up 24-hour quota waits without
 * spending an attempt) and {@code POST /{user-id}/threads_publish?creation_id=…}. A thread's parts follow the same way
 * as replies ({@code reply_to_id}), each stored before the next.
 *
 * <p>Exactly once: containers are invisible until published, so a failed container call is simply made again. The
 * container id is in the job before {@code threads_publish} is sent; an unknown outcome there is looked up
 * ({@code check}) through the container's status: PUBLISHED means the thread exists (found among the account's recent
 * threads, or its replies, by text); FINISHED means it was not published and the same container may be published. A
 * container in ERROR is made again, unless the media itself was refused (INVALID_*); an EXPIRED one (not published
 * within 24 hours) is made again.
 */
@ApplicationScoped
public class ThreadsConnector implements Connector {

    public static final String PLATFORM = "threads";
    /** developers.facebook.com/docs/threads/posts: a carousel has 2 to 20 items. */
    static final int MAX_CAROUSEL = 20;
    /** How many recent threads (or replies) a lookup reads. */
    static final int LOOKUP_DEPTH = 25;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.threads.api-url", defaultValue = "https://graph.threads.net/v1.0")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.threads.processing-poll", defaultValue = "PT30S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.threads.processing-deadline", defaultValue = "PT30M")
    Duration processingDeadline;

    /** The publishing quota is a rolling 24 hours (its oldest post drops out some time): a used-up quota is asked again after this. */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.threads.quota-wait", defaultValue = "PT1H")
    Duration quotaWait;

    @Inject
    PublicMediaUrls publicUrls;

    @Inject
    PlatformCalls calls;

    /** Threads accounts connected directly (an account connected through the sandbox is the sandbox connector's). */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && (serviceUrl == null || serviceUrl.isBlank()
                || serviceUrl.startsWith("https://") || serviceUrl.startsWith("http://"));
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        ContainerSteps steps = ContainerSteps.parse(request.platformState());
        List<String> texts = threadTexts(request);
        int index = steps.posted().size();
        if (index >= texts.size()) {
            ContainerSteps.Posted first = steps.posted().get(0);
            return done(new PublishOutcome.Published(first.id(), first.url()));
        }
        Instant now = calls.now();
        if (index == 0) {
            Optional<String> refused = refusal(request, publicUrls.available());
            if (refused.isPresent()) {
                return done(new PublishOutcome.Permanent(refused.get()));
            }
            if (steps.children().size() > carouselSize(request)) {
                return done(new PublishOutcome.StartOver("the post's media changed"));
            }
        }
        if (steps.container() == null || !steps.container().ready()) {
            if (steps.since() != null && now.isAfter(steps.since().plus(processingDeadline))) {
                // Nothing visible is lost: before the first thread the job starts over; later, only the part's container.
                return done(index == 0 ? new PublishOutcome.StartOver("Threads did not finish the media within " + processingDeadline)
                        : new PublishOutcome.InProgress(steps.withoutContainer(now).toJson(), Duration.ZERO,
                        "Threads did not finish the container of thread part " + index + "; making it again"));
            }
        }
        if (index == 0 && steps.container() == null) {
            int carousel = carouselSize(request);
            if (steps.children().size() < carousel) {
                return createChild(request, steps, steps.children().size());
            }
            for (int i = 0; i < steps.children().size(); i++) {
                if (!steps.children().get(i).ready()) {
                    return pollChild(request, steps, i);
                }
            }
        }
        if (steps.container() == null) {
            return createContainer(request, steps, texts, index);
        }
        if (!steps.container().ready()) {
            return pollContainer(request, steps, index);
        }
        return publishContainer(request, steps, texts.size());
    }

    /** The threads of the post: its text (with the media), then each thread part as a reply to the one before. */
    static List<String> threadTexts(PublishRequest request) {
        List<String> texts = new ArrayList<>();
        texts.add(request.text() == null ? "" : request.text());
        request.threadParts().stream().filter(p -> p != null && !p.isBlank()).forEach(texts::add);
        return texts;
    }

    /** Item containers come first only for a carousel (two or more media). */
    static int carouselSize(PublishRequest request) {
        return request.media().size() > 1 ? request.media().size() : 0;
    }

    /** What this connector cannot send at all; the post validator refuses most of it before anything is queued. */
    static Optional<String> refusal(PublishRequest request, boolean publicUrls) {
        if (request.media().size() > MAX_CAROUSEL) {
            return Optional.of("A Threads carousel takes at most " + MAX_CAROUSEL + " items; the post has " + request.media().size());
        }
        for (PublishMedia m : request.media()) {
            Optional<String> unreachable = MetaMediaUrls.unreachable("Threads", "media", m, publicUrls);
            if (unreachable.isPresent()) {
                return unreachable;
            }
        }
        if ((request.text() == null || request.text().isBlank()) && request.media().isEmpty()) {
            return Optional.of("A Threads post needs text or media");
        }
        return Optional.empty();
    }

    private CompletableFuture<PublishOutcome> createChild(PublishRequest request, ContainerSteps steps, int index) {
        Map<String, String> form = new LinkedHashMap<>(mediaParameters(request.media().get(index)));
        form.put("is_carousel_item", "true");
        Instant now = calls.now();
        String what = "the container of carousel item " + (index + 1);
        return send(post(request, "threads", form))
                .thenApply(response -> ThreadsAnswers.id(response.body()).filter(id -> response.statusCode() == 200)
                        .<PublishOutcome>map(id -> new PublishOutcome.InProgress(steps.withChild(new ContainerSteps.Container(id, false), now).toJson(),
                                processingPoll, "Carousel item " + (index + 1) + " of " + request.media().size() + " handed to Threads"))
                        .orElseGet(() -> stepFailure(what, response, now)))
                .exceptionally(thrown -> exception(what, thrown, false));
    }

    private CompletableFuture<PublishOutcome> pollChild(PublishRequest request, ContainerSteps steps, int index) {
        String id = steps.children().get(index).id();
        return poll(request, id, "carousel item " + (index + 1), steps,
                () -> steps.childReady(index), true);
    }

    /**
     * The container of the part being published: the post's own (its text and media) or a reply (text, with
     * {@code reply_to_id} the thread before it).
     */
    private CompletableFuture<PublishOutcome> createContainer(PublishRequest request, ContainerSteps steps, List<String> texts, int index) {
        Map<String, String> form = containerForm(request, steps, texts, index, this::mediaUrl);
        Instant now = calls.now();
        String what = index == 0 ? "the post's container" : "the container of thread part " + index;
        return send(post(request, "threads", form))
                .thenApply(response -> ThreadsAnswers.id(response.body()).filter(id -> response.statusCode() == 200)
                        .<PublishOutcome>map(id -> new PublishOutcome.InProgress(
                                steps.withContainer(new ContainerSteps.Container(id, false), now).toJson(),
                                index == 0 && !request.media().isEmpty() ? processingPoll : Duration.ofSeconds(1),
                                (index == 0 ? "The post's" : "Thread part " + index + "'s") + " container was created"))
                        .orElseGet(() -> index == 0 ? stepFailure(what, response, now) : partFailure(stepFailure(what, response, now), steps, texts.size())))
                .exceptionally(thrown -> exception(what, thrown, false));
    }

    /** The form of {@code POST /{user-id}/threads} for part {@code index} (0: the post; later: a reply). */
    static Map<String, String> containerForm(PublishRequest request, ContainerSteps steps, List<String> texts, int index,
                                             java.util.function.Function<PublishMedia, String> urls) {
        Map<String, String> form = new LinkedHashMap<>();
        if (index > 0) {
            form.put("media_type", "TEXT");
            form.put("reply_to_id", steps.posted().get(index - 1).id());
        } else if (request.media().size() > 1) {
            form.put("media_type", "CAROUSEL");
            form.put("children", String.join(",", steps.childIds()));
        } else if (request.media().size() == 1) {
            form.putAll(mediaParameters(request.media().get(0), urls));
        } else {
            form.put("media_type", "TEXT");
        }
        String text = texts.get(index);
        if (text != null && !text.isBlank()) {
            form.put("text", text);
        }
        request.option("reply_control").ifPresent(control -> form.put("reply_control", control));
        return form;
    }

    private Map<String, String> mediaParameters(PublishMedia media) {
        return mediaParameters(media, this::mediaUrl);
    }

    static Map<String, String> mediaParameters(PublishMedia media, java.util.function.Function<PublishMedia, String> urls) {
        Map<String, String> form = new LinkedHashMap<>();
        boolean video = media.mimeType() != null && media.mimeType().toLowerCase(Locale.ROOT).startsWith("video/");
        form.put("media_type", video ? "VIDEO" : "IMAGE");
        form.put(video ? "video_url" : "image_url", urls.apply(media));
        if (media.altText() != null && !media.altText().isBlank()) {
            form.put("alt_text", media.altText());
        }
        return form;
    }

    /** A library item's signed public URL; media named by a URL outside the library is handed over as it is. */
    private String mediaUrl(PublishMedia media) {
        return MetaMediaUrls.url(publicUrls, media);
    }

    private CompletableFuture<PublishOutcome> pollContainer(PublishRequest request, ContainerSteps steps, int index) {
        return poll(request, steps.container().id(), index == 0 ? "the post's container" : "the container of thread part " + index,
                steps, steps::containerReady, index == 0);
    }

    /**
     * {@code GET /{container-id}?fields=status,error_message}: FINISHED is ready; IN_PROGRESS asks again later; ERROR
     * and EXPIRED make the work again (ERROR with INVALID_* media is a refusal); PUBLISHED (a container of an earlier
     * attempt) is looked up rather than published twice.
     */
    private CompletableFuture<PublishOutcome> poll(PublishRequest request, String containerId, String what, ContainerSteps steps,
                                                   java.util.function.Supplier<ContainerSteps> ready, boolean beforeFirst) {
        Instant now = calls.now();
        return send(get(request, encode(containerId) + "?fields=status,error_message"))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        PublishOutcome failure = stepFailure("the status check of " + what, response, now);
                        return failure instanceof PublishOutcome.NotProcessed n && n.retryAfter() == null
                                ? new PublishOutcome.InProgress(steps.toJson(), processingPoll, n.reason()) : failure;
                    }
                    return switch (containerStatus(response.body())) {
                        case FINISHED -> new PublishOutcome.InProgress(ready.get().toJson(), Duration.ZERO, "Threads finished " + what);
                        case IN_PROGRESS, UNREADABLE -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                                "Threads is still processing " + what);
                        case PUBLISHED -> new PublishOutcome.Unknown(what + " is already published; looking the thread up");
                        case EXPIRED -> redo(steps, beforeFirst, what + " expired (not published within 24 hours)");
                        case ERROR -> {
                            String error = containerError(response.body());
                            yield ThreadsAnswers.mediaRefused(error) && beforeFirst
                                    ? new PublishOutcome.Permanent("Threads refused the media of " + what + ": " + error)
                                    : redo(steps, beforeFirst, what + " failed: " + error);
                        }
                    };
                })
                .exceptionally(thrown -> new PublishOutcome.InProgress(steps.toJson(), processingPoll,
                        "The status check of " + what + " failed: " + describe(unwrap(thrown))));
    }

    /** A container that can no longer be published: before the first thread start over; later, make the part's again. */
    private PublishOutcome redo(ContainerSteps steps, boolean beforeFirst, String reason) {
        return beforeFirst ? new PublishOutcome.StartOver(reason)
                : new PublishOutcome.InProgress(steps.withoutContainer(calls.now()).toJson(), Duration.ZERO, reason + "; making it again");
    }

    /**
     * The visible call. The quota is read first ({@code threads_publishing_limit}); a used-up quota waits. The container
     * id is already stored, so an unknown outcome is looked up through it.
     */
    private CompletableFuture<PublishOutcome> publishContainer(PublishRequest request, ContainerSteps steps, int threads) {
        int index = steps.posted().size();
        Instant now = calls.now();
        return send(get(request, encode(request.platformAccountId())
                + "/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config"))
                .handle((limit, thrown) -> {
                    if (thrown == null && limit.statusCode() == 200 && ThreadsAnswers.quotaUsedUp(limit.body(), index > 0)) {
                        return Optional.<PublishOutcome>of(new PublishOutcome.RateLimited("The Threads account used up its"
                                + (index > 0 ? " reply" : "") + " publishing quota of the last 24 hours", quotaWait));
                    }
                    if (thrown == null && limit.statusCode() != 200) {
                        PublishOutcome refused = classify(limit, now, "the publishing limit check", false);
                        if (refused instanceof PublishOutcome.TokenRefused) {
                            return Optional.of(refused);
                        }
                    }
                    // Any other failure to read the limit: Threads enforces it on the publish call all the same.
                    return Optional.<PublishOutcome>empty();
                })
                .thenCompose(waiting -> waiting.isPresent() ? done(waiting.get())
                        : send(post(request, "threads_publish", Map.of("creation_id", steps.container().id())))
                        .thenCompose(response -> published(request, response, now))
                        .exceptionally(thrown -> exception("the publish call", thrown, true)))
                .thenApply(outcome -> threadOutcome(outcome, steps, threads, calls.now()));
    }

    private CompletableFuture<PublishOutcome> published(PublishRequest request, HttpResponse<String> response, Instant now) {
        if (response.statusCode() != 200) {
            return done(classify(response, now, "the publish call", true));
        }
        Optional<String> id = ThreadsAnswers.id(response.body());
        if (id.isEmpty()) {
            return done(new PublishOutcome.Unknown("Threads answered the publish call with no media id"));
        }
        // The permalink is a nicety: the thread exists whether or not it can be read now.
        return send(get(request, encode(id.get()) + "?fields=permalink"))
                .<PublishOutcome>thenApply(r -> new PublishOutcome.Published(id.get(), r.statusCode() == 200
                        ? ThreadsAnswers.readObject(r.body()).map(o -> o.getString("permalink", null)).orElse(null) : null))
                .exceptionally(thrown -> new PublishOutcome.Published(id.get(), null));
    }

    /**
     * What one publish call means for the whole post: the last thread done is published (as the first, whose id and
     * URL the target keeps); an earlier one is stored and the next part follows. Once the first thread exists nothing
     * fails: a refused part publishes in part, anything else is looked up.
     */
    static PublishOutcome threadOutcome(PublishOutcome outcome, ContainerSteps steps, int threads, Instant now) {
        if (outcome instanceof PublishOutcome.Published p) {
            ContainerSteps done = steps.withPosted(new ContainerSteps.Posted(p.externalId(), p.url()), now);
            if (done.posted().size() < threads) {
                return new PublishOutcome.InProgress(done.toJson(), Duration.ZERO,
                        "Thread " + done.posted().size() + " of " + threads + " published");
            }
            ContainerSteps.Posted first = done.posted().get(0);
            return new PublishOutcome.Published(first.id(), first.url());
        }
        return steps.posted().isEmpty() ? outcome : partFailure(outcome, steps, threads);
    }

    /** A later part's failure, with the first thread already published: never a failed job. */
    static PublishOutcome partFailure(PublishOutcome outcome, ContainerSteps steps, int threads) {
        if (outcome instanceof PublishOutcome.RateLimited || outcome instanceof PublishOutcome.Unknown
                || outcome instanceof PublishOutcome.InProgress) {
            return outcome;
        }
        int index = steps.posted().size();
        ContainerSteps.Posted first = steps.posted().get(0);
        String part = "thread part " + index + " of " + (threads - 1);
        if (outcome instanceof PublishOutcome.NotProcessed n) {
            return new PublishOutcome.InProgress(steps.toJson(), Duration.ofSeconds(30), "The call of " + part
                    + " was not processed (" + n.reason() + "); trying again");
        }
        String reason = outcome instanceof PublishOutcome.Permanent p ? p.reason()
                : outcome instanceof PublishOutcome.TokenRefused t ? t.reason() : outcome.toString();
        return new PublishOutcome.PublishedInPart(first.id(), first.url(), "The first " + index + " thread(s) were"
                + " published, but " + part + " was refused: " + reason);
    }

    private static PublishOutcome stepFailure(String what, HttpResponse<String> response, Instant now) {
        return response.statusCode() == 200
                ? new PublishOutcome.NotProcessed(what + " answered with no id (nothing visible was created)", null)
                : classify(response, now, what, false);
    }

    // ---- check: look the thread up --------------------------------------------------------------------------------

    /**
     * The container's status decides: PUBLISHED means the thread exists and is found among the account's recent
     * threads (or, for a part, the replies) by its text; not published means it does not; a failure to ask cannot tell.
     */
    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        ContainerSteps steps = ContainerSteps.parse(request.platformState());
        List<String> texts = threadTexts(request);
        int index = steps.posted().size();
        if (steps.container() == null) {
            // No container stored: this part's publish call was never sent.
            return done(notPublished(steps, index, "thread part " + index + " was not sent yet"));
        }
        return send(get(request, encode(steps.container().id()) + "?fields=status,error_message"))
                .thenCompose(response -> {
                    if (response.statusCode() != 200) {
                        return done(new CheckOutcome.CannotTell("the container lookup answered HTTP " + response.statusCode()));
                    }
                    return switch (containerStatus(response.body())) {
                        case PUBLISHED -> find(request, steps, texts, index);
                        case UNREADABLE -> done(new CheckOutcome.CannotTell("the container's status could not be read"));
                        default -> done(notPublished(steps, index, "the container of thread part " + index + " was not published"));
                    };
                })
                .exceptionally(thrown -> new CheckOutcome.CannotTell(describe(unwrap(thrown))));
    }

    private static CheckOutcome notPublished(ContainerSteps steps, int index, String note) {
        return index == 0 ? new CheckOutcome.NotFound() : new CheckOutcome.FoundInPart(steps.toJson(), note + "; sending it");
    }

    private CompletableFuture<CheckOutcome> find(PublishRequest request, ContainerSteps steps, List<String> texts, int index) {
        String list = index == 0 ? encode(request.platformAccountId()) + "/threads" : encode(steps.posted().get(index - 1).id()) + "/replies";
        return send(get(request, list + "?fields=id,text,permalink&limit=" + LOOKUP_DEPTH))
                .thenApply(response -> {
                    Optional<JsonObject> found = response.statusCode() == 200 ? ThreadsAnswers.findByText(response.body(), texts.get(index))
                            : Optional.empty();
                    if (found.isEmpty()) {
                        // Published, but not (yet) listed: the thread exists, so nothing may be sent again.
                        return new CheckOutcome.CannotTell("the container was published but its thread is not listed yet");
                    }
                    ContainerSteps done = steps.withPosted(new ContainerSteps.Posted(ThreadsAnswers.text(found.get(), "id"),
                            found.get().getString("permalink", null)), calls.now());
                    if (done.posted().size() < texts.size()) {
                        return new CheckOutcome.FoundInPart(done.toJson(), "Thread " + done.posted().size() + " of "
                                + texts.size() + " found on Threads; sending the rest");
                    }
                    ContainerSteps.Posted first = done.posted().get(0);
                    return new CheckOutcome.Found(first.id(), first.url());
                });
    }

    // ---- delete -------------------------------------------------------------------------------------------------

    /** {@code DELETE /{media-id}} (developers.facebook.com/docs/threads/posts/delete-posts). */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        HttpRequest http = base(request, encode(externalId)).DELETE().build();
        try {
            return calls.http().send(http, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return calls.http().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest get(PublishRequest request, String path) {
        return base(request, path).GET().build();
    }

    /** Graph API calls take their parameters form-encoded; the token goes in the Authorization header, not the URL. */
    private HttpRequest post(PublishRequest request, String edge, Map<String, String> form) {
        return base(request, encode(request.platformAccountId()) + "/" + edge)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                .build();
    }

    private HttpRequest.Builder base(PublishRequest request, String path) {
        String root = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        return HttpRequest.newBuilder(URI.create(root + path)).timeout(calls.requestTimeout())
                .header("Authorization", "Bearer " + request.accessToken());
    }

    static String formBody(Map<String, String> form) {
        return GraphAnswers.formBody(form);
    }

    private static String encode(String value) {
        return GraphAnswers.encode(value);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
