package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.syndicast.publishing.control.TikTokChunkPlan.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chunk plan against the Media Transfer Guide's restrictions (developers.tiktok.com/doc/content-posting-api-media-
 * transfer-guide, "Work with chunks"), checked independently of how the plan is made: count = floor(size / chunk),
 * chunks of 5-64 MB, the final one up to 128 MB, under 5 MB whole, over 64 MB in several, 1 to 1000 chunks, and the
 * chunks cover the file exactly once in order.
 */
class TikTokChunkPlanTest {

    private static final long GB = 1024 * MB;

    @Test
    void theGuidesChunkedExampleIsFiveRequestsWithTheTrailingBytesInTheLast() {
        TikTokChunkPlan plan = TikTokChunkPlan.of(50_000_123, 10_000_000);
        assertThat(plan).isEqualTo(new TikTokChunkPlan(50_000_123, 10_000_000, 5));
        assertThat(plan.contentRange(0)).isEqualTo("bytes 0-9999999/50000123");
        assertThat(plan.contentRange(3)).isEqualTo("bytes 30000000-39999999/50000123");
        assertThat(plan.contentRange(4)).isEqualTo("bytes 40000000-50000122/50000123");
        assertThat(plan.length(4)).isEqualTo(10_000_123);
    }

    @Test
    void theGuidesWholeExampleIsOneRequest() {
        TikTokChunkPlan plan = TikTokChunkPlan.of(4_194_304, 10 * MB);
        assertThat(plan).isEqualTo(new TikTokChunkPlan(4_194_304, 4_194_304, 1));
        assertThat(plan.contentRange(0)).isEqualTo("bytes 0-4194303/4194304");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 1000, 5 * 1024 * 1024 - 1, 5 * 1024 * 1024, 5 * 1024 * 1024 + 1, 7_000_000, 10 * 1024 * 1024 - 1,
            10 * 1024 * 1024, 10 * 1024 * 1024 + 1, 15 * 1024 * 1024, 20 * 1024 * 1024 - 1, 64 * 1024 * 1024 - 1,
            64 * 1024 * 1024, 64 * 1024 * 1024 + 1, 100_000_000, 128 * 1024 * 1024 + 1, 300 * 1024 * 1024, 314_678_192,
            1024L * 1024 * 1024, 4L * 1024 * 1024 * 1024 - 1, 4L * 1024 * 1024 * 1024})
    void everySizeGivesAPlanTheGuideAccepts(long size) {
        for (long preferred : new long[]{1, 5 * MB, 10 * MB, 32 * MB, 64 * MB, 200 * MB}) {
            TikTokChunkPlan plan = TikTokChunkPlan.of(size, preferred);
            assertThat(plan.problems()).as(plan + " for preferred " + preferred).isEmpty();
            documentedRules(plan);
        }
    }

    /** The guide's rules, written out again here rather than trusting {@link TikTokChunkPlan#problems()}. */
    private static void documentedRules(TikTokChunkPlan plan) {
        long size = plan.videoSize();
        assertThat((long) plan.count()).as("total_chunk_count = floor(video_size / chunk_size)").isEqualTo(size / plan.chunkSize());
        assertThat(plan.count()).isBetween(1, 1000);
        if (size < 5 * MB) {
            assertThat(plan.chunkSize()).as("under 5 MB: whole").isEqualTo(size);
        } else {
            assertThat(plan.chunkSize()).isBetween(5 * MB, 64 * MB);
        }
        if (size > 64 * MB) {
            assertThat(plan.count()).as("over 64 MB: several chunks").isGreaterThan(1);
        }
        long next = 0;
        for (int i = 0; i < plan.count(); i++) {
            assertThat(plan.first(i)).isEqualTo(next);
            if (i < plan.count() - 1) {
                assertThat(plan.length(i)).isEqualTo(plan.chunkSize());
            } else {
                assertThat(plan.length(i)).isBetween(plan.chunkSize(), 128 * MB);
            }
            next += plan.length(i);
        }
        assertThat(next).as("the chunks cover the file exactly").isEqualTo(size);
    }

    @Test
    void theChunkSizeSettingIsKeptWithinTheLimits() {
        assertThat(TikTokChunkPlan.of(300 * MB, 10 * MB)).isEqualTo(new TikTokChunkPlan(300 * MB, 10 * MB, 30));
        assertThat(TikTokChunkPlan.of(300 * MB, MB).chunkSize()).as("at least 5 MB").isEqualTo(5 * MB);
        assertThat(TikTokChunkPlan.of(300 * MB, GB).chunkSize()).as("at most 64 MB").isEqualTo(64 * MB);
        assertThat(TikTokChunkPlan.of(100 * MB, 64 * MB)).as("over 64 MB never one chunk").isEqualTo(new TikTokChunkPlan(100 * MB, 50 * MB, 2));
        assertThat(TikTokChunkPlan.of(15 * MB, 10 * MB)).as("the final chunk takes the rest")
                .isEqualTo(new TikTokChunkPlan(15 * MB, 10 * MB, 1));
        assertThat(TikTokChunkPlan.of(4 * GB, 5 * MB).count()).isEqualTo(819);
    }

    @Test
    void chunksWithinCountsOnlyWholeChunks() {
        TikTokChunkPlan plan = TikTokChunkPlan.of(50_000_123, 10_000_000);
        assertThat(plan.chunksWithin(0)).isZero();
        assertThat(plan.chunksWithin(9_999_999)).isZero();
        assertThat(plan.chunksWithin(10_000_000)).isEqualTo(1);
        assertThat(plan.chunksWithin(10_000_001)).isEqualTo(1);
        assertThat(plan.chunksWithin(40_000_000)).isEqualTo(4);
        assertThat(plan.chunksWithin(50_000_122)).isEqualTo(4);
        assertThat(plan.chunksWithin(50_000_123)).isEqualTo(5);
    }

    @Test
    void plansThatBreakTheRulesSaySo() {
        assertThat(new TikTokChunkPlan(50_000_123, 10_000_000, 6).problems()).anyMatch(p -> p.contains("rounded down"));
        assertThat(new TikTokChunkPlan(4_000_000, 1_000_000, 4).problems()).anyMatch(p -> p.contains("under 5 MB"));
        assertThat(new TikTokChunkPlan(100 * MB, 100 * MB, 1).problems()).anyMatch(p -> p.contains("several chunks"));
        assertThat(new TikTokChunkPlan(300 * MB, 4 * MB, 75).problems()).anyMatch(p -> p.contains("5 to 64 MB"));
        assertThat(new TikTokChunkPlan(200 * MB, 64 * MB, 3).problems()).isEmpty();
        assertThat(new TikTokChunkPlan(250 * MB, 60 * MB, 4).problems()).isEmpty();
        assertThatThrownBy(() -> TikTokChunkPlan.of(0, MB)).isInstanceOf(IllegalArgumentException.class);
    }
}
