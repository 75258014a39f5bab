package dev.syndicast.publishing.batch;

import java.io.Serializable;

/** One video of the folder (its number in name order) and its caption, read from the same-named {@code .txt}. */
public record FolderVideo(long number, String video, String caption) implements Serializable {
}
