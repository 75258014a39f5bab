package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.media.entity.MediaStatus;
import dev.syndicast.media.entity.ProbeFacts;
import dev.syndicast.media.entity.StoredContent;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link MediaRecords} over a map: each step applied to the item at once, as the real one commits it. */
class InMemoryMediaRecords extends MediaRecords {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final Map<UUID, MediaItem> items = new LinkedHashMap<>();

    @Override
    public MediaItem create(MediaItem item) {
        items.put(item.getId(), item);
        return item;
    }

    @Override
    public MediaItem continueInBackground(UUID itemId) {
        MediaItem item = load(itemId);
        item.continueInBackground(UUID.randomUUID(), NOW);
        return item;
    }

    @Override
    public Optional<MediaItem> find(UUID itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    @Override
    public Optional<MediaItem> findReadyByChecksum(UUID workspaceId, String sha256) {
        return items.values().stream()
                .filter(i -> i.getWorkspaceId().equals(workspaceId) && sha256.equals(i.getChecksumSha256()))
                .filter(i -> i.getStatus() == MediaStatus.READY && i.getDuplicateOf() == null)
                .min(Comparator.comparing(MediaItem::getCreatedAt));
    }

    @Override
    public MediaItem describe(UUID itemId, MediaItem.Metadata metadata) {
        MediaItem item = load(itemId);
        item.describe(metadata, NOW);
        return item;
    }

    @Override
    public MediaItem contentStored(UUID itemId, StoredContent content) {
        MediaItem item = load(itemId);
        item.contentStored(content, NOW);
        return item;
    }

    @Override
    public MediaItem ready(UUID itemId, ProbeFacts facts, String thumbnailPath) {
        MediaItem item = load(itemId);
        item.ready(facts, thumbnailPath, NOW);
        return item;
    }

    @Override
    public MediaItem readyAsDuplicateOf(UUID itemId, UUID originalId) {
        MediaItem item = load(itemId);
        item.readyAsDuplicateOf(load(originalId), NOW);
        return item;
    }

    @Override
    public void failIfInProgress(UUID itemId, String reason) {
        MediaItem item = items.get(itemId);
        if (item != null && !item.getStatus().isFinal()) {
            item.fail(reason, NOW);
        }
    }

    @Override
    public void attemptFailed(UUID itemId, String reason) {
        load(itemId).attemptFailed(reason, NOW);
    }

    @Override
    public void discard(UUID itemId) {
        items.remove(itemId);
    }

    @Override
    public boolean pathInUse(UUID workspaceId, String storagePath, UUID exceptItemId) {
        return items.values().stream().anyMatch(i -> i.getWorkspaceId().equals(workspaceId)
                && storagePath.equals(i.getStoragePath()) && !i.getId().equals(exceptItemId));
    }

    private MediaItem load(UUID itemId) {
        return Objects.requireNonNull(items.get(itemId), "no item " + itemId);
    }
}
