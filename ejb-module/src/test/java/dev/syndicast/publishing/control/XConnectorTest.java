package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class XConnectorTest {

    private static PublishRequest request(String text, List<String> thread, List<PublishMedia> media) {
        return new PublishRequest(UUID.randomUUID(), 1, "key", false, true, "twitter", UUID.randomUUID(), "42", null, "token",
                text, null, thread, media.stream().map(PublishMedia::reference).toList(), media, null);
    }

    private static PublishMedia media(String type) {
        return new PublishMedia("m-" + type, type, 10, "f", null, () -> { throw new IOException("not opened in this test"); });
    }

    @Test
    void servesXAccountsButNotTheSandboxs() {
        XConnector connector = new XConnector();
        assertThat(connector.serves("twitter", null)).isTrue();
        assertThat(connector.serves("twitter", SandboxConnector.SERVICE)).isFalse();
        assertThat(connector.serves("mastodon", null)).isFalse();
    }

    @Test
    void theTweetBodyCarriesTextMediaIdsAndTheReplyChain() {
        assertThat(XConnector.tweetBody("Hi \"there\"", List.of(), null)).isEqualTo("{\"text\":\"Hi \\\"there\\\"\"}");
        assertThat(XConnector.tweetBody("pics", List.of("1", "2"), null))
                .isEqualTo("{\"text\":\"pics\",\"media\":{\"media_ids\":[\"1\",\"2\"]}}");
        assertThat(XConnector.tweetBody("part", List.of(), "77"))
                .isEqualTo("{\"text\":\"part\",\"reply\":{\"in_reply_to_tweet_id\":\"77\"}}");
        assertThat(XConnector.tweetBody("", List.of("1"), null)).isEqualTo("{\"media\":{\"media_ids\":[\"1\"]}}");
    }

    @Test
    void theTargetsReplySettingsOptionGoesWithTheTweet() {
        assertThat(XConnector.tweetBody("hi", List.of(), null, "following"))
                .isEqualTo("{\"text\":\"hi\",\"reply_settings\":\"following\"}");
    }

    @Test
    void videosAndGifsAreChunkedWithTheirCategory() {
        assertThat(XConnector.category(media("video/mp4"))).isEqualTo("tweet_video");
        assertThat(XConnector.category(media("image/gif"))).isEqualTo("tweet_gif");
        assertThat(XConnector.category(media("image/png"))).isEqualTo("tweet_image");
        assertThat(XConnector.chunked(media("image/gif"))).isTrue();
        assertThat(XConnector.chunked(media("image/jpeg"))).isFalse();
    }

    @Test
    void refusesWhatXCannotTake() {
        assertThat(XConnector.refusal(request("hi", List.of(), List.of(media("video/mp4"), media("image/png")))))
                .hasValueSatisfying(r -> assertThat(r).contains("one video or GIF alone"));
        assertThat(XConnector.refusal(request("hi", List.of(), List.of(media("image/png"), media("image/png"),
                media("image/png"), media("image/png"), media("image/png"))))).isPresent();
        assertThat(XConnector.refusal(request(" ", List.of(), List.of()))).isPresent();
        assertThat(XConnector.refusal(request("hi", List.of(), List.of(media("image/png"))))).isEmpty();
    }

    @Test
    void aChunkedUploadUnderWaySurvivesItsStoredForm() {
        UploadSteps.Chunked upload = new UploadSteps.Chunked("1880028106020515840", 3, 4_194_304, 20_000_000L,
                Instant.parse("2026-03-02T10:00:00Z"));
        UploadSteps steps = UploadSteps.none().withChunked(upload);
        assertThat(UploadSteps.parse(steps.toJson())).isEqualTo(steps);
        UploadSteps noExpiry = UploadSteps.none().withChunked(new UploadSteps.Chunked("7", 0, 1000, 10, null));
        assertThat(UploadSteps.parse(noExpiry.toJson())).isEqualTo(noExpiry);
        assertThat(UploadSteps.parse("{\"media\":[{\"id\":\"1\",\"ready\":true}]}").chunked())
                .as("a state stored before chunked uploads were steps").isNull();
        assertThat(steps.uploaded(new UploadSteps.Upload("1880028106020515840", false), Instant.EPOCH).chunked())
                .as("finalized: one of the media now").isNull();
    }

    @Test
    void aChunkedUploadCutsTheFileIntoSegmentsOfItsStoredChunkSize() {
        UploadSteps.Chunked upload = new UploadSteps.Chunked("7", 0, 1000, 2_500, null);
        assertThat(upload.segments()).isEqualTo(3);
        assertThat(upload.appended().appended()).satisfies(last -> {
            assertThat(last.offset()).isEqualTo(2_000);
            assertThat(last.length()).isEqualTo(500);
            assertThat(last.allAppended()).isFalse();
            assertThat(last.appended().allAppended()).isTrue();
        });
        assertThat(new UploadSteps.Chunked("7", 0, 1000, 3_000, null).segments()).isEqualTo(3);
    }

    @Test
    void anUploadExpiresAtTheTimeXGave() {
        Instant expires = Instant.parse("2026-03-02T10:00:00Z");
        UploadSteps.Chunked upload = new UploadSteps.Chunked("7", 1, 1000, 2_500, expires);
        assertThat(upload.expired(expires.minusSeconds(1))).isFalse();
        assertThat(upload.expired(expires)).isTrue();
        assertThat(new UploadSteps.Chunked("7", 1, 1000, 2_500, null).expired(Instant.MAX)).as("X did not say").isFalse();
        assertThat(XAnswers.expiresAfter(jakarta.json.Json.createObjectBuilder().add("id", "7").add("expires_after_secs", 1_295_999)
                .build())).contains(java.time.Duration.ofSeconds(1_295_999));
        assertThat(XAnswers.expiresAfter(jakarta.json.Json.createObjectBuilder().add("id", "7").build())).isEmpty();
    }

    @Test
    void aChunkIsReadFromItsOffsetOfTheFileAsItIsSent() throws Exception {
        Path file = Files.createTempFile("x-chunk", ".bin");
        Files.writeString(file, "0123456789");
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            XConnector.ChunkBody chunk = XConnector.ChunkBody.of(1, channel, 4, 4);
            String sent = new String(TestResponses.drain(chunk.publisher()), StandardCharsets.UTF_8);
            assertThat(sent).contains("name=\"segment_index\"\r\n\r\n1\r\n").contains("\r\n\r\n4567\r\n--" + chunk.boundary() + "--");
            assertThat(chunk.publisher().contentLength()).isEqualTo(sent.getBytes(StandardCharsets.UTF_8).length);
        } finally {
            Files.delete(file);
        }
    }
}
