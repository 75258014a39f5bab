package dev.syndicast.posts.batch;

import dev.syndicast.posts.control.PostDraft;

import java.io.Serializable;

/** A row that became a post draft. */
public record PostRow(long number, String summary, PostDraft draft) implements Serializable {
}
