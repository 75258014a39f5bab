package dev.syndicast.media.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MimeSnifferTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An ISO media header: box size, "ftyp", major brand. */
    static byte[] ftyp(String brand) {
        return ascii("\0\0\0\u0020ftyp" + brand + "\0\0\u0002\0isomiso2avc1mp41");
    }

    @Test
    void recognisesTheAllowedImageTypes() {
        assertThat(MimeSniffer.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).isEqualTo("image/jpeg");
        assertThat(MimeSniffer.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0))).isEqualTo("image/png");
        assertThat(MimeSniffer.sniff(ascii("GIF89a\u0001\0"))).isEqualTo("image/gif");
        assertThat(MimeSniffer.sniff(ascii("GIF87a"))).isEqualTo("image/gif");
        assertThat(MimeSniffer.sniff(ascii("RIFF\u0010\0\0\0WEBPVP8 "))).isEqualTo("image/webp");
    }

    @Test
    void tellsMp4FromQuickTimeAndOtherIsoMedia() {
        assertThat(MimeSniffer.sniff(ftyp("isom"))).isEqualTo("video/mp4");
        assertThat(MimeSniffer.sniff(ftyp("mp42"))).isEqualTo("video/mp4");
        assertThat(MimeSniffer.sniff(ftyp("qt  "))).isEqualTo("video/quicktime");
        assertThat(MimeSniffer.sniff(ftyp("M4A "))).isEqualTo("audio/mp4");
        assertThat(MimeSniffer.sniff(ftyp("heic"))).isEqualTo("image/heic");
        assertThat(MimeSniffer.sniff(ftyp("3gp4"))).isEqualTo("video/3gpp");
        assertThat(MimeSniffer.sniff(ascii("\0\0\0\u0008wide\0\0\0\u0010mdat"))).isEqualTo("video/quicktime");
    }

    @Test
    void namesWhatWasSentInsteadOfMedia() {
        assertThat(MimeSniffer.sniff(ascii("  \n<!DOCTYPE html><html>"))).isEqualTo("text/html");
        assertThat(MimeSniffer.sniff(ascii("\u00EF\u00BB\u00BF<html>"))).isEqualTo("text/html");
        assertThat(MimeSniffer.sniff(ascii("%PDF-1.7"))).isEqualTo(MimeSniffer.UNKNOWN);
        assertThat(MimeSniffer.sniff(new byte[0])).isEqualTo(MimeSniffer.UNKNOWN);
    }

    @Test
    void shortInputsNeverOverrun() {
        assertThat(MimeSniffer.sniff(bytes(0xFF, 0xD8))).isEqualTo(MimeSniffer.UNKNOWN);
        assertThat(MimeSniffer.sniff(ascii("\0\0\0\u0020ftyp"))).isEqualTo(MimeSniffer.UNKNOWN);
        assertThat(MimeSniffer.sniff(ascii("RIFF\0\0\0\0WEB"))).isEqualTo(MimeSniffer.UNKNOWN);
    }

    @Test
    void eachAcceptedTypeHasItsUsualExtensionAndAnyOtherIsBin() {
        assertThat(MimeSniffer.extension("image/jpeg")).isEqualTo(".jpg");
        assertThat(MimeSniffer.extension("image/png")).isEqualTo(".png");
        assertThat(MimeSniffer.extension("image/gif")).isEqualTo(".gif");
        assertThat(MimeSniffer.extension("image/webp")).isEqualTo(".webp");
        assertThat(MimeSniffer.extension("video/mp4")).isEqualTo(".mp4");
        assertThat(MimeSniffer.extension("video/quicktime")).isEqualTo(".mov");
        assertThat(MimeSniffer.extension("image/heic")).isEqualTo(".bin");
        assertThat(MimeSniffer.extension(MimeSniffer.UNKNOWN)).isEqualTo(".bin");
    }
}
