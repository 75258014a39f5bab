package dev.syndicast.publishing.control;

import dev.syndicast.batch.control.ServerJobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.core.entity.DomainException;
import dev.syndicast.media.boundary.MediaImports;
import dev.syndicast.media.entity.MediaItem;
import dev.syndicast.posts.control.PostDraft;
import dev.syndicast.posts.control.PostMedia;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link FolderUploadItems} on the server: the video goes into the media library, then its post and its result commit
 * in a transaction of their own ({@link FolderVideoPosts}).
 */
@ApplicationScoped
public class ServerFolderUploadItems implements FolderUploadItems {

    private static final Logger LOG = Logger.getLogger(ServerFolderUploadItems.class.getName());
    private static final String FOLDER_UPLOAD = "folder-upload";

    @Inject
    MediaImports media;

    @Inject
    FolderVideoPosts rows;

    @Inject
    ServerJobItems results;

    @Override
    public ItemOutcome uploadVideo(long jobInstanceId, String jobName, UUID workspaceId, long number, Path video,
                                   String caption, List<String> platforms, List<String> accountIds, Instant scheduledAt) {
        Optional<ItemOutcome> done = results.done(jobInstanceId, number);
        if (done.isPresent()) {
            return done.get();
        }
        String file = video.getFileName().toString();
        List<String> plan = platforms.stream().map(p -> "PLAN " + file + " -> " + p + " at " + scheduledAt).toList();
        LOG.info(String.join("\n", plan));
        List<String> reported;
        ItemOutcome outcome;
        try {
            MediaItem item = media.registerLocalFile(workspaceId, video, file,
                    new MediaItem.Metadata(null, List.of(FOLDER_UPLOAD), "uploads")).item();
            ItemOutcome created = rows.createAndRecord(jobInstanceId, jobName, workspaceId, number, file,
                    folderPost(file, caption, item, platforms, accountIds, scheduledAt));
            reported = platforms.stream().map(p -> "OK " + file + " -> " + p + " post " + created.reference()).toList();
            outcome = ItemOutcome.done(created.reference(), lines(plan, reported));
        } catch (DomainException refused) {
            reported = platforms.stream().map(p -> "ERR " + file + " -> " + p + ": " + refused.getMessage()).toList();
            outcome = ItemOutcome.failed(lines(plan, reported));
        }
        rows.record(jobInstanceId, jobName, workspaceId, number, file, outcome);
        LOG.info(String.join("\n", reported));
        return outcome;
    }

    /** One post for a folder video: the caption as text, the library item as media, a target per platform. */
    private static PostDraft folderPost(String file, String caption, MediaItem item, List<String> platforms, List<String> accountIds,
                                        Instant scheduledAt) {
        List<PostDraft.TargetDraft> targets = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
            String account = accountIds.isEmpty() ? null : accountIds.get(accountIds.size() == 1 ? 0 : i);
            targets.add(new PostDraft.TargetDraft(platforms.get(i), account, scheduledAt, null, null, null));
        }
        PostMedia media = new PostMedia(item.getStoragePath(), item.getId().toString(), item.getMimeType(), null);
        return new PostDraft(caption, null, Map.of(), List.of(), List.of(media), List.of(), List.of(FOLDER_UPLOAD), List.of(),
                null, null, null, "scheduled", scheduledAt, targets, file, FOLDER_UPLOAD, null, null, null);
    }

    private static String lines(List<String> plan, List<String> results) {
        List<String> all = new ArrayList<>(plan);
        all.addAll(results);
        return String.join("\n", all);
    }
}
