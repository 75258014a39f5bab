package dev.syndicast.media.control;

import dev.syndicast.media.entity.MediaRejectedException;
import dev.syndicast.media.entity.MediaRejectedException.Reason;
import dev.syndicast.scheduling.control.TaskFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * What differs between the ways into the library once the bytes flow: whether someone waits for the item (a
 * duplicate then answers with the item the workspace already has), and how a failure is kept on the item and told
 * to whoever started the ingest. {@link MediaIngest} does the rest the same way for all of them.
 *
 * @param <X> the checked exception the caller is told failures with ({@link RuntimeException} for none)
 */
public final class IngestMode<X extends Exception> {

    /**
     * A failed ingest: the reason its item keeps, whether the item stays in transfer for another attempt (rather
     * than failing for good), and what the caller is thrown.
     */
    public record Failure(String reason, boolean retryLater, Exception thrown) {
    }

    /**
     * In a request (an import by URL, a signed PUT, a file of this server): a refusal fails the item with its own
     * sentence and reaches the caller as it is; a storage error fails it as such and reaches the caller unchecked.
     */
    public static final IngestMode<RuntimeException> IN_REQUEST = new IngestMode<>(true, RuntimeException.class,
            IngestMode::asItIs, e -> new Failure(storageError(e), false, new UncheckedIOException(e)));

    /**
     * A form upload: as in a request, except that an I/O error, most likely the client's body breaking off, is the
     * upload's fault (400), whatever part of the ingest it interrupted.
     */
    public static final IngestMode<RuntimeException> FORM_UPLOAD = new IngestMode<>(true, RuntimeException.class,
            IngestMode::asItIs, e -> {
                String reason = "The upload was interrupted: " + e.getMessage();
                return new Failure(reason, false, new MediaRejectedException(Reason.BAD_UPLOAD, reason));
            });

    private final boolean synchronous;
    private final Class<X> checked;
    private final Function<RuntimeException, Failure> onRuntime;
    private final Function<IOException, Failure> onIo;

    private IngestMode(boolean synchronous, Class<X> checked, Function<RuntimeException, Failure> onRuntime,
                       Function<IOException, Failure> onIo) {
        this.synchronous = synchronous;
        this.checked = checked;
        this.onRuntime = onRuntime;
        this.onIo = onIo;
    }

    /**
     * An attempt of a background import (the task's payload names an item whose id the caller already has): a
     * refusal that may pass (a timeout, a 5xx) keeps the item in transfer and asks the task machinery to retry,
     * unless this was the last attempt; any other refusal or a storage error fails the item and the task for good.
     * A bug fails the item and reaches the task machinery as it is, which logs it.
     */
    public static IngestMode<TaskFailedException> background(boolean lastAttempt) {
        return new IngestMode<>(false, TaskFailedException.class, e -> {
            if (e instanceof MediaRejectedException refused) {
                boolean retry = refused.isRetryable() && !lastAttempt;
                return new Failure(refused.getMessage(), retry, retry ? TaskFailedException.transientFailure(refused.getMessage())
                        : TaskFailedException.permanent(refused.getMessage()));
            }
            return asItIs(e);
        }, e -> new Failure(storageError(e), false, TaskFailedException.permanent(storageError(e))));
    }

    /** Whether a caller waits for the item; a background import has handed out its item's id already. */
    public boolean synchronous() {
        return synchronous;
    }

    public Failure failure(RuntimeException e) {
        return onRuntime.apply(e);
    }

    public Failure failure(IOException e) {
        return onIo.apply(e);
    }

    /** The failure's exception, to throw: either unchecked, or this mode's checked one. */
    X raise(Failure failure) {
        if (failure.thrown() instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        return checked.cast(failure.thrown());
    }

    /** The reason kept on a failed item: the refusal's own sentence, or the kind of an unexpected error. */
    static String reasonOf(RuntimeException e) {
        return e instanceof MediaRejectedException ? e.getMessage() : "Internal error (" + e.getClass().getSimpleName() + ")";
    }

    private static Failure asItIs(RuntimeException e) {
        return new Failure(reasonOf(e), false, e);
    }

    private static String storageError(IOException e) {
        return "Storage error: " + e.getMessage();
    }
}
