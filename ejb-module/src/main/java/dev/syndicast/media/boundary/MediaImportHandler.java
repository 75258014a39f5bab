package dev.syndicast.media.boundary;

import dev.syndicast.media.control.MediaRecords;
import dev.syndicast.scheduling.control.TaskContext;
import dev.syndicast.scheduling.control.TaskFailedException;
import dev.syndicast.scheduling.control.TaskHandler;
import dev.syndicast.scheduling.control.TaskSettings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Runs background imports (task kind {@value MediaRecords#IMPORT_TASK_KIND}); the payload is the item id. An entry
 * point like a message listener: it reads the payload and calls the import boundary once.
 */
@ApplicationScoped
public class MediaImportHandler implements TaskHandler {

    @EJB
    MediaImports imports;

    @Inject
    TaskSettings taskSettings;

    @Override
    public String kind() {
        return MediaRecords.IMPORT_TASK_KIND;
    }

    @Override
    public String handle(TaskContext task) throws TaskFailedException {
        return imports.runBackgroundImport(itemId(task), task.attempt() >= taskSettings.maxAttempts());
    }

    /** The media item a media task is about: its payload, refused for good when it is not an id. */
    static UUID itemId(TaskContext task) throws TaskFailedException {
        try {
            return UUID.fromString(task.payload());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw TaskFailedException.permanent("Payload is not a media item id: " + task.payload());
        }
    }
}
