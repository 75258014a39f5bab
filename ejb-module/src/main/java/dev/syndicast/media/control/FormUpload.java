package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * A {@code multipart/form-data} upload: one part named {@code file}, optional fields {@code alt_text} (or
 * {@code altText}), {@code tags} (comma-separated or repeated, also as {@code tag}) and {@code folder_path} (or
 * {@code folderPath}, {@code folder}). The fields are collected as they come; the file part is handed on as a
 * stream, with the fields read so far, the moment it arrives.
 */
public final class FormUpload implements MultipartForm.Visitor {

    private static final Logger LOG = Logger.getLogger(FormUpload.class.getName());

    /** Where the file part goes: its name as the client sent it, the fields before it, and its bytes. */
    @FunctionalInterface
    public interface FileSink {
        void file(String fileName, MediaItem.Metadata fieldsSoFar, InputStream content) throws IOException;
    }

    private final FileSink sink;
    private String altText;
    private List<String> tags;
    private String folderPath;
    private boolean fileSeen;

    private FormUpload(FileSink sink) {
        this.sink = sink;
    }

    /**
     * Reads the whole form, handing its file part to {@code sink}.
     *
     * @return every field of the form (those after the file part too)
     * @throws MediaRejectedException for a body that is not a form, or a form without exactly one file part named {@code file}
     */
    public static MediaItem.Metadata read(String contentType, InputStream body, FileSink sink) throws IOException {
        FormUpload form = new FormUpload(sink);
        MultipartForm.read(contentType, body, form);
        if (!form.fileSeen) {
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "The form has no file part named 'file'");
        }
        return form.metadata();
    }

    @Override
    public void field(String name, String value) {
        switch (name) {
            case "alt_text", "altText" -> altText = value;
            case "folder_path", "folderPath", "folder" -> folderPath = value;
            case "tags", "tag" -> {
                List<String> more = Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
                if (tags == null) {
                    tags = new ArrayList<>(more);
                } else {
                    tags.addAll(more);
                }
            }
            default -> LOG.fine(() -> "event=upload_field_ignored name=" + name);
        }
    }

    @Override
    public void file(String fieldName, String fileName, String declaredType, InputStream content) throws IOException {
        if (!"file".equals(fieldName)) {
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "Unexpected file part '" + fieldName + "'; send the file as 'file'");
        }
        if (fileSeen) {
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "One file per upload");
        }
        fileSeen = true;
        sink.file(fileName, metadata(), content);
    }

    private MediaItem.Metadata metadata() {
        return new MediaItem.Metadata(altText, tags == null ? null : List.copyOf(tags), folderPath);
    }
}
