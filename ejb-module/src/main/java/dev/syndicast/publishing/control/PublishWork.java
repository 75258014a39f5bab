package dev.syndicast.publishing.control;

import java.util.UUID;

/** One claimed job on its way to the platform, and what came of it. */
public final class PublishWork {

    private PublishWork() {
    }

    /** A job started by {@code PublishJobs.begin}: the call to make and the connector to make it with. */
    public record Started(PublishRequest request, Connector connector) {
    }

    /** The result to record; {@code confirmed} when a check found the post a previous attempt created. */
    public record Result(UUID jobId, int generation, PublishOutcome outcome, boolean confirmed) {
    }
}
