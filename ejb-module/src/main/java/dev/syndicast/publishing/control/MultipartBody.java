package dev.syndicast.publishing.control;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body (RFC 7578) of text fields and one file whose bytes are streamed from a
 * channel (a media library item, see {@link ChannelRange}), never held in memory whole, with the total length declared
 * up front so the request carries a {@code Content-Length}. For the platforms whose uploads are one multipart request.
 */
record MultipartBody(String boundary, byte[] head, byte[] tail, long fileSize, SeekableByteChannel channel) {

    /**
     * The fields in their map's order, then the file part. Field values and the file name are the caller's to keep
     * free of quotes and line breaks in names; values may hold any text.
     */
    static MultipartBody of(Map<String, String> fields, String fileField, String fileName, String fileType,
                            SeekableByteChannel channel) throws IOException {
        String boundary = "syndicast-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                .append(fileName).append("\"\r\n")
                .append("Content-Type: ").append(fileType).append("\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new MultipartBody(boundary, head.toString().getBytes(StandardCharsets.UTF_8), tail, channel.size(), channel);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head),
                ChannelRange.publisher(channel, 0, fileSize),
                HttpRequest.BodyPublishers.ofByteArray(tail));
        return HttpRequest.BodyPublishers.fromPublisher(parts, head.length + fileSize + tail.length);
    }
}
