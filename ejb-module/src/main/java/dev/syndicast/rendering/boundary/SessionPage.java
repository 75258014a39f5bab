package dev.syndicast.rendering.boundary;

import dev.syndicast.rendering.entity.RenderSession;

import java.util.List;

/** One page of a workspace's sessions, newest first. */
public record SessionPage(List<RenderSession> sessions, long totalCount, int page, int pageSize) {
}
