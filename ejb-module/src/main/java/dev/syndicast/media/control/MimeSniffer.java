package dev.syndicast.media.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tells a file's type from its first bytes, never from a name or a Content-Type header. It knows the
 * signatures of the types the library accepts (JPEG, PNG, GIF, WebP, MP4, QuickTime) and a few look-alikes
 * it must tell apart from them (ISO media that is audio or HEIF, HTML pages sent instead of media), so a
 * refusal can name what was actually sent.
 */
public final class MimeSniffer {

    /** How many leading bytes {@link #sniff} looks at; fewer is fine for tiny files. */
    public static final int HEAD_LENGTH = 32;
    public static final String UNKNOWN = "application/octet-stream";

    private MimeSniffer() {
    }

    public static String sniff(byte[] head) {
        return sniff(head, head.length);
    }

    public static String sniff(byte[] head, int length) {
        byte[] h = Arrays.copyOf(head, Math.min(length, head.length));
        if (startsWith(h, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
            return "image/gif";
        }
        if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
            return "image/webp";
        }
        if (ascii(h, 4, "ftyp") && h.length >= 12) {
            return isoMediaType(new String(h, 8, 4, StandardCharsets.ISO_8859_1));
        }
        // Old QuickTime files start with a movie atom instead of ftyp.
        for (String atom : new String[]{"moov", "mdat", "wide", "free", "skip", "pnot"}) {
            if (ascii(h, 4, atom)) {
                return "video/quicktime";
            }
        }
        if (looksLikeMarkup(h)) {
            return "text/html";
        }
        return UNKNOWN;
    }

    /**
     * The file extension stored files and download names get for a sniffed type: the types the library accepts by
     * default have their usual one; anything else (a type allowed by configuration) is {@code .bin}.
     */
    public static String extension(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "video/quicktime" -> ".mov";
            default -> ".bin";
        };
    }

    private static String isoMediaType(String brand) {
        if (brand.equals("qt  ")) {
            return "video/quicktime";
        }
        if (brand.startsWith("M4A") || brand.startsWith("M4B") || brand.startsWith("M4P")) {
            return "audio/mp4";
        }
        if (brand.startsWith("3gp") || brand.startsWith("3g2")) {
            return "video/3gpp";
        }
        if (brand.startsWith("heic") || brand.startsWith("heix") || brand.startsWith("mif1") || brand.startsWith("msf1")) {
            return "image/heic";
        }
        if (brand.startsWith("avif") || brand.startsWith("avis")) {
            return "image/avif";
        }
        return "video/mp4";
    }

    private static boolean looksLikeMarkup(byte[] h) {
        int i = 0;
        if (startsWith(h, 0, 0xEF, 0xBB, 0xBF)) {
            i = 3;
        }
        while (i < h.length && Character.isWhitespace(h[i])) {
            i++;
        }
        return i < h.length && h[i] == '<';
    }

    private static boolean startsWith(byte[] h, int offset, int... expected) {
        if (h.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((h[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] h, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.ISO_8859_1);
        return h.length >= offset + expected.length
                && Arrays.equals(h, offset, offset + expected.length, expected, 0, expected.length);
    }
}
