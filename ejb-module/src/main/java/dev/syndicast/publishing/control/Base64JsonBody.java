package dev.syndicast.publishing.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A JSON request body that carries files as base64 strings (Pinterest's {@code image_base64} media source), streamed:
 * the JSON around the files is built whole (it is small), each file is read from its channel and encoded on the fly,
 * so an image is never held in memory, and the total length is known up front (base64 is four bytes for every three,
 * padded), so the request carries a {@code Content-Length}. The JDK's own {@link Base64} encodes; this class only
 * feeds it whole three-byte groups so that padding can appear at a file's end alone.
 */
final class Base64JsonBody {

    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private final List<byte[]> literals;
    private final List<SeekableByteChannel> files;
    private final long length;

    private Base64JsonBody(List<byte[]> literals, List<SeekableByteChannel> files, long length) {
        this.literals = literals;
        this.files = files;
        this.length = length;
    }

    /** A placeholder string value that {@link #of} replaces with file {@code index} of the body. */
    static String placeholder(String nonce, int index) {
        return "syndicast-file-" + nonce + "-" + index;
    }

    /** A fresh nonce for the placeholders of one body (text of the post cannot collide with it). */
    static String nonce() {
        return UUID.randomUUID().toString();
    }

    /**
     * The body {@code json} with each {@link #placeholder(String, int) placeholder} string (in order 0, 1, ...) replaced
     * by the base64 of {@code files.get(i)}. The channels stay open and are owned by the caller.
     */
    static Base64JsonBody of(String json, String nonce, List<SeekableByteChannel> files) throws IOException {
        List<byte[]> literals = new ArrayList<>();
        String rest = json;
        long length = 0;
        for (int i = 0; i < files.size(); i++) {
            String marker = placeholder(nonce, i);
            int at = rest.indexOf(marker);
            if (at < 0) {
                throw new IllegalArgumentException("the JSON has no placeholder for file " + i);
            }
            byte[] before = rest.substring(0, at).getBytes(StandardCharsets.UTF_8);
            literals.add(before);
            length += before.length + encodedLength(files.get(i).size());
            rest = rest.substring(at + marker.length());
        }
        byte[] tail = rest.getBytes(StandardCharsets.UTF_8);
        literals.add(tail);
        length += tail.length;
        return new Base64JsonBody(literals, List.copyOf(files), length);
    }

    /** RFC 4648 base64 with padding: four characters for every started group of three bytes. */
    static long encodedLength(long size) {
        return 4 * ((size + 2) / 3);
    }

    long length() {
        return length;
    }

    /** A publisher that reads the files from their start each time it is subscribed (a resent request reads again). */
    HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            parts.add(HttpRequest.BodyPublishers.ofByteArray(literals.get(i)));
            SeekableByteChannel channel = files.get(i);
            parts.add(HttpRequest.BodyPublishers.ofInputStream(() -> new Base64Stream(fromStart(channel))));
        }
        parts.add(HttpRequest.BodyPublishers.ofByteArray(literals.get(files.size())));
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)), length);
    }

    private static InputStream fromStart(SeekableByteChannel channel) {
        try {
            channel.position(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Channels.newInputStream(channel);
    }

    /** The base64 of a stream, produced as it is read. */
    static final class Base64Stream extends InputStream {
        /** A multiple of three, so no chunk but the last is padded. */
        private static final int CHUNK = 3 * 16 * 1024;
        private final InputStream source;
        private final byte[] raw = new byte[CHUNK];
        private byte[] encoded = new byte[0];
        private int position;
        private boolean ended;

        Base64Stream(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            if (!available(1)) {
                return -1;
            }
            return encoded[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!available(length)) {
                return -1;
            }
            int n = Math.min(length, encoded.length - position);
            System.arraycopy(encoded, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean available(int wanted) throws IOException {
            if (position < encoded.length) {
                return true;
            }
            if (ended) {
                return false;
            }
            int n = source.readNBytes(raw, 0, raw.length);
            if (n < raw.length) {
                ended = true;
            }
            if (n == 0) {
                return false;
            }
            encoded = ENCODER.encode(n == raw.length ? raw : Arrays.copyOf(raw, n));
            position = 0;
            return true;
        }

        @Override
        public void close() {
            // the channel is closed by its owner
        }
    }
}
