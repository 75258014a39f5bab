package dev.syndicast.publishing.control;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One claimed job on its way to the platform, and what came of it. */
public final class PublishWork {

    private PublishWork() {
    }

    /** A job started by {@code PublishJobs.begin}: the call to make and the connector to make it with. */
    public record Started(PublishRequest request, Connector connector) {

        /**
         * Makes this attempt's calls: a job whose earlier attempt may have reached the platform is looked up first,
         * and sent again only when the platform says it has no such post and an attempt is left. Never completes
         * exceptionally: a connector that breaks its contract gives an unknown outcome (its call may have gone out).
         */
        public CompletableFuture<Result> run() {
            if (!request.verifyFirst()) {
                return send();
            }
            return guarded(connector.check(request), t -> new CheckOutcome.CannotTell("the lookup failed: " + t.getMessage()))
                    .thenCompose(check -> {
                        if (check instanceof CheckOutcome.NotFound && request.mayCallAgain()) {
                            return send();
                        }
                        return CompletableFuture.completedFuture(new Result(request.jobId(), request.generation(), check, null));
                    });
        }

        private CompletableFuture<Result> send() {
            return guarded(connector.publish(request), t -> new PublishOutcome.Unknown("The call failed: " + t.getMessage()))
                    .thenApply(outcome -> new Result(request.jobId(), request.generation(), null, outcome));
        }

        private static <T> CompletableFuture<T> guarded(CompletableFuture<T> call, Function<Throwable, T> fallback) {
            return call == null ? CompletableFuture.completedFuture(fallback.apply(new IllegalStateException("no call")))
                    : call.exceptionally(fallback);
        }
    }

    /**
     * The result to record. {@code check} is the lookup's answer when this attempt asked first (else null);
     * {@code outcome} is the publish call's (null when no call was made: the post was found, the platform could not
     * be asked, or it has no such post and no attempt is left).
     */
    public record Result(UUID jobId, int generation, CheckOutcome check, PublishOutcome outcome) {

        /** Whether a publish call went out in this attempt. */
        public boolean called() {
            return outcome != null;
        }
    }
}
