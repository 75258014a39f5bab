package dev.syndicast.publishing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes to Dribbble through API v2 (developer.dribbble.com/v2/), as the user whose OAuth token (scope
 * {@code upload}) the account holds: a post becomes one shot of one image.
 *
 * <p>Steps, each stored with the job before the next (see {@link PublishOutcome.InProgress}): the attempt's start is
 * stored first; then {@code POST /v2/shots} ({@code multipart/form-data}: {@code image} streamed from the media
 * library, {@code title} (the post's title, else the first line of its text), {@code description}, {@code tags[]} (the
 * text's hashtags, at most 12), the target's {@code low_profile} and {@code team_id}) answers {@code 202 Accepted}
 * with the shot's {@code Location}: "creating a shot happens asynchronously; the returned location will return a 404
 * Not Found until processing is completed" (developer.dribbble.com/v2/shots/). The shot id is stored and
 * {@code GET /v2/shots/:id} is asked every {@code processing-poll} until it answers 200: published, with the shot's
 * {@code html_url}.
 *
 * <p>Dribbble takes no idempotency key. After an unknown outcome of the upload (5xx, a timeout or a broken connection
 * after sending) nothing is sent again before {@code check} has looked: with a stored shot id it asks for that shot
 * (200 found, 404 still processing: cannot tell); without one it lists the user's shots ({@code GET /v2/user/shots})
 * for one with the post's title published since the attempt began. Dribbble lists only processed shots, so an
 * absent shot counts as "not created" only once {@code processing-deadline} has passed since the attempt; before that
 * the job keeps asking.
 */
@ApplicationScoped
public class DribbbleConnector implements Connector {

    public static final String PLATFORM = "dribbble";
    /** developer.dribbble.com/v2/shots/ "Create a shot": the image must be a GIF, JPG or PNG. */
    static final Set<String> IMAGE_TYPES = Set.of("image/gif", "image/jpeg", "image/png");
    /** developer.dribbble.com/v2/#pagination: up to 100 per page; the shot in doubt is among the newest. */
    static final int LOOKUP_DEPTH = 30;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.dribbble.api-url", defaultValue = "https://api.dribbble.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.dribbble.upload-timeout", defaultValue = "PT5M")
    Duration uploadTimeout;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.dribbble.processing-poll", defaultValue = "PT5S")
    Duration processingPoll;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.dribbble.processing-deadline", defaultValue = "PT15M")
    Duration processingDeadline;

    @Inject
    PlatformCalls calls;

    /** Dribbble accounts, except those connected through the sandbox. */
    @Override
    public boolean serves(String platform, String serviceUrl) {
        return PLATFORM.equals(platform) && !SandboxConnector.SERVICE.equals(serviceUrl);
    }

    @Override
    public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
        return calls.async(() -> publishNow(request));
    }

    @Override
    public CompletableFuture<CheckOutcome> check(PublishRequest request) {
        return calls.async(() -> checkNow(request));
    }

    @Override
    public boolean delete(PublishRequest request, String externalId) {
        try {
            HttpAnswer answer = session(request).send(() -> request("v2/shots/" + externalId).timeout(calls.requestTimeout()).DELETE());
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
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        DribbbleSteps steps = DribbbleSteps.parse(request.platformState());
        Instant now = calls.now();
        if (steps.since() == null) {
            // Stored before the upload: a lookup after an unknown outcome needs to know when the attempt began.
            return new PublishOutcome.InProgress(steps.started(now).toJson(), Duration.ZERO, "Sending the shot to Dribbble");
        }
        if (steps.shot() == null && !now.isBefore(steps.since().plus(processingDeadline))) {
            // Sent again after a lookup found nothing (which it answers only this late): a new attempt, a new start.
            return new PublishOutcome.InProgress(steps.started(now).toJson(), Duration.ZERO, "Sending the shot to Dribbble again");
        }
        try {
            TokenSession session = session(request);
            return steps.shot() == null ? createShot(session, request, steps) : poll(session, steps, now);
        } catch (Stop stop) {
            return stop.outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.Unknown("Interrupted while publishing");
        }
    }

    /** What Dribbble cannot take at all; the post validator refuses it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (!request.threadParts().isEmpty()) {
            return Optional.of("Dribbble has no threads: a shot is one image with its title and description");
        }
        if (request.media().size() != 1) {
            return Optional.of("A Dribbble shot is exactly one image; the post has " + request.media().size() + " media items");
        }
        PublishMedia image = request.media().get(0);
        if (image.opener() == null) {
            return Optional.of("Dribbble needs the file itself: media " + image.reference()
                    + " is not an item of the media library (upload it to the library first)");
        }
        if (image.mimeType() == null || !IMAGE_TYPES.contains(image.mimeType())) {
            return Optional.of("Dribbble takes a GIF, JPG or PNG image, not " + image.mimeType());
        }
        if (DribbbleAnswers.title(request.title(), request.text()).isEmpty()) {
            return Optional.of("A Dribbble shot needs a title: give the post a title or text");
        }
        return Optional.empty();
    }

    /** The visible call: {@code POST /v2/shots}; its outcome follows the exactly-once rule. */
    private PublishOutcome createShot(TokenSession session, PublishRequest request, DribbbleSteps steps)
            throws Stop, InterruptedException {
        PublishMedia image = request.media().get(0);
        try (SeekableByteChannel channel = image.opener().open()) {
            MultipartBody body = shotBody(request, channel.size(), MultipartBody.from(channel));
            HttpAnswer answer = upload(session, body);
            if (answer.status() == 202 || answer.status() == 201) {
                Optional<String> location = answer.header("Location");
                Optional<String> id = location.flatMap(DribbbleAnswers::shotIdOf);
                if (id.isEmpty()) {
                    return new PublishOutcome.Unknown("Dribbble accepted the shot without naming it (Location: "
                            + location.orElse("none") + ")");
                }
                return new PublishOutcome.InProgress(steps.accepted(id.get(), location.get(), calls.now()).toJson(), processingPoll,
                        "Dribbble accepted shot " + id.get() + " and is processing it");
            }
            return DribbbleAnswers.classify(answer.status(), answer.body(), answer.headers(), calls.now(), "The shot upload");
        } catch (IOException e) {
            return DribbbleAnswers.exception(e, "the shot upload");
        }
    }

    /**
     * developer.dribbble.com/v2/shots/ "Create a shot": {@code image} (file), {@code title} (required),
     * {@code description}, {@code tags} (array, at most 12), {@code low_profile}, {@code team_id}.
     */
    static MultipartBody shotBody(PublishRequest request, long size, MultipartBody.Source image) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(new SimpleEntry<>("title", DribbbleAnswers.title(request.title(), request.text())));
        String description = DribbbleAnswers.description(request.title(), request.text());
        if (!description.isEmpty()) {
            fields.add(new SimpleEntry<>("description", description));
        }
        DribbbleAnswers.tags(request.text()).forEach(tag -> fields.add(new SimpleEntry<>("tags[]", tag)));
        request.flag("low_profile").ifPresent(flag -> fields.add(new SimpleEntry<>("low_profile", flag.toString())));
        request.option("team_id").ifPresent(team -> fields.add(new SimpleEntry<>("team_id", team)));
        PublishMedia media = request.media().get(0);
        return MultipartBody.of(fields, "image", fileName(media), media.mimeType(), size, image);
    }

    static String fileName(PublishMedia media) {
        String ext = switch (media.mimeType()) {
            case "image/gif" -> "gif";
            case "image/jpeg" -> "jpg";
            default -> "png";
        };
        String name = media.fileName() == null || media.fileName().isBlank() ? "shot" : media.fileName().replaceAll("[\"\\r\\n]", "_");
        return name.contains(".") ? name : name + "." + ext;
    }

    /**
     * {@code GET /v2/shots/:id}: 404 while Dribbble processes the shot, 200 once it is published; the deadline counts
     * from Dribbble's acceptance.
     */
    private PublishOutcome poll(TokenSession session, DribbbleSteps steps, Instant now) throws Stop, InterruptedException {
        String shot = steps.shot();
        if (now.isAfter(steps.since().plus(processingDeadline))) {
            // The shot exists on Dribbble's side: never sent again; the lookup asks for it until it answers.
            return new PublishOutcome.Unknown("Dribbble has not finished processing shot " + shot + " within " + processingDeadline
                    + " (its documentation says to contact support after five minutes)");
        }
        try {
            HttpAnswer answer = get(session, "v2/shots/" + shot);
            if (answer.status() == 200) {
                Optional<CheckOutcome.Found> found = DribbbleAnswers.shotOf(answer.body());
                if (found.isPresent()) {
                    return new PublishOutcome.Published(found.get().externalId(), found.get().url());
                }
                return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "Dribbble's answer for shot " + shot
                        + " could not be read; asking again");
            }
            if (answer.status() == 429) {
                return DribbbleAnswers.classify(429, answer.body(), answer.headers(), now, "The processing check");
            }
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, answer.status() == 404
                    ? "Dribbble is processing shot " + shot
                    : "The processing check of shot " + shot + " answered HTTP " + answer.status() + ": "
                    + DribbbleAnswers.messageOf(answer.body()) + "; asking again");
        } catch (IOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), processingPoll, "The processing check of shot " + shot
                    + " failed: " + DribbbleAnswers.describe(e) + "; asking again");
        }
    }

    // ---- check ---------------------------------------------------------------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        DribbbleSteps steps = DribbbleSteps.parse(request.platformState());
        if (steps.since() == null) {
            return new CheckOutcome.NotFound(); // nothing was ever sent: the upload comes after the stored start
        }
        try {
            TokenSession session = session(request);
            if (steps.shot() != null) {
                HttpAnswer answer = get(session, "v2/shots/" + steps.shot());
                if (answer.status() == 200) {
                    return DribbbleAnswers.shotOf(answer.body()).<CheckOutcome>map(f -> f)
                            .orElse(new CheckOutcome.CannotTell("Dribbble's answer for shot " + steps.shot() + " could not be read"));
                }
                return new CheckOutcome.CannotTell("Dribbble accepted shot " + steps.shot() + " and answers HTTP "
                        + answer.status() + " for it" + (answer.status() == 404 ? " (still processing, or processing failed)" : ""));
            }
            HttpAnswer answer = get(session, "v2/user/shots?per_page=" + LOOKUP_DEPTH);
            return DribbbleAnswers.lookup(answer.status(), answer.body(), DribbbleAnswers.title(request.title(), request.text()),
                    steps.since(), steps.since().plus(processingDeadline), calls.now());
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(stop.outcome.toString());
        } catch (IOException e) {
            return new CheckOutcome.CannotTell(DribbbleAnswers.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckOutcome.CannotTell("interrupted");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/").resolve(path));
    }

    /** The account's calls with its token; a refused token is renewed once (Dribbble gives none: the step ends). */
    private TokenSession session(PublishRequest request) {
        return calls.session(request, TokenSession.Refusal.on401(refused ->
                DribbbleAnswers.classify(401, refused.body(), refused.headers(), calls.now(), "The call")));
    }

    private HttpAnswer get(TokenSession session, String path) throws IOException, InterruptedException, Stop {
        return session.send(() -> request(path).timeout(calls.requestTimeout()).GET());
    }

    /** The shot upload; the body is read again from the start if a renewed token sends it twice. */
    private HttpAnswer upload(TokenSession session, MultipartBody body) throws IOException, InterruptedException, Stop {
        return session.send(() -> request("v2/shots").timeout(uploadTimeout).header("Content-Type", body.contentType())
                .POST(body.publisher()));
    }
}
