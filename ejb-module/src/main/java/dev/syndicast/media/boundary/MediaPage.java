package dev.syndicast.media.boundary;

import dev.syndicast.media.entity.MediaItem;

import java.util.List;

/** One page of a filtered list (pages count from 1). */
public record MediaPage(List<MediaItem> items, int page, int limit, long total) {
}
