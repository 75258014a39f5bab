package dev.syndicast.rendering.rest;

import dev.syndicast.core.rest.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A file as {@code video/mp4} with the API's Content-Disposition, and single byte ranges for players that seek. */
final class VideoDownload {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private VideoDownload() {
    }

    static Response of(Path file, String filename, String rangeHeader) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String disposition = "attachment; filename=\"" + filename + "\"";
        if (rangeHeader == null || rangeHeader.isBlank()) {
            return Response.ok(stream(file, 0, size), "video/mp4")
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                    .header(HttpHeaders.CONTENT_LENGTH, size)
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        long[] range = parse(rangeHeader.strip(), size);
        if (range == null) {
            return Response.fromResponse(ErrorBody.response(416, "Range Not Satisfiable",
                            "Range " + rangeHeader + " does not fit a file of " + size + " bytes"))
                    .header("Content-Range", "bytes */" + size)
                    .build();
        }
        long length = range[1] - range[0] + 1;
        return Response.status(206)
                .entity(stream(file, range[0], length))
                .type("video/mp4")
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size)
                .header("Accept-Ranges", "bytes")
                .build();
    }

    /** @return {first, last} inclusive, or null when the range cannot be served (several ranges included) */
    static long[] parse(String header, long size) {
        Matcher m = RANGE.matcher(header);
        if (!m.matches() || size == 0 || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        return first > last || first >= size ? null : new long[] {first, last};
    }

    private static StreamingOutput stream(Path file, long offset, long length) {
        return out -> {
            try (FileChannel channel = FileChannel.open(file)) {
                channel.position(offset);
                InputStream in = Channels.newInputStream(channel);
                byte[] buffer = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    left -= read;
                }
            }
        };
    }
}
