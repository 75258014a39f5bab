package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

class MastodonConnectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String INSTANCE = "https://example.social";

    @Test
    void servesAccountsOnAnInstanceButNotThoseConnectedThroughTheSandbox() {
        MastodonConnector connector = new MastodonConnector();
        assertThat(connector.serves("mastodon", "https://example.social")).isTrue();
        assertThat(connector.serves("mastodon", SandboxConnector.SERVICE)).isFalse();
        assertThat(new SandboxConnector().serves("mastodon", SandboxConnector.SERVICE)).isTrue();
        assertThat(connector.serves("mastodon", null)).isFalse();
        assertThat(connector.serves("bluesky", "https://bsky.social")).isFalse();
    }

    @Test
    void theStatusFormNamesTheDocumentedFields() {
        assertThat(MastodonConnector.statusForm("Hello & welcome #tag", List.of("101", "102"), null))
                .isEqualTo("status=Hello+%26+welcome+%23tag&media_ids%5B%5D=101&media_ids%5B%5D=102");
        assertThat(MastodonConnector.statusForm(null, List.of("7"), null)).isEqualTo("media_ids%5B%5D=7");
        assertThat(MastodonConnector.statusForm("part 2", List.of(), "1099")).isEqualTo("status=part+2&in_reply_to_id=1099");
    }

    @Test
    void aCreatedStatusCarriesItsIdAndPublicUrl() {
        PublishOutcome outcome = MastodonConnector.statusOutcome(response(200,
                "{\"id\":\"1099\",\"uri\":\"https://example.social/users/a/statuses/1099\",\"url\":\"https://example.social/@a/1099\"}"),
                INSTANCE, NOW);
        assertThat(outcome).isEqualTo(new PublishOutcome.Published("1099", "https://example.social/@a/1099"));
        assertThat(MastodonConnector.statusOutcome(response(200, "<html>"), INSTANCE, NOW))
                .as("a 200 that cannot be read may still have created the status").isInstanceOf(PublishOutcome.Unknown.class);
    }

    @Test
    void errorsAreClassifiedAsTheDocsDescribeThem() {
        assertThat(MastodonConnector.statusOutcome(response(422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}"),
                INSTANCE, NOW)).isEqualTo(new PublishOutcome.Permanent(
                "https://example.social refused the post: Validation failed: Text character limit of 500 exceeded"));
        assertThat(MastodonConnector.statusOutcome(response(401, "{\"error\":\"The access token was revoked\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.TokenRefused.class)
                .satisfies(o -> assertThat(((PublishOutcome.TokenRefused) o).reason()).contains("The access token was revoked"));
        assertThat(MastodonConnector.statusOutcome(response(503, "{\"error\":\"unavailable\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonConnector.statusOutcome(response(408, ""), INSTANCE, NOW)).isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(MastodonConnector.statusOutcome(response(404, "{\"error\":\"Record not found\"}"), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.Permanent.class);
    }

    @Test
    void aRateLimitWaitsUntilTheResetWithoutBeingAFailure() {
        PublishOutcome outcome = MastodonConnector.statusOutcome(response(429, "{\"error\":\"Too many requests\"}",
                Map.of("X-RateLimit-Reset", List.of("2026-12-02T10:04:30.019685Z"))), INSTANCE, NOW);
        assertThat(outcome).isInstanceOf(PublishOutcome.RateLimited.class);
        assertThat(((PublishOutcome.RateLimited) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(270).plusNanos(19_685_000));
        PublishOutcome withoutHeader = MastodonConnector.statusOutcome(response(429, ""), INSTANCE, NOW);
        assertThat(((PublishOutcome.RateLimited) withoutHeader).retryAfter()).as("the back-off decides").isNull();
    }

    @Test
    void aFailedUploadIsAPlainRetryBecauseNothingVisibleExists() {
        assertThat(MastodonConnector.stepFailure("the upload of media 1", response(502, ""), INSTANCE, NOW))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
        assertThat(MastodonConnector.stepFailure("the upload of media 1", response(422, "{\"error\":\"File type not supported\"}"),
                INSTANCE, NOW)).isEqualTo(new PublishOutcome.Permanent("https://example.social refused the post: File type not supported"));
    }

    @Test
    void aStatusCallThatBrokeAfterSendingIsUnknownButOneThatNeverConnectedIsNot() {
        assertThat(MastodonConnector.statusException(new CompletionException(new HttpTimeoutException("timed out"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonConnector.statusException(new CompletionException(new IOException("connection reset"))))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonConnector.statusException(new CompletionException(new ConnectException("refused"))))
                .isInstanceOf(PublishOutcome.NotProcessed.class);
    }

    @Test
    void theLookupFindsTheStatusByItsMediaIdsOrItsText() {
        String statuses = """
                [{"id":"3","url":"https://example.social/@a/3","content":"<p>other</p>","media_attachments":[]},
                 {"id":"2","url":"https://example.social/@a/2","content":"<p>x</p>","media_attachments":[{"id":"m2"},{"id":"m1"}]},
                 {"id":"1","url":"https://example.social/@a/1","content":"<p>Hello &amp; <a href=\\"https://x.test\\">https://x.test</a></p><p>second<br>line</p>","media_attachments":[]}]""";
        MastodonSteps withMedia = MastodonSteps.none().uploaded(new MastodonSteps.Upload("m1", true), NOW)
                .uploaded(new MastodonSteps.Upload("m2", true), NOW);
        assertThat(MastodonConnector.lookup(response(200, statuses), List.of("ignored"), withMedia))
                .isEqualTo(new CheckOutcome.Found("2", "https://example.social/@a/2"));
        assertThat(MastodonConnector.lookup(response(200, statuses), List.of("Hello & https://x.test\n\nsecond\nline"),
                MastodonSteps.none())).isEqualTo(new CheckOutcome.Found("1", "https://example.social/@a/1"));
        assertThat(MastodonConnector.lookup(response(200, statuses), List.of("never posted"), MastodonSteps.none()))
                .isEqualTo(new CheckOutcome.NotFound());
        assertThat(MastodonConnector.lookup(response(200, statuses), List.of("x"),
                MastodonSteps.none().uploaded(new MastodonSteps.Upload("m9", true), NOW))).isEqualTo(new CheckOutcome.NotFound());
        assertThat(MastodonConnector.lookup(response(502, ""), List.of("x"), MastodonSteps.none())).isInstanceOf(CheckOutcome.CannotTell.class);
        assertThat(MastodonConnector.lookup(response(200, "{oops"), List.of("x"), MastodonSteps.none()))
                .isInstanceOf(CheckOutcome.CannotTell.class);
    }

    @Test
    void aThreadIsLookedUpPartByPartAndNeverReportedMissingOnceItsFirstStatusExists() {
        String statuses = """
                [{"id":"12","url":"u12","content":"<p>part two</p>","in_reply_to_id":"11","media_attachments":[]},
                 {"id":"11","url":"u11","content":"<p>the post</p>","in_reply_to_id":null,"media_attachments":[]}]""";
        List<String> texts = List.of("the post", "part two", "part three");
        CheckOutcome first = MastodonConnector.lookup(response(200, statuses), texts, MastodonSteps.none());
        assertThat(first).isInstanceOf(CheckOutcome.FoundInPart.class);
        MastodonSteps afterFirst = MastodonSteps.parse(((CheckOutcome.FoundInPart) first).state());
        assertThat(afterFirst.posted()).containsExactly(new MastodonSteps.Posted("11", "u11"));

        CheckOutcome second = MastodonConnector.lookup(response(200, statuses), texts, afterFirst);
        MastodonSteps afterSecond = MastodonSteps.parse(((CheckOutcome.FoundInPart) second).state());
        assertThat(afterSecond.posted()).extracting(MastodonSteps.Posted::id).containsExactly("11", "12");

        CheckOutcome third = MastodonConnector.lookup(response(200, statuses), texts, afterSecond);
        assertThat(third).as("part three is not there, but the post is: send it again, never fail")
                .isInstanceOf(CheckOutcome.FoundInPart.class);
        assertThat(MastodonSteps.parse(((CheckOutcome.FoundInPart) third).state())).isEqualTo(afterSecond);

        String all = statuses.replace("[{", "[{\"id\":\"13\",\"url\":\"u13\",\"content\":\"<p>part three</p>\","
                + "\"in_reply_to_id\":\"12\",\"media_attachments\":[]},{");
        assertThat(MastodonConnector.lookup(response(200, all), texts, afterSecond))
                .as("the whole thread is there: published as its first status").isEqualTo(new CheckOutcome.Found("11", "u11"));
    }

    @Test
    void aThreadPostsEachPartInTurnAndAPartRefusedLaterPublishesInPart() {
        MastodonSteps none = MastodonSteps.none();
        PublishOutcome root = MastodonConnector.threadOutcome(new PublishOutcome.Published("11", "u11"), none, 2);
        assertThat(root).isInstanceOf(PublishOutcome.InProgress.class);
        MastodonSteps afterRoot = MastodonSteps.parse(((PublishOutcome.InProgress) root).state());
        assertThat(((PublishOutcome.InProgress) root).checkAgainIn()).isZero();
        assertThat(MastodonConnector.threadOutcome(new PublishOutcome.Published("12", "u12"), afterRoot, 2))
                .isEqualTo(new PublishOutcome.Published("11", "u11"));
        assertThat(MastodonConnector.threadOutcome(new PublishOutcome.Permanent("too long"), afterRoot, 2))
                .isInstanceOf(PublishOutcome.PublishedInPart.class)
                .satisfies(o -> assertThat(((PublishOutcome.PublishedInPart) o).externalId()).isEqualTo("11"));
        assertThat(MastodonConnector.threadOutcome(new PublishOutcome.NotProcessed("refused", null), afterRoot, 2))
                .as("the post exists: never a plain retry that could fail it").isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(MastodonConnector.threadOutcome(new PublishOutcome.Permanent("too long"), none, 2))
                .as("the first status refused: nothing exists").isEqualTo(new PublishOutcome.Permanent("too long"));
        PublishRequest request = request("the post", List.of("part two", " "), List.of(), null);
        assertThat(MastodonConnector.statusTexts(request)).containsExactly("the post", "part two");
        assertThat(MastodonConnector.idempotencyKey(request, 0)).isEqualTo("syn-key");
        assertThat(MastodonConnector.idempotencyKey(request, 1)).isEqualTo("syn-key-part1");
    }

    @Test
    void whatCannotBeSentIsRefusedBeforeAnyCall() {
        PublishMedia item = new PublishMedia("m", "image/png", 3, "a.png", null, () -> null);
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(item, item, item, item, item), null)))
                .get().asString().contains("at most 4");
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(new PublishMedia("https://cdn.test/a.png",
                "image/png", -1, null, null, null)), null))).get().asString().contains("not an item of the media library");
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(item), null))).isEmpty();
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        MastodonSteps steps = MastodonSteps.none().uploaded(new MastodonSteps.Upload("m1", true), NOW)
                .uploaded(new MastodonSteps.Upload("m2", false), NOW.plusSeconds(9));
        MastodonSteps read = MastodonSteps.parse(steps.toJson());
        assertThat(read).isEqualTo(steps);
        assertThat(read.since()).as("the processing deadline counts from the first upload").isEqualTo(NOW);
        assertThat(read.processed(1).media().get(1).ready()).isTrue();
        assertThat(MastodonSteps.parse("not json")).as("unreadable state starts over").isEqualTo(MastodonSteps.none());
        assertThat(MastodonSteps.parse(null)).isEqualTo(MastodonSteps.none());
    }

    @Test
    void theUploadStreamsTheFileWithItsAltTextAndDeclaredLength() throws Exception {
        Path file = Files.createTempFile("upload", ".png");
        try {
            byte[] bytes = new byte[70_000];
            new java.util.Random(1).nextBytes(bytes);
            Files.write(file, bytes);
            PublishMedia media = new PublishMedia(UUID.randomUUID().toString(), "image/png", bytes.length, "cat photo.png",
                    "A cat on a mat", () -> Files.newByteChannel(file, StandardOpenOption.READ));
            try (SeekableByteChannel channel = media.opener().open()) {
                MastodonConnector.Multipart multipart = MastodonConnector.Multipart.of(media, channel);
                HttpRequest.BodyPublisher publisher = multipart.publisher();
                byte[] body = drain(publisher);
                assertThat(publisher.contentLength()).isEqualTo(body.length);
                String text = new String(body, StandardCharsets.ISO_8859_1);
                String b = multipart.boundary();
                assertThat(multipart.contentType()).isEqualTo("multipart/form-data; boundary=" + b);
                assertThat(text).startsWith("--" + b + "\r\nContent-Disposition: form-data; name=\"description\"\r\n")
                        .contains("\r\n\r\nA cat on a mat\r\n--" + b + "\r\n")
                        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"cat_photo.png\"\r\nContent-Type: image/png\r\n\r\n")
                        .endsWith("\r\n--" + b + "--\r\n");
                int start = text.indexOf("image/png\r\n\r\n") + "image/png\r\n\r\n".length();
                byte[] sent = java.util.Arrays.copyOfRange(body, start, start + bytes.length);
                assertThat(sent).isEqualTo(bytes);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] drain(HttpRequest.BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var done = new java.util.concurrent.CompletableFuture<Void>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        return out.toByteArray();
    }

    private static PublishRequest request(String text, List<String> parts, List<PublishMedia> media, String state) {
        return new PublishRequest(UUID.randomUUID(), 1, "syn-key", false, true, "mastodon", UUID.randomUUID(), "109", INSTANCE,
                "token", text, null, parts, media.stream().map(PublishMedia::reference).toList(), media, state);
    }

    private static HttpResponse<String> response(int status, String body) {
        return response(status, body, Map.of());
    }

    private static HttpResponse<String> response(int status, String body, Map<String, List<String>> headers) {
        return new HttpResponse<>() {
            @Override public int statusCode() { return status; }
            @Override public HttpRequest request() { return HttpRequest.newBuilder(URI.create(INSTANCE)).build(); }
            @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            @Override public HttpHeaders headers() { return HttpHeaders.of(headers, (a, b) -> true); }
            @Override public String body() { return body; }
            @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
            @Override public URI uri() { return URI.create(INSTANCE); }
            @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }
}
