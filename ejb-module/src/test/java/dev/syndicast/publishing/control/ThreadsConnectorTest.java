package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsConnectorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private static PublishMedia library(String type) {
        return new PublishMedia(UUID.randomUUID().toString(), type, 100, "f", "Alt & text", () -> (SeekableByteChannel) null);
    }

    private static PublishRequest request(String text, List<String> parts, List<PublishMedia> media, String state) {
        return new PublishRequest(UUID.randomUUID(), 1, "key", false, true, "threads", UUID.randomUUID(), "12345", null, "token",
                text, null, parts, media.stream().map(PublishMedia::reference).toList(), media, state);
    }

    @Test
    void aTextPostIsOneTextContainer() {
        PublishRequest r = request("Hello", List.of(), List.of(), null);
        assertThat(ThreadsConnector.containerForm(r, ContainerSteps.none(), ThreadsConnector.threadTexts(r), 0, m -> "u"))
                .containsExactly(Map.entry("media_type", "TEXT"), Map.entry("text", "Hello"));
    }

    @Test
    void theTargetsReplyControlOptionGoesWithTheContainer() {
        PublishRequest plain = request("Hello", List.of(), List.of(), null);
        PublishRequest r = new PublishRequest(plain.jobId(), 1, "key", false, true, "threads", plain.accountId(), "12345", null,
                "token", "Hello", null, List.of(), List.of(), List.of(), null, null,
                jakarta.json.Json.createObjectBuilder().add("reply_control", "mentioned_only").build());
        assertThat(ThreadsConnector.containerForm(r, ContainerSteps.none(), ThreadsConnector.threadTexts(r), 0, m -> "u"))
                .containsEntry("reply_control", "mentioned_only");
    }

    @Test
    void oneImageOrVideoGoesByItsPublicUrl() {
        PublishRequest image = request("Look", List.of(), List.of(library("image/png")), null);
        assertThat(ThreadsConnector.containerForm(image, ContainerSteps.none(), ThreadsConnector.threadTexts(image), 0, m -> "https://x/media/public/t"))
                .containsEntry("media_type", "IMAGE").containsEntry("image_url", "https://x/media/public/t")
                .containsEntry("alt_text", "Alt & text").containsEntry("text", "Look");
        PublishRequest video = request("", List.of(), List.of(library("video/mp4")), null);
        assertThat(ThreadsConnector.containerForm(video, ContainerSteps.none(), ThreadsConnector.threadTexts(video), 0, m -> "v"))
                .containsEntry("media_type", "VIDEO").containsEntry("video_url", "v").doesNotContainKey("text");
    }

    @Test
    void aCarouselNamesItsChildrenAndAReplyTheThreadBefore() {
        PublishRequest r = request("Two", List.of("part one"), List.of(library("image/png"), library("video/mp4")), null);
        ContainerSteps steps = ContainerSteps.none().withChild(new ContainerSteps.Container("c1", true), NOW)
                .withChild(new ContainerSteps.Container("c2", true), NOW);
        assertThat(ThreadsConnector.carouselSize(r)).isEqualTo(2);
        assertThat(ThreadsConnector.containerForm(r, steps, ThreadsConnector.threadTexts(r), 0, m -> "u"))
                .containsEntry("media_type", "CAROUSEL").containsEntry("children", "c1,c2");
        ContainerSteps afterFirst = steps.withPosted(new ContainerSteps.Posted("p1", null), NOW);
        assertThat(ThreadsConnector.containerForm(r, afterFirst, ThreadsConnector.threadTexts(r), 1, m -> "u"))
                .containsExactly(Map.entry("media_type", "TEXT"), Map.entry("reply_to_id", "p1"), Map.entry("text", "part one"));
    }

    @Test
    void theFormIsUrlEncoded() {
        assertThat(ThreadsConnector.formBody(Map.of("text", "a&b = c ✓"))).isEqualTo("text=a%26b+%3D+c+%E2%9C%93");
    }

    @Test
    void libraryMediaNeedsAPublicBase() {
        PublishRequest r = request("x", List.of(), List.of(library("image/png")), null);
        assertThat(ThreadsConnector.refusal(r, false)).hasValueSatisfying(m -> assertThat(m).contains("syndicast.public-url"));
        assertThat(ThreadsConnector.refusal(r, true)).isEmpty();
        assertThat(ThreadsConnector.refusal(request("", List.of(), List.of(), null), true)).isPresent();
    }

    @Test
    void theStepsSurviveTheirJson() {
        ContainerSteps steps = ContainerSteps.none().withChild(new ContainerSteps.Container("c1", false), NOW).childReady(0)
                .withContainer(new ContainerSteps.Container("k", false), NOW).containerReady();
        assertThat(ContainerSteps.parse(steps.toJson())).isEqualTo(steps);
        ContainerSteps posted = steps.withPosted(new ContainerSteps.Posted("p", "https://t/p"), NOW);
        assertThat(posted.container()).isNull();
        assertThat(ContainerSteps.parse(posted.toJson())).isEqualTo(posted);
        assertThat(ContainerSteps.parse("{broken")).isEqualTo(ContainerSteps.none());
    }

    @Test
    void aThreadPublishesPartByPartAndNeverFailsOnceTheFirstExists() {
        ContainerSteps none = ContainerSteps.none().withContainer(new ContainerSteps.Container("k", true), NOW);
        PublishOutcome first = ThreadsConnector.threadOutcome(new PublishOutcome.Published("p1", "u1"), none, 2, NOW);
        assertThat(first).isInstanceOf(PublishOutcome.InProgress.class);
        ContainerSteps stored = ContainerSteps.parse(((PublishOutcome.InProgress) first).state());
        assertThat(stored.posted()).containsExactly(new ContainerSteps.Posted("p1", "u1"));
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.Published("p2", "u2"), stored, 2, NOW))
                .isEqualTo(new PublishOutcome.Published("p1", "u1"));
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.Permanent("too long"), stored, 2, NOW))
                .isInstanceOf(PublishOutcome.PublishedInPart.class);
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.Unknown("reset"), stored, 2, NOW))
                .isInstanceOf(PublishOutcome.Unknown.class);
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.NotProcessed("down", null), stored, 2, NOW))
                .isInstanceOf(PublishOutcome.InProgress.class);
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.Permanent("refused"), none, 2, NOW))
                .isEqualTo(new PublishOutcome.Permanent("refused"));
        assertThat(ThreadsConnector.threadOutcome(new PublishOutcome.RateLimited("quota", Duration.ofHours(1)), none, 1, NOW))
                .isInstanceOf(PublishOutcome.RateLimited.class);
    }
}
