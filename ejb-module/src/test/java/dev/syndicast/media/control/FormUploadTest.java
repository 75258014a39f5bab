package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaRejectedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormUploadTest {

    private static final String TYPE = "multipart/form-data; boundary=" + MultipartFormTest.BOUNDARY;

    /** What the sink was handed. */
    private final List<String> fileNames = new ArrayList<>();
    private final List<MediaItem.Metadata> fieldsAtFile = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    private final FormUpload.FileSink sink = (fileName, fieldsSoFar, content) -> {
        fileNames.add(fileName);
        fieldsAtFile.add(fieldsSoFar);
        sizes.add(content.readAllBytes().length);
    };

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String part(String name, String fileName, String content) {
        return "--" + MultipartFormTest.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n\r\n" + content + "\r\n";
    }

    private static InputStream body(String... parts) {
        List<InputStream> streams = new ArrayList<>();
        for (String part : parts) {
            streams.add(text(part));
        }
        streams.add(text("--" + MultipartFormTest.BOUNDARY + "--\r\n"));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    @Test
    void theFileGoesToTheSinkWithTheFieldsBeforeItAndAllFieldsComeBack() throws Exception {
        InputStream form = MultipartFormTest.form(new ByteArrayInputStream(new byte[1234]), "clip.mp4",
                fields("altText", "Intro", "tags", "a, b,,"), fields("tag", "c", "folder_path", "clips/2026"));

        MediaItem.Metadata all = FormUpload.read(TYPE, form, sink);

        assertThat(fileNames).containsExactly("clip.mp4");
        assertThat(sizes).containsExactly(1234);
        assertThat(fieldsAtFile).containsExactly(new MediaItem.Metadata("Intro", List.of("a", "b"), null));
        assertThat(all).isEqualTo(new MediaItem.Metadata("Intro", List.of("a", "b", "c"), "clips/2026"));
    }

    @Test
    void everySpellingOfAFieldCounts() throws Exception {
        assertThat(FormUpload.read(TYPE, body(part("alt_text", null, "Alt"), part("folderPath", null, "x"),
                part("file", "f.gif", "GIF89a")), sink)).isEqualTo(new MediaItem.Metadata("Alt", null, "x"));
        assertThat(FormUpload.read(TYPE, body(part("file", "f.gif", "GIF89a"), part("folder", null, "y"),
                part("unknown", null, "ignored")), sink)).isEqualTo(new MediaItem.Metadata(null, null, "y"));
    }

    @Test
    void aFormWithoutItsFilePartIsRefused() {
        assertThatThrownBy(() -> FormUpload.read(TYPE, body(part("alt_text", null, "Alt")), sink))
                .isInstanceOf(MediaRejectedException.class)
                .hasMessage("The form has no file part named 'file'");
        assertThatThrownBy(() -> FormUpload.read(TYPE, body(part("upload", "f.gif", "GIF89a")), sink))
                .isInstanceOf(MediaRejectedException.class)
                .hasMessage("Unexpected file part 'upload'; send the file as 'file'");
        assertThat(fileNames).isEmpty();
    }

    @Test
    void aSecondFileIsRefusedAfterTheFirstWentToTheSink() {
        assertThatThrownBy(() -> FormUpload.read(TYPE, body(part("file", "a.gif", "GIF89a"), part("file", "b.gif", "GIF89a")), sink))
                .isInstanceOf(MediaRejectedException.class)
                .hasMessage("One file per upload");
        assertThat(fileNames).containsExactly("a.gif");
    }

    @Test
    void aBodyThatIsNotAFormIsRefusedBeforeAnythingReachesTheSink() {
        assertThatThrownBy(() -> FormUpload.read("application/json", text("{}"), sink))
                .isInstanceOf(MediaRejectedException.class)
                .hasMessage("Expected a multipart/form-data body");
        assertThat(fileNames).isEmpty();
    }
}
