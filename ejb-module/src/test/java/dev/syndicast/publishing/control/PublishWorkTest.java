package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls of one attempt: a job whose earlier attempt may have reached the platform is sent only after a lookup. */
class PublishWorkTest {

    /** Answers lookups and publishes as told, and remembers what it was asked. */
    private static final class ScriptedConnector implements Connector {
        final List<String> calls = new ArrayList<>();
        CheckOutcome check = new CheckOutcome.NotFound();
        CompletableFuture<PublishOutcome> publish = CompletableFuture.completedFuture(new PublishOutcome.Published("p1", "u"));

        @Override
        public boolean serves(String platform, String serviceUrl) {
            return true;
        }

        @Override
        public CompletableFuture<PublishOutcome> publish(PublishRequest request) {
            calls.add("publish");
            return publish;
        }

        @Override
        public CompletableFuture<CheckOutcome> check(PublishRequest request) {
            calls.add("check");
            return CompletableFuture.completedFuture(check);
        }

        @Override
        public boolean delete(PublishRequest request, String externalId) {
            return false;
        }
    }

    private final ScriptedConnector connector = new ScriptedConnector();

    private static PublishRequest request(boolean verifyFirst, boolean mayCallAgain) {
        return new PublishRequest(UUID.randomUUID(), 3, "syn-key", verifyFirst, mayCallAgain, "sandbox", UUID.randomUUID(),
                "acct", "sandbox", "token", "hello", null, List.of(), List.of(), List.of(), null);
    }

    private PublishWork.Result run(PublishRequest request) {
        return new PublishWork.Started(request, connector).run().join();
    }

    @Test
    void aFirstAttemptPublishesWithoutALookup() {
        PublishWork.Result result = run(request(false, true));
        assertThat(connector.calls).containsExactly("publish");
        assertThat(result.called()).isTrue();
        assertThat(result.outcome()).isEqualTo(new PublishOutcome.Published("p1", "u"));
        assertThat(result.generation()).isEqualTo(3);
    }

    @Test
    void aPostFoundByTheLookupIsNeverSentAgain() {
        connector.check = new CheckOutcome.Found("p0", "u0");
        PublishWork.Result result = run(request(true, true));
        assertThat(connector.calls).containsExactly("check");
        assertThat(result.called()).isFalse();
        assertThat(result.check()).isEqualTo(new CheckOutcome.Found("p0", "u0"));
    }

    @Test
    void aPlatformThatCannotBeAskedIsNotSentAnything() {
        connector.check = new CheckOutcome.CannotTell("HTTP 503");
        PublishWork.Result result = run(request(true, true));
        assertThat(connector.calls).containsExactly("check");
        assertThat(result.called()).isFalse();
    }

    @Test
    void noPostOnThePlatformMeansOneMoreCallWhileAnAttemptIsLeft() {
        assertThat(run(request(true, true)).called()).isTrue();
        assertThat(connector.calls).containsExactly("check", "publish");
        connector.calls.clear();
        PublishWork.Result none = run(request(true, false));
        assertThat(connector.calls).containsExactly("check");
        assertThat(none.check()).isInstanceOf(CheckOutcome.NotFound.class);
        assertThat(none.called()).isFalse();
    }

    @Test
    void aConnectorThatBreaksItsContractGivesAnUnknownOutcomeNotAnException() {
        connector.publish = CompletableFuture.failedFuture(new IllegalStateException("bug"));
        PublishWork.Result result = run(request(false, true));
        assertThat(result.called()).isTrue();
        assertThat(result.outcome()).isInstanceOf(PublishOutcome.Unknown.class);
    }
}
