package dev.syndicast.core.rest;

import dev.syndicast.core.entity.PageRequest;

/**
 * The paging of a list reply of the external API v1, under {@code meta} beside the page's {@code data}:
 * {@code {"total", "page", "limit"}}, {@code total} counting every row that matches, not only this page's.
 */
public record PageMeta(long total, int page, int limit) {

    public static PageMeta of(PageRequest request, long total) {
        return new PageMeta(total, request.page(), request.limit());
    }
}
