package dev.syndicast.media.entity;

import dev.syndicast.core.entity.FieldRejectedException;
import dev.syndicast.core.entity.IllegalTransitionException;
import dev.syndicast.core.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaItemTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String SHA = "a".repeat(64);
    private static final StoredContent MP4 = new StoredContent("library/w/" + SHA + ".mp4", 1234, SHA, "video/mp4");
    private static final ProbeFacts FACTS = new ProbeFacts(2.0, 320, 240, 25.0, "h264", "aac", 222_000L);

    private static MediaItem importing() {
        return MediaItem.importing(WORKSPACE, "https://cdn.example/clips/intro.mp4?sig=1",
                new MediaItem.Metadata("Intro", List.of("launch", " launch ", "video"), "/campaigns//spring/"), NOW);
    }

    @Test
    void walksUploadingProcessingReady() {
        MediaItem item = importing();
        assertThat(item.getStatus()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(item.getOriginalFilename()).isEqualTo("intro.mp4");
        assertThat(item.getTags()).containsExactly("launch", "video");
        assertThat(item.getFolderPath()).isEqualTo("campaigns/spring");

        item.contentStored(MP4, NOW.plusSeconds(1));
        assertThat(item.getStatus()).isEqualTo(MediaStatus.PROCESSING);
        assertThat(item.getKind()).isEqualTo(MediaKind.VIDEO);

        item.ready(FACTS, "library/w/" + SHA + ".thumb.jpg", NOW.plusSeconds(2));
        assertThat(item.getStatus()).isEqualTo(MediaStatus.READY);
        assertThat(item.facts()).isEqualTo(FACTS);
        assertThat(item.getUpdatedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void refusesSkippingOrGoingBack() {
        MediaItem item = importing();
        assertThatThrownBy(() -> item.ready(FACTS, null, NOW)).isInstanceOf(IllegalTransitionException.class);
        item.contentStored(MP4, NOW);
        assertThatThrownBy(() -> item.contentStored(MP4, NOW)).isInstanceOf(IllegalTransitionException.class);
        item.ready(FACTS, null, NOW);
        assertThatThrownBy(() -> item.fail("late", NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> item.continueInBackground(UUID.randomUUID(), NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void failingKeepsTheReasonAndDropsTheFile() {
        MediaItem item = importing();
        item.contentStored(MP4, NOW);
        item.fail("The source sent no data for 30 s", NOW);
        assertThat(item.getStatus()).isEqualTo(MediaStatus.FAILED);
        assertThat(item.getError()).isEqualTo("The source sent no data for 30 s");
        assertThat(item.getStoragePath()).isNull();
        assertThatThrownBy(() -> item.fail("again", NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aRetriedAttemptStaysInTransfer() {
        MediaItem item = importing();
        item.continueInBackground(UUID.randomUUID(), NOW);
        item.attemptFailed("HTTP 503", NOW);
        assertThat(item.getStatus()).isEqualTo(MediaStatus.UPLOADING);
        assertThat(item.getError()).isEqualTo("HTTP 503");
        item.contentStored(MP4, NOW);
        assertThat(item.getError()).isNull();
    }

    @Test
    void aBackgroundDuplicateSharesTheOriginalsFile() {
        MediaItem original = importing();
        original.contentStored(MP4, NOW);
        original.ready(FACTS, "thumb", NOW);
        MediaItem second = importing();
        second.readyAsDuplicateOf(original, NOW);
        assertThat(second.getStatus()).isEqualTo(MediaStatus.READY);
        assertThat(second.getDuplicateOf()).isEqualTo(original.getId());
        assertThat(second.getStoragePath()).isEqualTo(original.getStoragePath());
        assertThat(second.facts()).isEqualTo(FACTS);

        MediaItem elsewhere = MediaItem.uploading(UUID.randomUUID(), "x.mp4", MediaItem.Metadata.NONE, NOW);
        assertThatThrownBy(() -> elsewhere.readyAsDuplicateOf(original, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeChangesOnlyWhatIsGiven() {
        MediaItem item = importing();
        item.describe(new MediaItem.Metadata(null, null, "archive"), NOW);
        assertThat(item.getAltText()).isEqualTo("Intro");
        assertThat(item.getTags()).containsExactly("launch", "video");
        assertThat(item.getFolderPath()).isEqualTo("archive");
        item.describe(new MediaItem.Metadata("", List.of(), ""), NOW);
        assertThat(item.getAltText()).isNull();
        assertThat(item.getTags()).isEmpty();
        assertThat(item.getFolderPath()).isEmpty();
    }

    @Test
    void folderPathsAreNormalisedAndSafe() {
        assertThat(FolderPath.normalize(" a / b //c/ ")).isEqualTo("a/b/c");
        assertThat(FolderPath.normalize(null)).isEmpty();
        assertThat(FolderPath.join("a/b", "c")).isEqualTo("a/b/c");
        assertThat(FolderPath.join(null, "c")).isEqualTo("c");
        assertThatThrownBy(() -> FolderPath.normalize("a/../b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FolderPath.join("a", "b/c")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FolderPath.normalize("x".repeat(101))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tagsAreBounded() {
        assertThatThrownBy(() -> Tags.normalize(List.of("x".repeat(65)))).isInstanceOf(InvalidInputException.class);
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> Tags.normalize(many)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void kindFollowsTheSniffedType() {
        assertThat(MediaKind.ofMimeType("image/gif")).isEqualTo(MediaKind.GIF);
        assertThat(MediaKind.ofMimeType("image/webp")).isEqualTo(MediaKind.IMAGE);
        assertThat(MediaKind.ofMimeType("video/quicktime")).isEqualTo(MediaKind.VIDEO);
    }

    @Test
    void anUploadGrantRefusesAFilenameLongerThanItsColumn() {
        String longName = "a".repeat(900 * 1024) + ".mp4";
        assertThatThrownBy(() -> new UploadGrant(WORKSPACE, NOW.plusSeconds(60), 1000, longName, null, NOW))
                .isInstanceOf(FieldRejectedException.class).hasMessageContaining("filename");
        assertThat(new UploadGrant(WORKSPACE, NOW.plusSeconds(60), 1000, "a".repeat(UploadGrant.MAX_FILENAME), null, NOW)
                .getFilename()).hasSize(UploadGrant.MAX_FILENAME);
    }

    @Test
    void anUploadGrantExplainsWhyItCannotBeClaimed() {
        UploadGrant grant = new UploadGrant(WORKSPACE, NOW.plusSeconds(60), 1000, "a.mp4", MediaItem.Metadata.NONE, NOW);
        assertThat(grant.whyUnclaimable(NOW.plusSeconds(61)).reason()).isEqualTo(MediaRejectedException.Reason.EXPIRED);
        assertThatThrownBy(() -> grant.whyUnclaimable(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new UploadGrant(WORKSPACE, NOW, 1000, null, null, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
