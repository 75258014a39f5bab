package dev.syndicast.media.boundary;

import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.control.MediaImportItems;
import dev.syndicast.media.control.MediaOutcome;
import dev.syndicast.media.entity.MediaItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** {@link MediaImportItems} on the server: the media library's import from a URL ({@link MediaImports}), in the chunk's transaction. */
@ApplicationScoped
public class ServerMediaImportItems implements MediaImportItems {

    @Inject
    MediaImports media;

    @Override
    public ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags) {
        try {
            MediaOutcome outcome = media.importFromUrl(workspaceId, new MediaImports.ImportRequest(url,
                    new MediaItem.Metadata(null, tags, folderPath), false));
            String what = switch (outcome.disposition()) {
                case CREATED -> "imported";
                case EXISTING -> "already in the library";
                case ACCEPTED -> "importing in the background";
            };
            return ItemOutcome.done(outcome.item().getId().toString(), what);
        } catch (DomainException refused) {
            // The library refused this URL (forbidden address, too large, wrong type, unreachable): the item's
            // outcome, while the job goes on with the next URL.
            return ItemOutcome.failed(refused.getMessage());
        }
    }
}
