package dev.syndicast.media.control;

import java.util.Optional;
import java.util.UUID;

/**
 * Asked before an item is deleted: a capability that refers to media (scheduled posts) implements it as a
 * CDI bean and names the use that forbids deletion. None is deployed until such a capability exists.
 */
public interface MediaUsage {

    /** Why the item must not be deleted now, or empty if this capability does not use it. */
    Optional<String> blockingUse(UUID workspaceId, UUID itemId, String storagePath);
}
