package dev.syndicast.media.rest;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 section 14), resolved against a length.
 * Only single ranges are served; a header this class does not understand (other units, several ranges,
 * bad syntax) is ignored and the whole content is sent, which the RFC allows.
 */
public record ByteRange(long first, long last) {

    /** The header asked only for bytes past the end (416 with {@code Content-Range: bytes * /length}). */
    public static final class UnsatisfiableException extends RuntimeException {

        public UnsatisfiableException(String message) {
            super(message);
        }
    }

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * @return the range to send, or empty for the whole content
     * @throws UnsatisfiableException when the range starts past the end
     */
    public static Optional<ByteRange> parse(String header, long total) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String spec = value.substring(6).strip();
        if (spec.isEmpty() || spec.contains(",")) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        try {
            if (from.isEmpty()) {
                // Suffix range: the last N bytes.
                if (to.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(to);
                if (suffix < 0) {
                    return Optional.empty();
                }
                if (suffix == 0 || total == 0) {
                    throw new UnsatisfiableException("Empty suffix range");
                }
                return Optional.of(new ByteRange(Math.max(0, total - suffix), total - 1));
            }
            long first = Long.parseLong(from);
            if (first < 0 || (!to.isEmpty() && Long.parseLong(to) < first)) {
                return Optional.empty();
            }
            long last = to.isEmpty() ? total - 1 : Long.parseLong(to);
            if (first >= total) {
                throw new UnsatisfiableException("Range starts at " + first + " but the content has " + total + " bytes");
            }
            return Optional.of(new ByteRange(first, Math.min(last, total - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
