package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
        assertThat(MastodonConnector.statusForm("Olá", List.of("7"), null, "pt-BR"))
                .isEqualTo("status=Ol%C3%A1&media_ids%5B%5D=7&language=pt-BR");
        assertThat(MastodonConnector.statusForm("part 2", List.of(), "1099", "en"))
                .as("every status of a thread carries the language").isEqualTo("status=part+2&in_reply_to_id=1099&language=en");
    }

    @Test
    void theTargetsVisibilityContentWarningAndSensitivityGoWithTheStatus() {
        PublishRequest request = new PublishRequest(java.util.UUID.randomUUID(), 1, "k", false, true, "mastodon", null, "1",
                "https://masto.test", "t", "Spoilers", null, List.of(), List.of(), List.of(), null, null,
                jakarta.json.Json.createObjectBuilder().add("visibility", "unlisted").add("spoiler_text", "Season 2 & more")
                        .add("sensitive", true).build());

        assertThat(MastodonConnector.statusForm("Spoilers", List.of(), null, null, MastodonConnector.statusOptions(request)))
                .isEqualTo("status=Spoilers&visibility=unlisted&spoiler_text=Season+2+%26+more&sensitive=true");
    }

    @Test
    void aThreadPostsEachPartInTurnAndAPartRefusedLaterPublishesInPart() {
        UploadSteps none = UploadSteps.none();
        PublishOutcome root = none.after(new PublishOutcome.Published("11", "u11"), 2);
        assertThat(root).isInstanceOf(PublishOutcome.InProgress.class);
        UploadSteps afterRoot = UploadSteps.parse(((PublishOutcome.InProgress) root).state());
        assertThat(((PublishOutcome.InProgress) root).checkAgainIn()).isZero();
        assertThat(afterRoot.after(new PublishOutcome.Published("12", "u12"), 2))
                .isEqualTo(new PublishOutcome.Published("11", "u11"));
        assertThat(afterRoot.after(new PublishOutcome.Permanent("too long"), 2))
                .isInstanceOf(PublishOutcome.PublishedInPart.class)
                .satisfies(o -> assertThat(((PublishOutcome.PublishedInPart) o).externalId()).isEqualTo("11"));
        assertThat(afterRoot.after(new PublishOutcome.NotProcessed("refused", null), 2))
                .as("the post exists: never a plain retry that could fail it").isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(none.after(new PublishOutcome.Permanent("too long"), 2))
                .as("the first status refused: nothing exists").isEqualTo(new PublishOutcome.Permanent("too long"));
        PublishRequest request = request("the post", List.of("part two", " "), List.of(), null);
        assertThat(UploadSteps.texts(request)).containsExactly("the post", "part two");
        assertThat(MastodonConnector.idempotencyKey(request, 0)).isEqualTo("syn-key");
        assertThat(MastodonConnector.idempotencyKey(request, 1)).isEqualTo("syn-key-part1");
    }

    @Test
    void whatCannotBeSentIsRefusedBeforeAnyCall() {
        PublishMedia item = new PublishMedia("m", "image/png", 3, "a.png", null, () -> null);
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(item, item, item, item, item), null)))
                .as("how many attachments an instance takes is its own (checked against it before anything is queued)").isEmpty();
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(new PublishMedia("https://cdn.test/a.png",
                "image/png", -1, null, null, null)), null))).get().asString().contains("not an item of the media library");
        assertThat(MastodonConnector.refusal(request("hi", List.of(), List.of(item), null))).isEmpty();
    }

    @Test
    void theStepsSurviveTheirStoredForm() {
        UploadSteps steps = UploadSteps.none().uploaded(new UploadSteps.Upload("m1", true), NOW)
                .uploaded(new UploadSteps.Upload("m2", false), NOW.plusSeconds(9));
        UploadSteps read = UploadSteps.parse(steps.toJson());
        assertThat(read).isEqualTo(steps);
        assertThat(read.since()).as("the processing deadline counts from the first upload").isEqualTo(NOW);
        assertThat(read.processed(1).media().get(1).ready()).isTrue();
        assertThat(UploadSteps.parse("not json")).as("unreadable state starts over").isEqualTo(UploadSteps.none());
        assertThat(UploadSteps.parse(null)).isEqualTo(UploadSteps.none());
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
                MultipartBody multipart = MastodonConnector.uploadBody(media, channel);
                HttpRequest.BodyPublisher publisher = multipart.publisher();
                byte[] body = TestResponses.drain(publisher);
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

    private static PublishRequest request(String text, List<String> parts, List<PublishMedia> media, String state) {
        return new PublishRequest(UUID.randomUUID(), 1, "syn-key", false, true, "mastodon", UUID.randomUUID(), "109", INSTANCE,
                "token", text, null, parts, media.stream().map(PublishMedia::reference).toList(), media, state);
    }
}
