package dev.syndicast.media.rest;

import dev.syndicast.core.rest.ErrorBody;
import dev.syndicast.media.boundary.MediaContent;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Serves stored bytes with their type, an ETag, and single-range support ({@code Accept-Ranges: bytes}). */
final class ContentResponses {

    private static final int CHUNK = 256 * 1024;

    private ContentResponses() {
    }

    static Response serve(MediaContent content, String rangeHeader, String ifRange, Request request) {
        EntityTag etag = new EntityTag(content.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.header("Accept-Ranges", "bytes").build();
        }
        long total = content.size();
        // If-Range: a range is only valid against the representation the client already has.
        String effectiveRange = ifRange == null || ifRange.strip().equals(etag.toString()) ? rangeHeader : null;
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(effectiveRange, total);
        } catch (ByteRange.UnsatisfiableException e) {
            return Response.fromResponse(ErrorBody.response(416, "Range Not Satisfiable", e.getMessage()))
                    .header("Content-Range", "bytes */" + total)
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(total);
        Response.ResponseBuilder builder = Response.status(range.isPresent() ? 206 : 200)
                .entity((StreamingOutput) out -> copy(content, first, length, out))
                .type(content.mimeType())
                .tag(etag)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "inline; filename*=UTF-8''" + encode(content.fileName()));
        range.ifPresent(r -> builder.header("Content-Range", r.contentRange(total)));
        return builder.build();
    }

    private static void copy(MediaContent content, long first, long length, OutputStream out) throws IOException {
        try (SeekableByteChannel channel = content.opener().open()) {
            WritableByteChannel target = Channels.newChannel(out);
            long position = first;
            long remaining = length;
            if (channel instanceof FileChannel file) {
                while (remaining > 0) {
                    long sent = file.transferTo(position, Math.min(remaining, CHUNK * 16L), target);
                    if (sent <= 0) {
                        break;
                    }
                    position += sent;
                    remaining -= sent;
                }
                return;
            }
            channel.position(first);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(CHUNK, remaining));
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    target.write(buffer);
                }
                remaining -= read;
            }
        }
    }

    /** RFC 5987 encoding for a UTF-8 file name in Content-Disposition. */
    static String encode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
