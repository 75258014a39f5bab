package dev.syndicast.media.control;

import dev.syndicast.batch.entity.ItemOutcome;

import java.util.List;
import java.util.UUID;

/**
 * What the media-import job's writer calls to import one URL. The server's implementation goes through the media
 * library; the JBeret SE tests replace it with an in-memory one.
 */
public interface MediaImportItems {

    /** Imports one URL into the workspace's media library; a refusal is an error outcome, not an exception. */
    ItemOutcome importMedia(UUID workspaceId, String url, String folderPath, List<String> tags);
}
