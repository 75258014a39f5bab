package dev.syndicast.publishing.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BlueskyConnectorTest {

    private final BlueskyConnector connector = new BlueskyConnector();

    @Test
    void servesBlueskyAccountsButNotThoseConnectedThroughTheSandbox() {
        assertThat(connector.serves("bluesky", "https://bsky.social")).isTrue();
        assertThat(connector.serves("bluesky", null)).isTrue();
        assertThat(connector.serves("bluesky", SandboxConnector.SERVICE)).isFalse();
        assertThat(connector.serves("mastodon", "https://mastodon.social")).isFalse();
        assertThat(new SandboxConnector().serves("bluesky", SandboxConnector.SERVICE)).isTrue();
    }

    @Test
    void everyOutcomeHasItsReason() {
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.Unknown("lost"))).isEqualTo("lost");
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.NotProcessed("later", null))).isEqualTo("later");
        assertThat(BlueskyConnector.reasonOf(new PublishOutcome.Permanent("never"))).isEqualTo("never");
    }
}
