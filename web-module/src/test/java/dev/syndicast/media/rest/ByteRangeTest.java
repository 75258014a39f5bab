package dev.syndicast.media.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

    @Test
    void closedOpenAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=500-", 1000)).contains(new ByteRange(500, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("BYTES = 10-19 ".replace("BYTES = ", "bytes="), 1000)).contains(new ByteRange(10, 19));
    }

    @Test
    void rangesAreClampedToTheContent() {
        assertThat(ByteRange.parse("bytes=900-5000", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
        assertThat(new ByteRange(900, 999).length()).isEqualTo(100);
        assertThat(new ByteRange(900, 999).contentRange(1000)).isEqualTo("bytes 900-999/1000");
    }

    @Test
    void headersItDoesNotUnderstandMeanTheWholeContent() {
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=a-b", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=", 1000)).isEmpty();
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.UnsatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.UnsatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.UnsatisfiableException.class);
    }

    @Test
    void fileNamesAreEncodedForContentDisposition() {
        assertThat(ContentResponses.encode("clip 1.mp4")).isEqualTo("clip%201.mp4");
        assertThat(ContentResponses.encode("ä\".mp4")).isEqualTo("%C3%A4%22.mp4");
    }
}
