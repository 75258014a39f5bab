package dev.syndicast.rendering.control;

/** A stage failed in a way worth telling the caller (the message becomes the session's error_message). */
public class RenderFailedException extends RuntimeException {

    public RenderFailedException(String message) {
        super(message);
    }

    public RenderFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
