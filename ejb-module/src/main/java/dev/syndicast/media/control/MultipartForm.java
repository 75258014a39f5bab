package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body part by part as it arrives (commons-fileupload's streaming API):
 * a file part is handed over as a stream, never buffered in memory or copied to a temporary file first.
 * Text fields are small and read whole, up to {@value #MAX_FIELD_BYTES} bytes each.
 */
public final class MultipartForm {

    static final int MAX_FIELD_BYTES = 64 * 1024;

    /** Receives the parts in order. */
    public interface Visitor {
        void field(String name, String value);

        void file(String fieldName, String fileName, String declaredType, InputStream content) throws IOException;
    }

    private MultipartForm() {
    }

    public static void read(String contentType, InputStream body, Visitor visitor) throws IOException {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "Expected a multipart/form-data body");
        }
        try {
            FileItemInputIterator parts = new StreamingUpload().getItemIterator(new BodyContext(contentType, body));
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                try (InputStream content = part.getInputStream()) {
                    if (part.isFormField()) {
                        byte[] value = content.readNBytes(MAX_FIELD_BYTES + 1);
                        if (value.length > MAX_FIELD_BYTES) {
                            throw new MediaRejectedException(Reason.BAD_UPLOAD,
                                    "Form field '" + part.getFieldName() + "' is longer than " + MAX_FIELD_BYTES + " bytes");
                        }
                        visitor.field(part.getFieldName(), new String(value, StandardCharsets.UTF_8));
                    } else {
                        visitor.file(part.getFieldName(), part.getName(), part.getContentType(), content);
                    }
                }
            }
        } catch (FileUploadException e) {
            throw new MediaRejectedException(Reason.BAD_UPLOAD, "Malformed multipart body: " + e.getMessage());
        }
    }

    /** The streaming half of commons-fileupload, over a bare stream instead of a servlet request. */
    private static final class StreamingUpload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {

        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) throws FileUploadException {
            throw new UnsupportedOperationException("Only the streaming API is used");
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) throws FileUploadException {
            throw new UnsupportedOperationException("Only the streaming API is used");
        }
    }

    private record BodyContext(String contentType, InputStream body) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
