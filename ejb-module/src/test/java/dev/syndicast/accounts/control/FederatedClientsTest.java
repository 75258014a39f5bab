package dev.syndicast.accounts.control;

import dev.syndicast.accounts.entity.InstanceLimits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class FederatedClientsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aMastodonInstanceDescriptionGivesItsCharacterAndAttachmentLimits() {
        // The shape of docs.joinmastodon.org/methods/instance#v2 (entities/Instance), trimmed.
        JsonObject v2 = json("""
                {"domain":"mastodon.social","title":"Mastodon","version":"4.3.0",
                 "configuration":{"urls":{"streaming":"wss://mastodon.social"},
                   "statuses":{"max_characters":5000,"max_media_attachments":6,"characters_reserved_per_url":23},
                   "media_attachments":{"image_size_limit":16777216}}}""");
        assertThat(FederatedClients.instanceLimits(v2)).isEqualTo(new InstanceLimits(5000, 6));
    }

    @Test
    void anInstanceThatDoesNotSayLeavesTheLimitsUnknown() {
        assertThat(FederatedClients.instanceLimits(json("{\"domain\":\"example.test\"}")).isEmpty()).isTrue();
        assertThat(FederatedClients.instanceLimits(json("{\"configuration\":{\"statuses\":{}}}")).isEmpty()).isTrue();
        assertThat(FederatedClients.instanceLimits(json("{\"configuration\":{\"statuses\":{\"max_characters\":\"many\"}}}"))
                .isEmpty()).isTrue();
        assertThat(FederatedClients.instanceLimits(json("{\"configuration\":{\"statuses\":{\"max_characters\":1000}}}")))
                .isEqualTo(new InstanceLimits(1000, null));
    }
}
