package dev.syndicast.posts.control;

/** A CSV row that became a post draft: its number (1 is the first row after the header), what the report shows of it, and the draft. */
public record PostImport(long row, String summary, PostDraft draft) {
}
