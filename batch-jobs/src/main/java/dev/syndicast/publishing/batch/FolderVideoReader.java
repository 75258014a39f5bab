package dev.syndicast.publishing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists the videos of the upload folder in name order, each with the caption of the same-named {@code .txt}
 * ({@code video.mp4} + {@code video.txt}); a video without one gets a null caption, which the writer
 * reports. The checkpoint is the number of the last video handed out.
 */
@Named
@Dependent
public class FolderVideoReader extends AbstractItemReader {

    static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".mov", ".m4v", ".webm");

    @Inject
    @BatchProperty
    String folder;

    private Iterator<Path> videos;
    private long number;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            videos = files.filter(Files::isRegularFile)
                    .filter(f -> VIDEO_EXTENSIONS.stream().anyMatch(f.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted().toList().iterator();
        }
        long done = checkpoint == null ? 0 : (Long) checkpoint;
        while (number < done && videos.hasNext()) {
            videos.next();
            number++;
        }
    }

    @Override
    public Object readItem() throws IOException {
        if (!videos.hasNext()) {
            return null;
        }
        Path video = videos.next();
        number++;
        String name = video.getFileName().toString();
        Path caption = video.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt");
        return new FolderVideo(number, video.toString(), Files.isRegularFile(caption) ? Files.readString(caption, StandardCharsets.UTF_8).strip() : null);
    }

    @Override
    public Serializable checkpointInfo() {
        return number;
    }
}
