package dev.syndicast.publishing.batch;

import dev.syndicast.batch.control.JobItems;
import dev.syndicast.batch.entity.ItemOutcome;
import dev.syndicast.publishing.control.FolderUploadItems;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Has each video imported and scheduled: the n-th video of the folder at {@code startAt + (n-1) * intervalMinutes},
 * one post with a target per platform. After a video is done it is kept, moved to {@code done/} or deleted, as
 * {@code afterUpload} says.
 */
@Named
@Dependent
public class FolderUploadWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String workspaceId;

    @Inject
    @BatchProperty
    String platforms;

    @Inject
    @BatchProperty
    String accountIds;

    @Inject
    @BatchProperty
    String startAt;

    @Inject
    @BatchProperty
    String intervalMinutes;

    @Inject
    @BatchProperty
    String afterUpload;

    @Inject
    JobContext job;

    @Inject
    JobItems items;

    @Inject
    FolderUploadItems uploads;

    @Override
    public void writeItems(List<Object> chunk) {
        UUID workspace = UUID.fromString(workspaceId);
        List<String> platformList = split(platforms);
        Instant start = Instant.parse(startAt);
        long interval = Long.parseLong(intervalMinutes.strip());
        for (Object element : chunk) {
            FolderVideo video = (FolderVideo) element;
            Path file = Path.of(video.video());
            ItemOutcome outcome;
            if (video.caption() == null || video.caption().isBlank()) {
                outcome = ItemOutcome.failed("ERR " + file.getFileName() + ": no caption (" + file.getFileName() + " needs a same-named .txt)");
                items.record(job.getInstanceId(), job.getJobName(), workspace, video.number(), file.getFileName().toString(), outcome);
                continue;
            }
            Instant at = start.plus(Duration.ofMinutes(interval * (video.number() - 1)));
            outcome = uploads.uploadVideo(job.getInstanceId(), job.getJobName(), workspace, video.number(), file, video.caption(),
                    platformList, split(accountIds), at);
            if (outcome.ok()) {
                afterUpload(file);
            }
        }
    }

    private void afterUpload(Path video) {
        String name = video.getFileName().toString();
        Path caption = video.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".txt");
        try {
            switch (afterUpload == null ? "keep" : afterUpload.strip()) {
                case "delete" -> {
                    Files.deleteIfExists(video);
                    Files.deleteIfExists(caption);
                }
                case "move" -> {
                    Path done = Files.createDirectories(video.resolveSibling("done"));
                    Files.move(video, done.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    if (Files.exists(caption)) {
                        Files.move(caption, done.resolve(caption.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                default -> {
                    // keep: the files stay where they are.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + afterUpload + " " + video, e);
        }
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split("[;|,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
