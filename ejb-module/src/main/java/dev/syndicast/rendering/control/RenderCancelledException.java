package dev.syndicast.rendering.control;

/** The session was cancelled while a stage ran; the stage stops and leaves nothing half-written. */
public class RenderCancelledException extends RuntimeException {

    public RenderCancelledException(String message) {
        super(message);
    }
}
