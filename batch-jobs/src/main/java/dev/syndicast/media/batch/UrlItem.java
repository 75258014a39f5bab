package dev.syndicast.media.batch;

import java.io.Serializable;
import java.util.List;

/** One URL to import, with its 1-based number in the list (the number the results and errors show). */
public record UrlItem(long number, String url, String folderPath, List<String> tags) implements Serializable {
}
