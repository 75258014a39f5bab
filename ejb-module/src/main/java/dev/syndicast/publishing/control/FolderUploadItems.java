package dev.syndicast.publishing.control;

import dev.syndicast.batch.entity.ItemOutcome;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the folder-upload job's writer calls to have one video published. The server's implementation goes through
 * the media library's and the posts' boundaries; the JBeret SE tests replace it with an in-memory one.
 */
public interface FolderUploadItems {

    /**
     * The folder upload of one video: imports it into the media library and creates one post for it with a
     * target per platform at {@code scheduledAt}; the outcome's detail holds the PLAN, OK and ERR lines. A video
     * already done by an earlier run of the job instance is left alone.
     */
    ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, Path video,
                            String caption, List<String> platforms, List<String> accountIds, Instant scheduledAt);
}
