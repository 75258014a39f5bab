package dev.syndicast.publishing.control;

import dev.syndicast.accounts.boundary.Accounts;
import dev.syndicast.accounts.boundary.Accounts.AccountCredentials;
import dev.syndicast.media.boundary.MediaFiles;
import dev.syndicast.media.boundary.MediaFiles.Sendable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Publishes to Bluesky through the account's own PDS (its service URL; {@code syndicast.platforms.bluesky.api-url}
 * when it has none), with the session the app password opened at connection time. A post is an
 * {@code app.bsky.feed.post} record (atproto lexicons {@code com.atproto.repo.createRecord}, {@code uploadBlob},
 * {@code app.bsky.feed.post}, {@code app.bsky.richtext.facet}, {@code app.bsky.embed.images}/{@code video}) with text,
 * {@code createdAt}, facets for links, hashtags and mentions, the media as one embed, and thread parts as replies
 * ({@code reply.root}/{@code reply.parent}).
 *
 * <p>Exactly once: every record key is a TID derived from the job ({@link BlueskyTid}), and a repository holds one
 * record per key, so repeating {@code createRecord} cannot make a second post (the reference PDS answers the repeat
 * with a 500). When a {@code createRecord} fails, the key is looked up with {@code getRecord} before the failure
 * counts; a record that is there is taken as created. {@code check} asks for the last part's key: a thread is found
 * when all of it is there; a partial thread counts as not found, and publishing again takes over the parts that
 * exist and adds the rest. Blob uploads create nothing visible, so a failure before the first record is not processed.
 *
 * <p>A session that expired or was revoked is refreshed once through the accounts capability
 * ({@code refreshSession}, see {@link AccessToken}): a refresh the PDS refuses fails the target and marks the account
 * token_expired; a refresh that fails for now (the PDS is down) is tried again later.
 */
@ApplicationScoped
public class BlueskyConnector implements Connector {

    public static final String PLATFORM = "bluesky";
    static final String POST = "app.bsky.feed.post";
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Logger LOG = Logger.getLogger(BlueskyConnector.class.getName());

    @Inject
    @ConfigProperty(name = "syndicast.platforms.bluesky.api-url", defaultValue = "https://bsky.social")
    String apiUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.bluesky.app-url", defaultValue = "https://bsky.app")
    String appUrl;

    @Inject
    @ConfigProperty(name = "syndicast.platforms.bluesky.upload-timeout", defaultValue = "PT5M")
    Duration uploadTimeout;

    /** Calls run one after another (a thread's replies need their parent's cid), off the worker's thread. */
    @Inject
    PlatformCalls calls;

    /** The account's PDS, handle and workspace. */
    @Inject
    Accounts accounts;

    @Inject
    MediaFiles media;

    /** The file is uploaded from the media library. */
    @Override
    public boolean uploadsFiles() {
        return true;
    }

    /** Bluesky accounts, except those connected through the sandbox (a demo's "bluesky" account publishes there). */
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
            Session session = session(request);
            boolean existed = false;
            for (int part = partCount(request) - 1; part >= 0; part--) {
                String rkey = BlueskyTid.of(request.jobId(), part);
                existed |= session.getRecord(rkey).isPresent();
                JsonObject body = JSON.createObjectBuilder().add("repo", session.did).add("collection", POST).add("rkey", rkey).build();
                Answer answer = session.send(post("com.atproto.repo.deleteRecord", session, body.toString()), calls.requestTimeout());
                if (!answer.ok()) {
                    return false;
                }
            }
            return existed;
        } catch (Stop | IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    PublishOutcome publishNow(PublishRequest request) {
        try {
            Session session = session(request);
            List<String> texts = new ArrayList<>();
            texts.add(request.text() == null ? "" : request.text());
            texts.addAll(request.threadParts());
            JsonObject embed = embed(session, request);
            Ref root = null;
            Ref parent = null;
            for (int part = 0; part < texts.size(); part++) {
                String rkey = BlueskyTid.of(request.jobId(), part);
                JsonObjectBuilder record = JSON.createObjectBuilder()
                        .add("$type", POST)
                        .add("text", texts.get(part))
                        .add("createdAt", DateTimeFormatter.ISO_INSTANT.format(calls.now().truncatedTo(ChronoUnit.MILLIS)));
                JsonArray facets = facets(session, texts.get(part));
                if (!facets.isEmpty()) {
                    record.add("facets", facets);
                }
                if (request.language() != null) {
                    // lexicon app.bsky.feed.post: langs, "Indicates human language of post primary text content" (BCP 47).
                    record.add("langs", JSON.createArrayBuilder().add(request.language()));
                }
                if (part == 0 && embed != null) {
                    record.add("embed", embed);
                }
                if (root != null) {
                    record.add("reply", JSON.createObjectBuilder().add("root", root.json()).add("parent", parent.json()));
                }
                Ref created = createRecord(session, rkey, record.build());
                root = root == null ? created : root;
                parent = created;
            }
            return new PublishOutcome.Published(root.uri(), session.postUrl(BlueskyTid.of(request.jobId(), 0)));
        } catch (Stop stop) {
            return stop.outcome;
        }
    }

    CheckOutcome checkNow(PublishRequest request) {
        try {
            Session session = session(request);
            String last = BlueskyTid.of(request.jobId(), partCount(request) - 1);
            if (session.getRecord(last).isEmpty()) {
                return new CheckOutcome.NotFound();
            }
            String first = BlueskyTid.of(request.jobId(), 0);
            return new CheckOutcome.Found(session.atUri(first), session.postUrl(first));
        } catch (Stop stop) {
            return new CheckOutcome.CannotTell(reasonOf(stop.outcome));
        } catch (IOException e) {
            return new CheckOutcome.CannotTell("the lookup failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckOutcome.CannotTell("interrupted");
        }
    }

    /**
     * Creates one record under its fixed key. A failure is looked up before it counts: a record that is there was
     * created by this or an earlier attempt (the key is the job's), and is taken as is.
     */
    private Ref createRecord(Session session, String rkey, JsonObject record) throws Stop {
        JsonObject body = JSON.createObjectBuilder().add("repo", session.did).add("collection", POST).add("rkey", rkey)
                .add("record", record).build();
        PublishOutcome failure;
        try {
            Answer answer = session.send(post("com.atproto.repo.createRecord", session, body.toString()), calls.requestTimeout());
            if (answer.ok()) {
                JsonObject created = answer.json();
                return new Ref(created.getString("uri"), created.getString("cid"));
            }
            failure = answer.classify(calls.now());
            if (failure instanceof PublishOutcome.NotProcessed) {
                throw new Stop(failure);
            }
        } catch (IOException e) {
            failure = sendFailure(e);
            if (failure instanceof PublishOutcome.NotProcessed) {
                throw new Stop(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(new PublishOutcome.Unknown("Interrupted while creating the post"));
        } catch (RuntimeException unreadable) {
            failure = new PublishOutcome.Unknown("Bluesky's answer to createRecord could not be read: " + describe(unreadable));
        }
        try {
            Optional<Ref> existing = session.getRecord(rkey);
            if (existing.isPresent()) {
                LOG.info(() -> "event=bluesky_record_adopted rkey=" + rkey);
                return existing.get();
            }
        } catch (IOException | Stop lookupFailed) {
            // The record may exist: the outcome stays unknown and the job's lookup asks again later.
            throw new Stop(failure instanceof PublishOutcome.Permanent ? failure
                    : new PublishOutcome.Unknown(reasonOf(failure) + "; the lookup that followed failed too"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stop(failure);
    }

    /** The one embed of the first post: up to four images, or one video. Uploading creates nothing visible. */
    private JsonObject embed(Session session, PublishRequest request) throws Stop {
        if (request.media().isEmpty()) {
            return null;
        }
        List<Sendable> items = new ArrayList<>();
        // The library item behind each media entry (a post made by the external scheduling API also names the URL its
        // video was imported from; the item is what is uploaded).
        for (PublishMedia m : request.media()) {
            if (m.opener() == null) {
                throw new Stop(new PublishOutcome.Permanent("Bluesky publishes media from the library; " + m.reference() + " is not in it"));
            }
            UUID id = UUID.fromString(m.reference());
            items.add(media.sendable(session.workspaceId, id).orElseThrow(() -> new Stop(
                    new PublishOutcome.Permanent("Media item " + id + " is not ready in the library"))));
        }
        boolean video = items.stream().anyMatch(i -> i.mimeType() != null && i.mimeType().startsWith("video/"));
        if (video && items.size() > 1) {
            throw new Stop(new PublishOutcome.Permanent("Bluesky takes one video or up to 4 images per post, not both"));
        }
        if (items.size() > 4) {
            throw new Stop(new PublishOutcome.Permanent("Bluesky takes at most 4 images per post"));
        }
        if (video) {
            Sendable item = items.get(0);
            JsonObjectBuilder embed = JSON.createObjectBuilder().add("$type", "app.bsky.embed.video").add("video", upload(session, item));
            if (item.altText() != null && !item.altText().isBlank()) {
                embed.add("alt", item.altText());
            }
            aspectRatio(item).ifPresent(r -> embed.add("aspectRatio", r));
            return embed.build();
        }
        JsonArrayBuilder images = JSON.createArrayBuilder();
        for (Sendable item : items) {
            JsonObjectBuilder image = JSON.createObjectBuilder().add("image", upload(session, item))
                    .add("alt", item.altText() == null ? "" : item.altText());
            aspectRatio(item).ifPresent(r -> image.add("aspectRatio", r));
            images.add(image);
        }
        return JSON.createObjectBuilder().add("$type", "app.bsky.embed.images").add("images", images).build();
    }

    private static Optional<JsonObject> aspectRatio(Sendable item) {
        if (item.width() == null || item.height() == null || item.width() <= 0 || item.height() <= 0) {
            return Optional.empty();
        }
        return Optional.of(JSON.createObjectBuilder().add("width", item.width()).add("height", item.height()).build());
    }

    /** {@code uploadBlob}, streamed from storage with its length (a video is never held in memory). */
    private JsonObject upload(Session session, Sendable item) throws Stop {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return Channels.newInputStream(item.opener().open());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), item.size());
        HttpRequest.Builder request = HttpRequest.newBuilder(session.xrpc("com.atproto.repo.uploadBlob"))
                .header("Content-Type", item.mimeType() == null ? "application/octet-stream" : item.mimeType())
                .POST(body);
        try {
            Answer answer = session.send(request, uploadTimeout);
            if (!answer.ok()) {
                PublishOutcome outcome = answer.classify(calls.now());
                // Nothing is posted before the record: an upload that may or may not have landed is simply repeated.
                throw new Stop(outcome instanceof PublishOutcome.Unknown u ? new PublishOutcome.NotProcessed(u.reason(), null) : outcome);
            }
            return answer.json().getJsonObject("blob");
        } catch (IOException | RuntimeException e) {
            throw new Stop(new PublishOutcome.NotProcessed("Uploading media to Bluesky failed: " + describe(e), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(new PublishOutcome.NotProcessed("Interrupted while uploading media", null));
        }
    }

    /** The facets of one text, mentions resolved to DIDs; a handle that does not resolve stays plain text. */
    private JsonArray facets(Session session, String text) throws Stop {
        JsonArrayBuilder facets = JSON.createArrayBuilder();
        for (BlueskyFacets.Facet facet : BlueskyFacets.detect(text)) {
            JsonObjectBuilder feature = JSON.createObjectBuilder();
            switch (facet.kind()) {
                case LINK -> feature.add("$type", "app.bsky.richtext.facet#link").add("uri", facet.value());
                case TAG -> feature.add("$type", "app.bsky.richtext.facet#tag").add("tag", facet.value());
                case MENTION -> {
                    Optional<String> did = session.resolveHandle(facet.value());
                    if (did.isEmpty()) {
                        continue;
                    }
                    feature.add("$type", "app.bsky.richtext.facet#mention").add("did", did.get());
                }
            }
            facets.add(JSON.createObjectBuilder()
                    .add("index", JSON.createObjectBuilder().add("byteStart", facet.byteStart()).add("byteEnd", facet.byteEnd()))
                    .add("features", JSON.createArrayBuilder().add(feature)));
        }
        return facets.build();
    }

    private Session session(PublishRequest request) throws Stop {
        AccountCredentials account = accounts.credentials(request.accountId()).orElseThrow(() -> new Stop(
                new PublishOutcome.Permanent("The Bluesky account is no longer connected")));
        String server = request.serviceUrl() == null || request.serviceUrl().isBlank() ? apiUrl : request.serviceUrl().strip();
        String token = request.accessToken() != null ? request.accessToken() : account.accessToken();
        return new Session(request.accountId(), account.workspaceId(), request.platformAccountId(), account.username(),
                URI.create(server.replaceAll("/+$", "") + "/"), token);
    }

    private static int partCount(PublishRequest request) {
        return 1 + request.threadParts().size();
    }

    private static HttpRequest.Builder post(String method, Session session, String json) {
        return HttpRequest.newBuilder(session.xrpc(method)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /**
     * A connection that was never opened sent nothing. A timeout or broken connection after sending may have created
     * the record: the key is looked up before anything else.
     */
    static PublishOutcome sendFailure(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
            return new PublishOutcome.NotProcessed("Bluesky not reachable: " + describe(e), null);
        }
        return new PublishOutcome.Unknown("The connection to Bluesky failed after sending: " + describe(e));
    }

    static String reasonOf(PublishOutcome outcome) {
        if (outcome instanceof PublishOutcome.NotProcessed n) {
            return n.reason();
        }
        if (outcome instanceof PublishOutcome.Permanent p) {
            return p.reason();
        }
        return outcome instanceof PublishOutcome.Unknown u ? u.reason() : "published";
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** A record's strong reference, as replies name their root and parent. */
    record Ref(String uri, String cid) {
        JsonObject json() {
            return JSON.createObjectBuilder().add("uri", uri).add("cid", cid).build();
        }
    }

    /** An answer read whole (XRPC answers are small JSON). */
    record Answer(int status, String body, Optional<String> rateLimitReset, Optional<String> retryAfter) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonObject json() {
            try (var reader = JSON.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        static Answer of(HttpAnswer answer) {
            return new Answer(answer.status(), answer.body(), answer.header("ratelimit-reset"), answer.header("Retry-After"));
        }

        PublishOutcome classify(Instant now) {
            return BlueskyAnswers.classify(status, rateLimitReset, retryAfter, body, now);
        }
    }


    /** One account's calls: its PDS, DID and token; an expired session is refreshed once. */
    private final class Session {
        final UUID accountId;
        final UUID workspaceId;
        final String did;
        final String handle;
        final URI base;
        final TokenSession tokens;

        Session(UUID accountId, UUID workspaceId, String did, String handle, URI base, String token) {
            this.accountId = accountId;
            this.workspaceId = workspaceId;
            this.did = did;
            this.handle = handle;
            this.base = base;
            this.tokens = calls.session(accountId, token, new TokenSession.Refusal(
                    refused -> BlueskyAnswers.sessionExpired(refused.status(), refused.body()), Session::refusal));
        }

        URI xrpc(String method) {
            return base.resolve("xrpc/" + method);
        }

        String atUri(String rkey) {
            return "at://" + did + "/" + POST + "/" + rkey;
        }

        String postUrl(String rkey) {
            String profile = handle == null || handle.isBlank() ? did : handle.replaceFirst("^@", "");
            return appUrl.replaceAll("/+$", "") + "/profile/" + profile + "/post/" + rkey;
        }

        /** An expired session (a 401, or Bluesky's ExpiredToken or InvalidToken) is refreshed once and the call sent again. */
        Answer send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException, Stop {
            return Answer.of(tokens.send(() -> request.copy().timeout(timeout)));
        }

        private static PublishOutcome.TokenRefused refusal(HttpAnswer answer) {
            return new PublishOutcome.TokenRefused("Bluesky refused the session: " + BlueskyAnswers.errorOf(answer.body()).describe());
        }

        /** {@code getRecord} of one of this account's posts: empty when Bluesky says it has no such record. */
        Optional<Ref> getRecord(String rkey) throws IOException, InterruptedException, Stop {
            Answer answer = send(HttpRequest.newBuilder(xrpc("com.atproto.repo.getRecord?repo=" + encode(did)
                    + "&collection=" + POST + "&rkey=" + rkey)).GET(), calls.requestTimeout());
            if (answer.ok()) {
                JsonObject found = answer.json();
                return Optional.of(new Ref(found.getString("uri"), found.getString("cid")));
            }
            if (BlueskyAnswers.recordNotFound(answer.status(), answer.body())) {
                return Optional.empty();
            }
            throw new IOException("getRecord answered HTTP " + answer.status() + " " + BlueskyAnswers.errorOf(answer.body()).describe());
        }

        /** A handle's DID; empty when the handle does not exist. A failure to ask waits (the mention would be lost). */
        Optional<String> resolveHandle(String mentioned) throws Stop {
            try {
                Answer answer = send(HttpRequest.newBuilder(xrpc("com.atproto.identity.resolveHandle?handle=" + encode(mentioned))).GET(),
                        calls.requestTimeout());
                if (answer.ok()) {
                    return Optional.ofNullable(answer.json().getString("did", null));
                }
                if (answer.status() == 400) {
                    return Optional.empty();
                }
                throw new Stop(new PublishOutcome.NotProcessed("Resolving @" + mentioned + " failed: HTTP " + answer.status(), null));
            } catch (IOException e) {
                throw new Stop(new PublishOutcome.NotProcessed("Resolving @" + mentioned + " failed: " + describe(e), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stop(new PublishOutcome.NotProcessed("Interrupted", null));
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
