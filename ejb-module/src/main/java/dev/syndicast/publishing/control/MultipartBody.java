package dev.syndicast.publishing.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body (RFC 7578) of text fields and one file whose bytes are streamed from a
 * channel (a media library item, read in large pieces by {@link ChannelRange}) or any other stream, never held in
 * memory whole, with the total length declared up front so the request carries a {@code Content-Length}. For the
 * platforms whose uploads are one multipart request.
 */
record MultipartBody(String boundary, byte[] head, byte[] tail, long fileSize, Source source) {

    /** Opens the file part's bytes; called again when the client sends the body again. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;

        /** The bytes as a request body part of {@code size} bytes. */
        default HttpRequest.BodyPublisher publisher(long size) {
            return HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * The fields in their map's order, then the file part. Field values and the file name are the caller's to keep
     * free of quotes and line breaks in names; values may hold any text.
     */
    static MultipartBody of(Map<String, String> fields, String fileField, String fileName, String fileType,
                            SeekableByteChannel channel) throws IOException {
        return of(List.copyOf(fields.entrySet()), fileField, fileName, fileType, channel.size(), from(channel));
    }

    /**
     * The whole channel from its start, each time the body is sent (a renewed token sends it again); the stream
     * leaves the channel open, which its owner closes.
     */
    static Source from(SeekableByteChannel channel) {
        return new Source() {
            @Override
            public InputStream open() throws IOException {
                channel.position(0);
                return new FilterInputStream(Channels.newInputStream(channel)) {
                    @Override
                    public void close() {
                        // the channel is closed by its owner
                    }
                };
            }

            @Override
            public HttpRequest.BodyPublisher publisher(long size) {
                return ChannelRange.publisher(channel, 0, size);
            }
        };
    }

    /**
     * The fields in their list's order (a name may repeat, as {@code tags[]} does), then the file part of
     * {@code fileSize} bytes read from {@code source}.
     */
    static MultipartBody of(List<Map.Entry<String, String>> fields, String fileField, String fileName, String fileType,
                            long fileSize, Source source) {
        String boundary = "syndicast-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder(textParts(boundary, fields));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                .append(fileName).append("\"\r\n")
                .append("Content-Type: ").append(fileType).append("\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new MultipartBody(boundary, head.toString().getBytes(StandardCharsets.UTF_8), tail, fileSize, source);
    }

    /** Text fields alone, in their list's order (a form with no file, as a finalization call takes). */
    static MultipartBody fields(List<Map.Entry<String, String>> fields) {
        String boundary = "syndicast-" + UUID.randomUUID();
        byte[] tail = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new MultipartBody(boundary, textParts(boundary, fields).getBytes(StandardCharsets.UTF_8), tail, 0,
                InputStream::nullInputStream);
    }

    private static String textParts(String boundary, List<Map.Entry<String, String>> fields) {
        StringBuilder parts = new StringBuilder();
        fields.forEach(field -> parts.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(field.getKey()).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(field.getValue()).append("\r\n"));
        return parts.toString();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head),
                source.publisher(fileSize),
                HttpRequest.BodyPublishers.ofByteArray(tail));
        return HttpRequest.BodyPublishers.fromPublisher(parts, head.length + fileSize + tail.length);
    }
}
