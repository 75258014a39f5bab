package dev.syndicast.accounts.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceLimitsTest {

    @Test
    void theLimitsSurviveTheAccountsMetadata() {
        InstanceLimits limits = new InstanceLimits(5000, 8);
        assertThat(limits.toPlatformMeta()).isEqualTo("{\"instance\":{\"max_characters\":5000,\"max_media_attachments\":8}}");
        assertThat(InstanceLimits.ofPlatformMeta(limits.toPlatformMeta())).contains(limits);
        assertThat(InstanceLimits.ofPlatformMeta(new InstanceLimits(700, null).toPlatformMeta())).contains(new InstanceLimits(700, null));
    }

    @Test
    void metadataWithoutLimitsHasNone() {
        assertThat(InstanceLimits.ofPlatformMeta(null)).isEmpty();
        assertThat(InstanceLimits.ofPlatformMeta("")).isEmpty();
        assertThat(InstanceLimits.ofPlatformMeta("not json")).isEmpty();
        assertThat(InstanceLimits.ofPlatformMeta("{\"other\":1}")).isEmpty();
        assertThat(InstanceLimits.ofPlatformMeta("{\"instance\":{\"max_characters\":0}}")).as("zero says nothing").isEmpty();
        assertThat(new InstanceLimits(-1, 0).isEmpty()).isTrue();
    }
}
