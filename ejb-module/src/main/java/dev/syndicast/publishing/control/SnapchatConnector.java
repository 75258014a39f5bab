package dev.syndicast.publishing.control;

import dev.syndicast.publishing.control.SnapchatAnswers.PostType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Publishes to a Snapchat Public Profile through Snap's Public Profile API (developers.snap.com/api/marketing-api/
 * Public-Profile-API), which Snap opens to an app only after allowlisting it. A post is one image or video, posted as
 * a story (default), a saved story or a Spotlight (the target's {@code post_type}).
 *
 * <p>Steps, each stored with the job before the next (see {@link PublishOutcome.InProgress}), after the Profile Asset
 * Management page: a random AES-256-CBC key and IV are made for the item and the media object is created with them
 * ({@code POST /v1/public_profiles/{profile_id}/media}: {@code type}, {@code name}, {@code key}, {@code iv}, base64);
 * the encrypted file is uploaded in parts of at most 32 MB ({@code chunk-size}), each encrypted while it is streamed
 * from the library file ({@link SnapchatCrypto}), to the media's add path, the count of parts and the CBC chain stored
 * after each (a restart resumes at the next part); the upload is finalized; then the story, saved story or spotlight is
 * created with the media id. Nothing before that last call is visible, and a media object Snap no longer keeps (24
 * hours) starts over.
 *
 * <p>Snap takes no idempotency key. After an unknown outcome of the last call, {@code check} lists the profile's
 * stories, saved stories or spotlights and looks for the one carrying the media id; where the listing cannot say
 * (it does not name the media, or Snap offers no listing) the answer is "cannot tell", and the job keeps asking and
 * never posts twice. What Snap's pages could not confirm is marked ASSUMED in code and in docs/platforms/snapchat.md
 * (see {@link SnapchatAnswers}), with the public evidence it follows.
 */
@ApplicationScoped
public class SnapchatConnector implements Connector {

    public static final String PLATFORM = "snapchat";
    private static final JsonProvider JSON = JsonProvider.provider();
    /** ProfileAssetManagement, "Create Media": a media object stays active for 24 hours; an hour's margin. */
    static final Duration MEDIA_LIFETIME = Duration.ofHours(23);
    /** ProfileAssetManagement, "Create Media": {@code type} is VIDEO or IMAGE. */
    static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime");
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png");
    /** ASSUMED (docs/platforms/snapchat.md): a Spotlight names its locale; without one given or in the post's language. */
    static final String DEFAULT_LOCALE = "en_US";
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}_[A-Z]{2}");

    @Inject
    @ConfigProperty(name = "syndicast.platforms.snapchat.api-url", defaultValue = "https://businessapi.snapchat.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.snapchat.upload-timeout", defaultValue = "PT10M")
    Duration uploadTimeout;

    /** ProfileAssetManagement: files larger than 32 MB are split into parts ({@code split -b 32m}). */
    @Inject
    @ConfigProperty(name = "syndicast.platforms.snapchat.chunk-size", defaultValue = "33554432")
    long chunkSize;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.snapchat.step-retry", defaultValue = "PT10S")
    Duration stepRetry;

    @Inject
    PlatformCalls calls;

    /** Snapchat accounts, except those connected through the sandbox. */
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

    /** ASSUMED: no deletion of a posted story is known for this API; nothing is removed. */
    @Override
    public boolean delete(PublishRequest request, String externalId) {
        return false;
    }

    // ---- publish: one step per call ------------------------------------------------------------------------------

    PublishOutcome publishNow(PublishRequest request) {
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return new PublishOutcome.Permanent(refused.get());
        }
        SnapchatSteps steps = SnapchatSteps.parse(request.platformState());
        Instant now = calls.now();
        if (steps.created() && now.isAfter(steps.since().plus(MEDIA_LIFETIME))) {
            return new PublishOutcome.StartOver("Snap keeps a media object for 24 hours; media " + steps.media()
                    + " is too old to post");
        }
        PublishMedia media = request.media().get(0);
        try {
            TokenSession session = session(request);
            if (!steps.created()) {
                return createMedia(session, request, media);
            }
            long partSize = SnapchatCrypto.partSize(chunkSize);
            int total = SnapchatCrypto.parts(size(media), partSize);
            if (steps.parts() < total) {
                return sendPart(session, steps, media, partSize, total);
            }
            if (!steps.finalized()) {
                return finalizeUpload(session, steps);
            }
            return post(session, request, steps);
        } catch (Stop stop) {
            return stop.outcome;
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed("Reading media " + media.reference() + " failed: "
                    + DribbbleAnswers.describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.Unknown("Interrupted while publishing");
        }
    }

    /** What Snap cannot take at all; the post validator refuses it before anything is queued. */
    static Optional<String> refusal(PublishRequest request) {
        if (!request.threadParts().isEmpty()) {
            return Optional.of("Snapchat has no threads: a story or Spotlight is one image or video");
        }
        if (request.media().size() != 1) {
            return Optional.of("A Snapchat story or Spotlight is exactly one image or video; the post has "
                    + request.media().size() + " media items");
        }
        PublishMedia media = request.media().get(0);
        if (media.opener() == null) {
            return Optional.of("Snapchat needs the file itself (it is encrypted before upload): media " + media.reference()
                    + " is not an item of the media library (upload it to the library first)");
        }
        if (!VIDEO_TYPES.contains(media.mimeType()) && !IMAGE_TYPES.contains(media.mimeType())) {
            return Optional.of("Snapchat takes a JPEG or PNG image or an MP4/MOV video, not " + media.mimeType());
        }
        if (PostType.of(request.option("post_type")) == PostType.SPOTLIGHT && !VIDEO_TYPES.contains(media.mimeType())) {
            return Optional.of("A Spotlight post is a video");
        }
        return Optional.empty();
    }

    private long size(PublishMedia media) throws IOException {
        if (media.size() > 0) {
            return media.size();
        }
        try (SeekableByteChannel channel = media.opener().open()) {
            return channel.size();
        }
    }

    /** ProfileAssetManagement, "Create Media": the container with the base64 key and IV. */
    private PublishOutcome createMedia(TokenSession session, PublishRequest request, PublishMedia media)
            throws Stop, InterruptedException, IOException {
        byte[][] keyAndIv = SnapchatCrypto.newKeyAndIv();
        String key = SnapchatAnswers.base64(keyAndIv[0]);
        String iv = SnapchatAnswers.base64(keyAndIv[1]);
        String body = JSON.createObjectBuilder().add("type", VIDEO_TYPES.contains(media.mimeType()) ? "VIDEO" : "IMAGE")
                .add("name", name(request, media)).add("key", key).add("iv", iv).build().toString();
        try {
            HttpAnswer answer = send(session, json(request("v1/public_profiles/" + encode(request.platformAccountId()) + "/media"), body),
                    calls.requestTimeout());
            if (answer.status() / 100 != 2) {
                return SnapchatAnswers.stepFailure(answer.status(), answer.body(), answer.headers(), calls.now(), "The media creation");
            }
            Optional<SnapchatAnswers.Created> created = SnapchatAnswers.created(answer.body());
            if (created.isEmpty()) {
                return new PublishOutcome.NotProcessed("Snap's answer to the media creation named no media id and upload paths", null);
            }
            SnapchatSteps steps = SnapchatSteps.created(calls.now(), key, iv, created.get().media(), created.get().addPath(),
                    created.get().finalizePath());
            long partSize = SnapchatCrypto.partSize(chunkSize);
            return new PublishOutcome.InProgress(steps.toJson(), Duration.ZERO, "Snap media " + steps.media() + " created; "
                    + SnapchatCrypto.parts(size(media), partSize) + " encrypted part(s) to upload");
        } catch (IOException e) {
            return new PublishOutcome.NotProcessed("The media creation failed (nothing visible was created): "
                    + DribbbleAnswers.describe(e), null);
        }
    }

    /** One encrypted part to the add path (ASSUMED: multipart {@code action=ADD}, {@code part_number} from 1, {@code file}). */
    private PublishOutcome sendPart(TokenSession session, SnapchatSteps steps, PublishMedia media, long partSize, int total)
            throws Stop, InterruptedException, IOException {
        int index = steps.parts();
        long offset = index * partSize;
        long encrypted = SnapchatCrypto.encryptedSize(size(media));
        long length = Math.min(partSize, encrypted - offset);
        byte[] key = SnapchatAnswers.unbase64(steps.key());
        byte[] chain = SnapchatAnswers.unbase64(steps.chain() == null ? steps.iv() : steps.chain());
        String what = "The upload of part " + (index + 1) + " of " + total;
        try (SeekableByteChannel channel = media.opener().open()) {
            AtomicReference<SnapchatCrypto.Part> sent = new AtomicReference<>();
            MultipartBody body = MultipartBody.of(List.of(new SimpleEntry<>("action", "ADD"),
                            new SimpleEntry<>("part_number", String.valueOf(index + 1))), "file",
                    "media.part" + (index + 1), "application/octet-stream", length, () -> {
                        SnapchatCrypto.Part part = SnapchatCrypto.part(channel, key, chain, offset, length);
                        sent.set(part);
                        return part;
                    });
            HttpAnswer answer = send(session, path(steps.addPath()).header("Content-Type", body.contentType())
                    .POST(body.publisher()), uploadTimeout);
            if (answer.status() / 100 == 2 && sent.get() != null && sent.get().delivered() == length) {
                return new PublishOutcome.InProgress(steps.partSent(SnapchatAnswers.base64(sent.get().chain())).toJson(), Duration.ZERO,
                        "Encrypted part " + (index + 1) + " of " + total + " uploaded");
            }
            if (answer.status() / 100 == 2) {
                return new PublishOutcome.InProgress(steps.toJson(), stepRetry, what + " was answered before all its bytes were sent; sending it again");
            }
            PublishOutcome failed = SnapchatAnswers.stepFailure(answer.status(), answer.body(), answer.headers(), calls.now(), what);
            if (failed instanceof PublishOutcome.Permanent p) {
                return new PublishOutcome.StartOver(p.reason());
            }
            return failed instanceof PublishOutcome.NotProcessed n ? new PublishOutcome.InProgress(steps.toJson(), stepRetry, n.reason())
                    : failed;
        } catch (IOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), stepRetry, what + " failed (nothing visible was created): "
                    + DribbbleAnswers.describe(e) + "; sending it again");
        }
    }

    /** ASSUMED: a multipart POST of {@code action=FINALIZE} to the finalize path Snap named when the media was created. */
    private PublishOutcome finalizeUpload(TokenSession session, SnapchatSteps steps) throws Stop, InterruptedException {
        MultipartBody body = MultipartBody.fields(List.of(new SimpleEntry<>("action", "FINALIZE")));
        try {
            HttpAnswer answer = send(session, path(steps.finalizePath()).header("Content-Type", body.contentType())
                    .POST(body.publisher()), calls.requestTimeout());
            if (answer.status() / 100 == 2) {
                return new PublishOutcome.InProgress(steps.finished().toJson(), Duration.ZERO, "Snap media " + steps.media()
                        + " uploaded and finalized");
            }
            PublishOutcome failed = SnapchatAnswers.stepFailure(answer.status(), answer.body(), answer.headers(), calls.now(),
                    "The upload's finalization");
            if (failed instanceof PublishOutcome.Permanent p) {
                return new PublishOutcome.StartOver(p.reason());
            }
            return failed instanceof PublishOutcome.NotProcessed n ? new PublishOutcome.InProgress(steps.toJson(), stepRetry, n.reason())
                    : failed;
        } catch (IOException e) {
            return new PublishOutcome.InProgress(steps.toJson(), stepRetry, "The upload's finalization failed: "
                    + DribbbleAnswers.describe(e) + "; asking again");
        }
    }

    /** The visible call: the story, saved story or spotlight with the media id; its outcome follows the exactly-once rule. */
    private PublishOutcome post(TokenSession session, PublishRequest request, SnapchatSteps steps) throws Stop, InterruptedException {
        PostType type = PostType.of(request.option("post_type"));
        try {
            HttpAnswer answer = send(session, json(request("v1/public_profiles/" + encode(request.platformAccountId()) + "/" + type.collection),
                    postBody(request, type, steps.media())), calls.requestTimeout());
            if (answer.status() / 100 == 2) {
                return SnapchatAnswers.postedId(answer.body(), type).<PublishOutcome>map(id -> new PublishOutcome.Published(id, null))
                        .orElseGet(() -> new PublishOutcome.Unknown("Snap created the " + type.entity + " without naming it"));
            }
            return SnapchatAnswers.classify(answer.status(), answer.body(), answer.headers(), calls.now(),
                    "The " + type.entity.replace('_', ' ') + " call");
        } catch (IOException e) {
            return SnapchatAnswers.exception(e, "the " + type.entity.replace('_', ' ') + " call");
        }
    }

    /**
     * ASSUMED bodies: a story takes the media id alone (stories carry no caption); a saved story also its title (the
     * post's title, else the first line of its text); a spotlight its description (the text) and its {@code locale}.
     */
    static String postBody(PublishRequest request, PostType type, String media) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("media_id", media);
        if (type == PostType.SAVED_STORY) {
            body.add("title", DribbbleAnswers.title(request.title(), request.text()));
        } else if (type == PostType.SPOTLIGHT) {
            if (request.text() != null && !request.text().isBlank()) {
                body.add("description", request.text().strip());
            }
            body.add("locale", locale(request));
        }
        return body.build().toString();
    }

    /**
     * A Spotlight's locale, {@code language_COUNTRY}: the target's {@code locale} option, else the post's language when
     * it names a region ({@code en-GB} becomes {@code en_GB}), else {@value #DEFAULT_LOCALE}.
     */
    static String locale(PublishRequest request) {
        Optional<String> given = request.option("locale").map(String::strip).filter(l -> !l.isEmpty());
        if (given.isPresent()) {
            return given.get();
        }
        if (request.language() != null) {
            Locale tag = Locale.forLanguageTag(request.language());
            String candidate = tag.getLanguage() + "_" + tag.getCountry();
            if (LOCALE.matcher(candidate).matches()) {
                return candidate;
            }
        }
        return DEFAULT_LOCALE;
    }

    static String name(PublishRequest request, PublishMedia media) {
        String name = media.fileName() != null && !media.fileName().isBlank() ? media.fileName() : media.reference();
        return name == null || name.isBlank() ? "syndicast-" + request.jobId() : name;
    }

    // ---- check ---------------------------------------------------------------------------------------------------

    CheckOutcome checkNow(PublishRequest request) {
        SnapchatSteps steps = SnapchatSteps.parse(request.platformState());
        if (!steps.finalized()) {
            return new CheckOutcome.NotFound(); // nothing is posted before the upload is finalized
        }
        PostType type = PostType.of(request.option("post_type"));
        try {
            HttpAnswer answer = send(session(request), request("v1/public_profiles/" + encode(request.platformAccountId())
                    + "/" + type.collection).GET(), calls.requestTimeout());
            return SnapchatAnswers.lookup(answer.status(), answer.body(), type, steps.media());
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

    /** A path Snap named ({@code /v1/…}), against the configured base; a full URL as it is. */
    private HttpRequest.Builder path(String named) {
        return named.startsWith("http://") || named.startsWith("https://") ? HttpRequest.newBuilder(URI.create(named))
                : request(named.replaceFirst("^/+", ""));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String body) {
        return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One call with the account's token; the builder is copied, so a renewed token sends the same call again. */
    private static HttpAnswer send(TokenSession session, HttpRequest.Builder call, Duration timeout)
            throws IOException, InterruptedException, Stop {
        return session.send(() -> call.copy().timeout(timeout));
    }

    /** The account's calls with its token; a refused token is renewed once (Snap's tokens live an hour). */
    private TokenSession session(PublishRequest request) {
        return calls.session(request, TokenSession.Refusal.on401(refused ->
                SnapchatAnswers.classify(401, refused.body(), refused.headers(), calls.now(), "The call")));
    }
}
